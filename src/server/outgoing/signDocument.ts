// The signer signs (seed 000 step 8, seed 002 step 8, seed 003 step 6): the number and date
// are fixed (if not given before drafting), filled into the .docx (or stamped on the PDF
// draft), the final PDF rendered and signed through the signature module, then delivered:
// internal recipients and tembusan get it in their inbox, external ones wait in the outbox.
//
// The number and the date belong to the transaction that stores the signature, and to no
// earlier one: a wrong passphrase, a try while signing is locked, or any failure before that
// commit leaves the document without number and date and the register untouched. Rendering and
// signing take seconds and must not hold the register's row lock, so:
//   0. the signing session is opened first (lockout, passphrase checked where the signer can);
//   1. tx (rolled back): checks, and which number the register would give now;
//   2. render with that number and today's date, sign (no transaction);
//   3. tx: re-check, take the number for real, store, sign transition, deliver. If another
//      letter took that number meanwhile (or the day changed), 3 rolls back and 1–3 run again.
import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { AppError, isAppError } from '../errors.js';
import { MIME, readFileBytes, storeFile } from '../files/storeFile.js';
import { sha256Hex } from '../files/blobStore.js';
import { positions, users, type HolderKind } from '../org/schema.js';
import { actorView, checkVersion, documentAccess, loadSteps, lockDocument, type ActorView, type DocumentRow, type StepRow } from './access.js';
import { changeDocument } from './transition.js';
import { converterFor } from './converter.js';
import { allocateNumber, applyOfficeSeal, auditSigned, type AppliedSeal, fillDocx, newVerificationCode, openSigningSession, registerVerification, stampTextOnPdf, verificationUrl, type SessionOptions, type SigningSession } from './deps.js';
import { signerTitle, type SignerBlock } from './placeholderValues.js';
import { expandRecipients, loadRecipients } from './recipientNames.js';
import { documentDeliveries, documentDispatches } from '../correspondence/schema.js';
import { documents, documentVersions, signBatches, signBatchItems } from './schema.js';
import { documentPlaceholders } from './uploadVersion.js';
import { isoDateIn, tanggalIndonesia } from '../../shared/dates.js';
import { getSetting } from '../settings/settings.js';
import { sealForUnit, type SealForSigning } from '../org/unitSeal.js';
import { authoriseStepAction } from './chainPolicy.js';
import { recordAudit } from '../audit/recordAudit.js';

interface Prepared {
  doc: DocumentRow;
  steps: StepRow[];
  step: StepRow;
  capacity: HolderKind;
  signer: SignerBlock;
  number: string;
  date: string;
  code: string;
}

/** Phase 3 found the number or date taken by another letter (or the day changed): run 1–3 again. */
class NumberMoved extends Error {
  constructor() {
    super('number moved');
  }
}
const ATTEMPTS = 3;

/** Rolls a dry-run transaction back, carrying its result out. */
class DryRun<T> extends Error {
  constructor(readonly value: T) {
    super('dry run');
  }
}

/** Which number is taken now, and the other numbering inputs (one place for 1 and 3). */
function numberingInput(doc: DocumentRow, view: ActorView, date: string, at: Date) {
  return {
    unitId: doc.issuingUnitId,
    year: Number(date.slice(0, 4)),
    documentTypeId: doc.documentTypeId,
    classificationCode: doc.classificationCode,
    documentId: doc.id,
    date,
    actorUserId: view.userId,
    hal: doc.hal,
    at,
  };
}

