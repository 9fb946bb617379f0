// Set-up through the server for the archive specs: letters of the Bagian Umum (Setda), signed
// and sent long ago, become archive records without walking the outgoing flow (which has its own
// specs). Each letter: its hal, number, date, classification and (optionally) the signed PDF.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../src/server/context.js';
import { documentTypes } from '../../../src/server/catalog/schema.js';
import { documents } from '../../../src/server/outgoing/schema.js';
import { positions, units, users } from '../../../src/server/org/schema.js';
import { storeFile } from '../../../src/server/files/storeFile.js';
import { drainSearchQueueFully } from '../../../src/server/search/index.js';

export interface SentLetter {
  hal: string;
  number: string;
  documentDate: string;
  classificationCode: string;
  pdf?: { bytes: Uint8Array; name: string };
}

export async function insertSentLetters(ctx: AppContext, letters: SentLetter[]): Promise<void> {
  const db = ctx.database.db;
  const [type] = await db.select({ id: documentTypes.id }).from(documentTypes).where(eq(documentTypes.code, 'surat'));
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, 'UM/410.01'));
  const [kabag] = await db.select({ id: positions.id }).from(positions).where(eq(positions.name, 'Kepala Bagian Umum'));
  const [drafter] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'staf.umum'));
  for (const l of letters) {
    const file = l.pdf ? await storeFile(ctx, db, { bytes: l.pdf.bytes, name: l.pdf.name, mime: 'application/pdf', createdBy: null }) : null;
    await db.insert(documents).values({
      documentTypeId: type!.id,
      issuingUnitId: unit!.id,
      drafterUserId: drafter!.id,
      hal: l.hal,
      classificationCode: l.classificationCode,
      draftKind: 'pdf',
      signerPositionId: kabag!.id,
      numberingMode: 'at_signing',
      status: 'delivered',
      number: l.number,
      documentDate: l.documentDate,
      signedFileId: file?.id ?? null,
    });
  }
  await drainSearchQueueFully(ctx);
}
