// Pure helpers of the document screens: the register (issuing unit) a drafter's letter goes to,
// editing the verifier chain, where a click on a rendered PDF page lands in PDF points, and
// small display rules. No React, no network: unit-tested in documents.test.ts.

export interface UnitLike {
  id: string;
  parentId: string | null;
  depth: number;
  code: string | null;
}

/**
 * The unit whose register numbers a drafter's letter when he does not choose one: the
 * Perangkat Daerah (depth 1) containing his unit if it has a code, else the nearest ancestor
 * with a code (the server decides the same way in registerDocument.ts).
 */
export function defaultIssuingUnitId(units: UnitLike[], unitId: string): string | null {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: UnitLike[] = [];
  for (let u = byId.get(unitId); u; u = u.parentId ? byId.get(u.parentId) : undefined) chain.push(u);
  const pd = chain.find((u) => u.depth === 1 && u.code);
  if (pd) return pd.id;
  return chain.find((u) => u.code)?.id ?? null;
}

/** The list with the item at `from` moved to `to` (both clamped); a new array. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}

/** Verifier chain after choosing a signer: the suggestion minus the signer, without repeats. */
export function cleanChain(verifierIds: readonly string[], signerId: string | null, onBehalfOfId?: string | null): string[] {
  const seen = new Set<string>();
  return verifierIds.filter((id) => {
    if (id === signerId || id === onBehalfOfId || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** A rendered PDF page: its PDF view box [x1, y1, x2, y2] (points) drawn at `scale` CSS px per point, not rotated. */
export interface PageGeometry {
  view: [number, number, number, number];
  scale: number;
}

/** CSS pixel offset inside the rendered page (origin top-left) → PDF user-space point (origin bottom-left). */
export function clickToPdfPoint(g: PageGeometry, px: number, py: number): { x: number; y: number } {
  const [x1, , , y2] = g.view;
  return { x: round2(x1 + px / g.scale), y: round2(y2 - py / g.scale) };
}

/** PDF user-space point → CSS pixel offset inside the rendered page. */
export function pdfPointToPixel(g: PageGeometry, x: number, y: number): { left: number; top: number } {
  const [x1, , , y2] = g.view;
  return { left: (x - x1) * g.scale, top: (y2 - y) * g.scale };
}

/** Size of the visible signature stamp the server draws (signature/pades/appearance.ts DEFAULT_STAMP). */
export const SIGNATURE_BOX = { width: 230, height: 72 } as const;

/**
 * The signature mark for a click: the click is the box's top-left corner. The server places the
 * box relative to the page's visible box, lower-left corner (x, y), so subtract the view origin.
 */
export function signatureMarkAt(g: PageGeometry, page: number, px: number, py: number) {
  const p = clickToPdfPoint(g, px, py);
  const [x1, y1] = g.view;
  return { page, x: round2(p.x - x1), y: round2(p.y - y1 - SIGNATURE_BOX.height), width: SIGNATURE_BOX.width, height: SIGNATURE_BOX.height };
}

/** Where a signature mark is drawn back on the page (top-left in CSS px, size in CSS px). */
export function signatureMarkBox(g: PageGeometry, m: { x: number; y: number; width: number; height: number }) {
  const [x1, y1] = g.view;
  const topLeft = pdfPointToPixel(g, m.x + x1, m.y + y1 + m.height);
  return { ...topLeft, width: m.width * g.scale, height: m.height * g.scale };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Minutes as civil servants read them: "45 mnt", "2 j 5 mnt", "3 hr 2 j". */
export function formatMinutes(minutes: number | null | undefined, units = { m: 'mnt', h: 'j', d: 'hr' }): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} ${units.m}`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} ${units.h} ${m % 60} ${units.m}` : `${h} ${units.h}`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} ${units.d} ${h % 24} ${units.h}` : `${d} ${units.d}`;
}

export interface StepLike {
  order: number;
  kind: 'verify' | 'sign';
  positionName: string;
}

/** Where a verifier may send a document back: the drafter, or a verifier before him. */
export function returnTargets(steps: readonly StepLike[], currentStepOrder: number | null): Array<{ to: 'drafter' | number; positionName: string | null }> {
  const earlier = steps.filter((s) => s.kind === 'verify' && currentStepOrder !== null && s.order < currentStepOrder);
  return [{ to: 'drafter' as const, positionName: null }, ...earlier.map((s) => ({ to: s.order, positionName: s.positionName }))];
}

export interface EventLike {
  action: string;
  note: string | null;
  actorName: string | null;
  at: string;
}

/** The latest return (reason, who, when) if the document was returned and not yet resubmitted. */
export function lastReturn<E extends EventLike>(events: readonly E[]): E | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.action === 'returned') return e;
    if (e.action === 'submitted' || e.action === 'approved' || e.action === 'edited_and_approved' || e.action === 'signed') return null;
  }
  return null;
}

export type StatusColor = 'gray' | 'orange' | 'grape' | 'red' | 'teal' | 'green' | 'dark';

export function statusColor(status: string): StatusColor {
  switch (status) {
    case 'draft':
      return 'gray';
    case 'returned':
      return 'orange';
    case 'in_verification':
      return 'grape';
    case 'awaiting_signature':
      return 'red';
    case 'signed':
      return 'teal';
    case 'delivered':
      return 'green';
    default:
      return 'dark';
  }
}

/** The order the action buttons appear in: the main forward action last (nearest the thumb on the right). */
const ACTION_ORDER = ['cancel', 'return', 'edit_and_approve', 'deliver', 'submit', 'approve', 'sign'] as const;
export function orderActions<A extends string>(actions: readonly A[]): A[] {
  const rank = (a: string) => {
    const i = (ACTION_ORDER as readonly string[]).indexOf(a);
    return i === -1 ? ACTION_ORDER.length : i;
  };
  return [...actions].sort((a, b) => rank(a) - rank(b));
}

/** Bytes as "850 KB" / "1,2 MB". */
export function formatBytes(n: number, locale = 'id-ID'): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n / (1024 * 1024))} MB`;
}