/** Checks that the actor may sign this document now (inside a transaction holding its lock). */
async function checkSignable(tx: Tx, view: ActorView, id: string, expectedVersion: number) {
  const { doc, steps } = await lockDocument(tx.db, id, view);
  checkVersion(doc, expectedVersion);
  if (doc.status !== 'awaiting_signature') throw new AppError('WORKFLOW_NOT_AWAITING_SIGNATURE', { status: doc.status });
  const { step, capacity } = await authoriseStepAction(tx.db, view, doc, steps);
  if (step.kind !== 'sign') throw new AppError('WORKFLOW_WRONG_STEP_KIND');
  const held = view.held.find((h) => h.positionId === step.positionId)!;
  if (!hasRole(view, 'signer', held.unitPath)) throw new AppError('FORBIDDEN', { requiredRole: 'signer' }, { id: 'Anda belum diberi peran penandatangan (TTE). Hubungi admin.' });
  return { doc, steps, step, capacity };
}

/** Phase 1: checks, the signer block, and the number the register would give now (nothing kept). */
async function prepare(ctx: AppContext, view: ActorView, id: string, expectedVersion: number): Promise<Prepared> {
  try {
    await inTransaction(ctx.database, async (tx) => {
      const { doc, steps, step, capacity } = await checkSignable(tx, view, id, expectedVersion);
      let number = doc.number;
      let date = doc.documentDate;
      if (!number || !date) {
        date = isoDateIn(ctx.config.timeZone, ctx.now());
        number = (await allocateNumber(tx, numberingInput(doc, view, date, ctx.now()))).number;
      }
      const [u] = await tx.db.select({ name: users.name, nip: users.nip }).from(users).where(eq(users.id, view.userId));
      const [pos] = await tx.db.select({ name: positions.name }).from(positions).where(eq(positions.id, step.positionId));
      const onBehalf = doc.onBehalfOfPositionId ? (await tx.db.select({ name: positions.name }).from(positions).where(eq(positions.id, doc.onBehalfOfPositionId)))[0]?.name : null;
      const signer: SignerBlock = { positionName: pos!.name, actingAs: capacity, onBehalfOfPositionName: onBehalf ?? null, name: u!.name, nip: u!.nip };
      const prepared: Prepared = { doc: { ...doc, number, documentDate: date }, steps, step, capacity, signer, number: number!, date: date!, code: doc.verificationCode ?? newVerificationCode() };
      throw new DryRun(prepared);
    });
  } catch (e) {
    if (e instanceof DryRun) return e.value as Prepared;
    throw e;
  }
  throw new Error('unreachable');
}

/** Phase 2a: the final, unsigned PDF with number, date and signer filled in. */
async function renderFinal(ctx: AppContext, p: Prepared): Promise<Uint8Array> {
  const { db } = ctx.database;
  const [version] = await db.select().from(documentVersions).where(eq(documentVersions.id, p.doc.currentVersionId!));
  if (!version) throw new AppError('DOCUMENT_NOT_READY');
  if (p.doc.draftKind === 'pdf') {
    const { bytes } = await readFileBytes(ctx, db, version.pdfFileId!);
    const marks = p.doc.pdfMarks ?? {};
    const items = [
      ...(marks.number ? [{ ...marks.number, text: p.number }] : []),
      ...(marks.date ? [{ ...marks.date, text: tanggalIndonesia(p.date) }] : []),
    ];
    return items.length ? stampTextOnPdf(bytes, items) : bytes;
  }
  const { bytes } = await readFileBytes(ctx, db, version.sourceFileId);
  const values = await documentPlaceholders(ctx, db, p.doc, { final: true, number: p.number, date: p.date, signer: p.signer });
  return (await converterFor(ctx)).convert(fillDocx(bytes, values), { pdfa: true });
}

function appearanceFor(p: Prepared, seal: SealForSigning | null) {
  if (p.doc.signatureVisibility === 'invisible') return { visible: false as const };
  // A .docx letter: the blank space between the signer's title and his printed name.
  const placement = p.doc.draftKind === 'pdf' ? p.doc.pdfMarks!.signature! : { signatureBlockOf: p.signer.name };
  return { visible: true as const, placement, signerName: p.signer.name, signerTitle: signerTitle(p.signer), nip: p.signer.nip, seal };
}

