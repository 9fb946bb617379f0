// The service ticket's pure state machine: which action, by whom (capacity), from which state,
// leads where, and what must happen after commit (effects). No database, no clock.
import type { CatalogueEntry, StepKind } from './catalogue.js';

export const TICKET_STATUSES = [
  'in_progress', // at a person's step (review, check, provision)
  'returned', // back with the applicant for a fix
  'provisioning', // the directory job runs
  'provision_failed', // the directory refused or stayed down; the admin decides
  'awaiting_activation', // username + activation link sent; the applicant activates
  'active', // step 7: mailbox in use (ticket closed)
  'suspended', // later: account suspended by the admin
  'closed', // later: account closed (the official left)
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses after which the request file is kept by the PII officer alone. */
export const DONE_STATUSES: readonly TicketStatus[] = ['active', 'suspended', 'closed', 'cancelled'];
export function isDone(status: TicketStatus): boolean {
  return DONE_STATUSES.includes(status);
}

export interface TicketState {
  status: TicketStatus;
  step: number;
  returnedFromStep: number | null;
}

export type Capacity = 'applicant' | 'step_actor' | 'admin_email' | 'system';

export type TicketAction =
  | { type: 'dispose'; note?: string | undefined }
  | { type: 'accept'; checklist: Record<string, boolean> }
  | { type: 'return'; reason: string }
  | { type: 'resubmit' }
  | { type: 'provision' }
  | { type: 'provisioned' }
  | { type: 'provision_failed'; message: string }
  | { type: 'resend_activation' }
  | { type: 'activate' }
  | { type: 'suspend' }
  | { type: 'unsuspend' }
  | { type: 'reset' }
  | { type: 'close_account' }
  | { type: 'cancel'; reason: string };
export type ActionType = TicketAction['type'];

export type Effect =
  | { kind: 'provision_account' }
  | { kind: 'send_activation' }
  | { kind: 'notify_applicant'; template: 'returned' | 'active' | 'cancelled' | 'suspended' | 'closed' }
  | { kind: 'notify_chain'; template: 'active' }
  | { kind: 'directory'; op: 'suspend' | 'unsuspend' | 'reset' | 'close' };

export type Decision = { ok: true; next: TicketState; effects: Effect[] } | { ok: false; reason: 'NOT_ALLOWED_NOW' | 'NOT_YOUR_STEP' | 'CHECKLIST_INCOMPLETE' | 'REASON_REQUIRED' };

type Steps = Pick<CatalogueEntry, 'steps' | 'checklist'>;

function kindAt(entry: Steps, step: number): StepKind | null {
  return entry.steps.find((s) => s.no === step)?.kind ?? null;
}
function nextStep(entry: Steps, step: number): number {
  const sorted = entry.steps.map((s) => s.no).sort((a, b) => a - b);
  return sorted.find((n) => n > step) ?? step;
}
function stepOfKind(entry: Steps, kind: StepKind): number | null {
  return entry.steps.find((s) => s.kind === kind)?.no ?? null;
}

/** The capacity each action needs. */
const NEEDS: Record<ActionType, Capacity> = {
  dispose: 'step_actor',
  accept: 'step_actor',
  return: 'step_actor',
  resubmit: 'applicant',
  provision: 'step_actor',
  provisioned: 'system',
  provision_failed: 'system',
  resend_activation: 'admin_email',
  activate: 'system',
  suspend: 'admin_email',
  unsuspend: 'admin_email',
  reset: 'admin_email',
  close_account: 'admin_email',
  cancel: 'admin_email',
};

export function decide(entry: Steps, s: TicketState, action: TicketAction, capacities: ReadonlySet<Capacity>): Decision {
  if (!capacities.has(NEEDS[action.type])) return { ok: false, reason: 'NOT_YOUR_STEP' };
  const kind = kindAt(entry, s.step);
  const no = { ok: false as const, reason: 'NOT_ALLOWED_NOW' as const };
  const go = (next: Partial<TicketState>, effects: Effect[] = []): Decision => ({ ok: true, next: { ...s, ...next }, effects });
  switch (action.type) {
    case 'dispose':
      if (s.status !== 'in_progress' || kind !== 'review') return no;
      return go({ step: nextStep(entry, s.step) });
    case 'accept': {
      if (s.status !== 'in_progress' || kind !== 'check') return no;
      const complete = entry.checklist.every((item) => action.checklist[item.key] === true);
      if (!complete) return { ok: false, reason: 'CHECKLIST_INCOMPLETE' };
      return go({ step: nextStep(entry, s.step) });
    }
    case 'return':
      if (!action.reason.trim()) return { ok: false, reason: 'REASON_REQUIRED' };
      if (!((s.status === 'in_progress' && (kind === 'check' || kind === 'review')) || (s.status === 'provision_failed' && kind === 'provision'))) return no;
      return go({ status: 'returned', returnedFromStep: s.step }, [{ kind: 'notify_applicant', template: 'returned' }]);
    case 'resubmit':
      if (s.status !== 'returned' || s.returnedFromStep === null) return no;
      // A return from the account step goes back to the completeness check: the fix is checked again.
      return go({ status: 'in_progress', step: kindAt(entry, s.returnedFromStep) === 'provision' ? (stepOfKind(entry, 'check') ?? s.returnedFromStep) : s.returnedFromStep, returnedFromStep: null });
    case 'provision':
      if (kind !== 'provision' || (s.status !== 'in_progress' && s.status !== 'provision_failed')) return no;
      return go({ status: 'provisioning' }, [{ kind: 'provision_account' }]);
    case 'provisioned':
      if (s.status !== 'provisioning') return no;
      return go({ status: 'awaiting_activation', step: nextStep(entry, s.step) }, [{ kind: 'send_activation' }]);
    case 'provision_failed':
      if (s.status !== 'provisioning') return no;
      return go({ status: 'provision_failed' });
    case 'resend_activation':
      if (s.status !== 'awaiting_activation') return no;
      return go({}, [{ kind: 'send_activation' }]);
    case 'activate':
      if (s.status !== 'awaiting_activation' || kind !== 'deliver') return no;
      return go({ status: 'active', step: nextStep(entry, s.step) }, [
        { kind: 'notify_applicant', template: 'active' },
        { kind: 'notify_chain', template: 'active' },
      ]);
    case 'suspend':
      if (s.status !== 'active') return no;
      return go({ status: 'suspended' }, [{ kind: 'directory', op: 'suspend' }, { kind: 'notify_applicant', template: 'suspended' }]);
    case 'unsuspend':
      if (s.status !== 'suspended') return no;
      return go({ status: 'active' }, [{ kind: 'directory', op: 'unsuspend' }]);
    case 'reset': {
      if (s.status !== 'active' && s.status !== 'suspended') return no;
      const deliver = stepOfKind(entry, 'deliver');
      if (deliver === null) return no;
      return go({ status: 'awaiting_activation', step: deliver }, [{ kind: 'directory', op: 'reset' }, { kind: 'send_activation' }]);
    }
    case 'close_account':
      if (s.status !== 'active' && s.status !== 'suspended') return no;
      return go({ status: 'closed' }, [{ kind: 'directory', op: 'close' }, { kind: 'notify_applicant', template: 'closed' }]);
    case 'cancel':
      if (!action.reason.trim()) return { ok: false, reason: 'REASON_REQUIRED' };
      if (isDone(s.status) || s.status === 'provisioning' || s.status === 'awaiting_activation') return no;
      return go({ status: 'cancelled' }, [{ kind: 'notify_applicant', template: 'cancelled' }]);
  }
}

const PERSON_ACTIONS: ActionType[] = ['dispose', 'accept', 'return', 'resubmit', 'provision', 'resend_activation', 'suspend', 'unsuspend', 'reset', 'close_account', 'cancel'];

/** Buttons for a person: actions that would be accepted now (checklist/reason supplied by the form). */
export function availableActions(entry: Steps, s: TicketState, capacities: ReadonlySet<Capacity>): ActionType[] {
  const full = Object.fromEntries(entry.checklist.map((i) => [i.key, true]));
  return PERSON_ACTIONS.filter((type) => {
    const a = (type === 'accept' ? { type, checklist: full } : type === 'return' || type === 'cancel' ? { type, reason: 'x' } : { type }) as TicketAction;
    return decide(entry, s, a, capacities).ok;
  });
}
