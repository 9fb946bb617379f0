// Person actions on a ticket (steps 2–5, returns, resubmission, resend, suspend/reset/close),
// each through the transition spine.
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { MIME, storeFile } from '../files/storeFile.js';
import { validateAttachment } from '../pdf/validateAttachment.js';
import { getCatalogueEntry } from './catalogueStore.js';
import { addressAvailability, normaliseAddress } from './fileRequest.js';
import type { ActionType, TicketAction } from './machine.js';
import { automaticItem } from './queries.js';
import { serviceTickets } from './schema.js';
import { transitionTicket, type TicketRow } from './transition.js';

export interface ActionInput {
  action: Exclude<ActionType, 'provisioned' | 'provision_failed' | 'activate' | 'resubmit'>;
  version: number;
  note?: string | undefined;
  reason?: string | undefined;
  checklist?: Record<string, boolean> | undefined;
}

export async function actOnTicket(ctx: AppContext, actor: Actor, id: string, input: ActionInput): Promise<TicketRow> {
  const reason = input.reason ?? '';
  if (input.action === 'accept') {
    // Automatic items are Naskah's facts, never the checker's say-so; the machine then requires all.
    const [row] = await ctx.database.db.select().from(serviceTickets).where(eq(serviceTickets.id, id));
    if (!row) throw new AppError('TICKET_NOT_FOUND', { id });
    const entry = await getCatalogueEntry(ctx.database.db, row.serviceKey);
    const checklist: Record<string, boolean> = {};
    for (const item of entry.checklist) checklist[item.key] = (item.automatic ? await automaticItem(ctx, item.key, row) : input.checklist?.[item.key]) === true;
    const missing = entry.checklist.find((i) => !checklist[i.key]);
    return transitionTicket(ctx, { actor }, id, { type: 'accept', checklist }, {
      version: input.version,
      note: input.note,
      patch: () => {
        if (missing) throw new AppError('TICKET_CHECKLIST_INCOMPLETE', { item: missing.key, label: missing.label }, { id: `Kelengkapan belum terpenuhi: ${missing.label}. Kembalikan ke pemohon dengan alasan bila perlu diperbaiki.` });
        return { checklist };
      },
      data: { checklist },
    });
  }
  const action: TicketAction =
    input.action === 'return' || input.action === 'cancel' ? { type: input.action, reason } : input.action === 'dispose' ? { type: 'dispose', note: input.note } : ({ type: input.action } as TicketAction);
  return transitionTicket(ctx, { actor }, id, action, { version: input.version, note: input.note });
}

/** The applicant fixes what was asked (letter, address) and sends it back. */
export async function resubmitTicket(ctx: AppContext, actor: Actor, id: string, input: { version: number; desiredAddress?: string | undefined; note?: string | undefined; letter?: { bytes: Uint8Array; name: string } | undefined }) {
  const address = input.desiredAddress ? normaliseAddress(ctx, input.desiredAddress) : undefined;
  if (address && (await addressAvailability(ctx, address, id)) === 'taken') throw new AppError('ADDRESS_TAKEN', { address });
  let fileId: string | undefined;
  if (input.letter) {
    await validateAttachment(input.letter, { maxBytes: Math.min(ctx.config.uploads.uploadMaxBytes, 5 * 1024 * 1024) });
    fileId = (await storeFile(ctx, ctx.database.db, { bytes: input.letter.bytes, name: input.letter.name, mime: MIME.pdf, createdBy: actor.userId })).id;
  }
  return transitionTicket(ctx, { actor }, id, { type: 'resubmit' }, {
    version: input.version,
    note: input.note,
    patch: () => ({ ...(address ? { desiredAddress: address } : {}), ...(fileId ? { requestFileId: fileId } : {}) }),
    data: { newLetter: !!fileId, newAddress: address ?? null },
  });
}