/** The issuing unit's office seal (cap dinas), drawn by our own signer beside its stamp (BSrE draws its own stamp). */
async function sealFor(ctx: AppContext, session: SigningSession, p: Prepared): Promise<SealForSigning | null> {
  if (session.signerKind !== 'local' || p.doc.signatureVisibility === 'invisible') return null;
  return sealForUnit(ctx, ctx.database.db, p.doc.issuingUnitId);
}

/** Phase 3: store, sign transition, deliver — all in one transaction. */
async function complete(ctx: AppContext, view: ActorView, p: Prepared, rendered: Uint8Array, signed: Uint8Array, sealed: AppliedSeal | null): Promise<DocumentRow> {
  return inTransaction(ctx.database, (tx) =>
    changeDocument(ctx, tx, {
      id: p.doc.id,
      view,
      version: p.doc.version,
      plan: async (t, { doc }) => {
        // Someone may have acted meanwhile (cancelled, returned): then this signature is discarded.
        if (doc.status !== 'awaiting_signature' || doc.currentStepOrder !== p.step.order) throw new AppError('STALE_VERSION', { current: doc.version, status: doc.status });
        // The number and date are taken here, with the signature, or not at all.
        let numbering: { number: string; documentDate: string; numberEntryId: string } | null = null;
        if (!doc.number || !doc.documentDate) {
          if (isoDateIn(ctx.config.timeZone, ctx.now()) !== p.date) throw new NumberMoved();
          const allocated = await allocateNumber(t, numberingInput(doc, view, p.date, ctx.now()));
          if (allocated.number !== p.number) throw new NumberMoved();
          numbering = { number: allocated.number, documentDate: p.date, numberEntryId: allocated.entryId };
        } else if (doc.number !== p.number || doc.documentDate !== p.date) {
          throw new NumberMoved();
        }
        const renderedFile = await storeFile(ctx, t.db, { bytes: rendered, name: `${p.number.replace(/\//g, '-')}-final.pdf`, mime: MIME.pdf, createdBy: view.userId });
        const signedFile = await storeFile(ctx, t.db, { bytes: signed, name: `${p.number.replace(/\//g, '-')}.pdf`, mime: MIME.pdf, createdBy: view.userId });
        const [maxN] = await t.db.select({ n: max(documentVersions.n) }).from(documentVersions).where(eq(documentVersions.documentId, doc.id));
        const n = (maxN?.n ?? 0) + 1;
        const [finalVersion] = await t.db
          .insert(documentVersions)
          .values({ documentId: doc.id, n, kind: 'final', sourceFileId: renderedFile.id, pdfFileId: renderedFile.id, conversionStatus: 'not_needed', createdBy: view.userId, note: 'Naskah final (nomor, tanggal dan penandatangan terisi) sebelum TTE', createdAt: ctx.now() })
          .returning();
        const title = signerTitle(p.signer);
        if (sealed) {
          await recordAudit(t.db, {
            at: ctx.now(),
            actorUserId: view.userId,
            action: 'signature.seal_applied',
            entityType: 'document',
            entityId: doc.id,
            data: { sealUnitId: sealed.unitId, certificateSerial: sealed.certificateSerial, sha256After: sha256Hex(signed), signedAt: sealed.signedAt.toISOString() },
            ip: null,
          });
        }
        await registerVerification(t.db, { code: p.code, sha256: sha256Hex(signed), fileId: signedFile.id, documentId: doc.id, title: doc.hal, number: p.number, date: p.date, signerName: p.signer.name, signerTitle: title });
        return {
          action: { type: 'sign', step: p.step.order },
          event: 'signed',
          capacity: p.capacity,
          data: { number: p.number },
          set: { ...(numbering ?? {}), signedFileId: signedFile.id, verificationCode: p.code, signedByUserId: view.userId, signedAs: title, currentVersionId: finalVersion!.id },
        };
      },
      after: (t, signedDoc) => deliverDocument(ctx, t, view, signedDoc),
    }),
  );
}

