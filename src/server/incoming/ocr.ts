// OCR of incoming letters: every scan stored for a letter (uploaded by hand at registration, or
// taken from an e-mail) gets an OCR run requested in the transaction that stores it; when the
// run finishes its text, its suggestions (number, date, hal) and the searchable PDF are attached
// to the letter, where the records officer sees the state and may take the suggestions over.
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { ocrStatusMessage, onOcrSettled, readOcrOutput, requestOcr, type OcrRun } from '../ocr/index.js';
import { attachOcrText } from './pending.js';

/** The owner type of OCR runs for incoming letters. */
export const INCOMING_OCR_OWNER = 'incoming_letter';

/** Ask for the text layer of a letter's stored scan (inside the transaction that stored it). */
export async function requestLetterOcr(ctx: AppContext, tx: Tx, letter: { id: string; fileId: string | null; receivingUnitId: string }, requestedBy: string | null): Promise<void> {
  if (!letter.fileId) return;
  await requestOcr(ctx, tx, { sourceFileId: letter.fileId, ownerType: INCOMING_OCR_OWNER, ownerId: letter.id, unitId: letter.receivingUnitId, requestedBy });
}

/** A finished run: text, state, suggestions and the searchable PDF go to the letter. */
export async function attachOcrToIncoming(ctx: AppContext, run: OcrRun): Promise<void> {
  if (run.ownerType !== INCOMING_OCR_OWNER || !run.ownerId) return;
  const ok = run.status === 'done' || run.status === 'partial';
  const s = run.suggestions;
  const pdf = ok && run.outputFileId ? await readOcrOutput(ctx, run.outputFileId) : null;
  await attachOcrText(ctx, run.ownerId, {
    status: ok ? 'done' : 'failed',
    text: run.text ?? null,
    error: ok && run.status === 'done' ? null : ocrStatusMessage(run, 'id'),
    ...(s ? { suggestions: { ...(s.nomor ? { letterNumber: s.nomor } : {}), ...(s.tanggal ? { letterDate: s.tanggal } : {}), ...(s.hal ? { hal: s.hal } : {}) } } : {}),
    ...(pdf ? { pdf: { bytes: pdf, name: 'surat-masuk-ocr.pdf' } } : {}),
    sourceFileId: run.sourceFileId,
  });
}

const wired = new WeakSet<AppContext>();
/** Listen for finished OCR runs of this context (once per context; every worker process). */
export function wireIncomingOcr(ctx: AppContext): void {
  if (wired.has(ctx)) return;
  wired.add(ctx);
  const off = onOcrSettled((c, run) => (c === ctx ? attachOcrToIncoming(c, run) : Promise.resolve()));
  ctx.closers.push(async () => off());
}
