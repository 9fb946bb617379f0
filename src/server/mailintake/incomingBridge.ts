// Connects intake to the incoming-letters domain: a message with scans becomes its pending
// registration (in the intake's transaction) and the registration's PDF gets an OCR run; the
// incoming domain attaches the run's text and suggestions to the letter when it finishes.
import type { AppContext } from '../context.js';
import { createPendingRegistration, requestLetterOcr, wireIncomingOcr } from '../incoming/index.js';
import type { PendingSink } from './pendingSink.js';

export const incomingPendingSink: PendingSink = async (ctx, tx, input) => {
  const row = await createPendingRegistration(
    ctx,
    { unitId: input.unitId, source: 'email', files: input.files, intake: input.intake, receivedAt: input.receivedAt, suggestions: input.suggestions, ocr: true },
    tx,
  );
  await requestLetterOcr(ctx, tx, row, null);
  return { registrationId: row.id };
};

const wired = new WeakSet<AppContext>();
export function wireIncomingIntake(ctx: AppContext, setSink: (ctx: AppContext, sink: PendingSink) => void): void {
  if (wired.has(ctx)) return;
  wired.add(ctx);
  setSink(ctx, incomingPendingSink);
  wireIncomingOcr(ctx);
}