/** Internal recipients and tembusan get it in their inbox; external ones wait in the outbox. */
export async function deliverDocument(ctx: AppContext, tx: Tx, view: ActorView, signedDoc: DocumentRow): Promise<DocumentRow> {
  let expanded: Awaited<ReturnType<typeof expandRecipients>>;
  return changeDocument(ctx, tx, {
    id: signedDoc.id,
    view,
    version: signedDoc.version,
    plan: async (t) => {
      expanded = await expandRecipients(t.db, await loadRecipients(t.db, signedDoc.id));
      return { action: { type: 'deliver' }, event: 'delivered', data: { internal: expanded.positions.size, external: expanded.external.length, unitsWithoutHead: expanded.headless } };
    },
    after: async (t, doc) => {
      const now = ctx.now();
      if (expanded.positions.size) {
        await t.db
          .insert(documentDeliveries)
          .values([...expanded.positions].map(([positionId, role]) => ({ documentId: doc.id, role, recipientPositionId: positionId, deliveredAt: now })))
          .onConflictDoNothing();
      }
      if (expanded.external.length) {
        await t.db.insert(documentDispatches).values(
          expanded.external.map((e) => ({ documentId: doc.id, recipientId: e.recipientId, role: e.role, externalName: e.name, externalAddress: e.address, externalEmail: e.email, senderUnitId: doc.issuingUnitId, status: 'awaiting' as const, createdAt: now })),
        );
      }
      return doc;
    },
  });
}

async function signingLocation(db: Db): Promise<string> {
  return (await getSetting<string>(db, 'instance.region')) ?? 'Indonesia';
}

/** Phases 1–3 for one document with an open session; retried when the number moved. */
export async function signWithSession(ctx: AppContext, view: ActorView, session: SigningSession, id: string, version: number, via: SessionOptions): Promise<DocumentRow> {
  const location = await signingLocation(ctx.database.db);
  for (let attempt = 1; ; attempt++) {
    const p = await prepare(ctx, view, id, version);
    const rendered = await renderFinal(ctx, p);
    const item = { pdf: rendered, appearance: appearanceFor(p, await sealFor(ctx, session, p)), verificationUrl: verificationUrl(ctx, p.code), reason: `Penandatanganan naskah dinas ${p.number}`, location };
    const r = await session.sign(item);
    // The office's e-seal over the signer's signature (our CA only: a BSrE-signed letter would
    // need a BSrE-issued seal certificate).
    const sealed = session.signerKind === 'local' ? await applyOfficeSeal(ctx, p.doc.issuingUnitId, r.pdf, { reason: `Segel elektronik naskah dinas ${p.number}`, location }) : null;
    try {
      const doc = await complete(ctx, view, p, rendered, sealed?.pdf ?? r.pdf, sealed);
      await auditSigned(ctx, view.userId, item, r, session.signerKind, via);
      return doc;
    } catch (e) {
      if (!(e instanceof NumberMoved) || attempt >= ATTEMPTS) throw e instanceof NumberMoved ? new AppError('STALE_VERSION', { reason: 'number_taken' }) : e;
      ctx.log.info({ documentId: id, attempt }, 'number taken meanwhile; signing again with the next one');
    }
  }
}

export async function signDocument(ctx: AppContext, actor: Actor, id: string, input: { version: number; passphrase: string }): Promise<DocumentRow> {
  const view = await actorView(ctx, ctx.database.db, actor);
  // Cheap checks first (404, 409, not your step) so a refused try does not even count.
  await prepare(ctx, view, id, input.version);
  const via = { ip: actor.ip ?? null, via: 'document' };
  const session = await openSigningSession(ctx, view.userId, input.passphrase, { ...via, eager: true });
  try {
    return await signWithSession(ctx, view, session, id, input.version, via);
  } finally {
    session.close();
  }
}
