// A service ticket that is done (the account is active, or the request was cancelled) becomes an
// archive record of the office that runs the service, in the transaction that finishes it: the
// ticket's number and agenda number, the request letter (marked personal data: only the PII
// officer opens it, from the archive as from the ticket), the ticket's whole timeline, and its
// metadata with the WhatsApp number masked. Retention follows the service's classification (JRA).
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/tx.js';
import { declareRecord, type RecordFile } from '../archive/index.js';
import { files } from '../files/schema.js';
import { roleGrants, units } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { maskWhatsapp } from './access.js';
import type { CatalogueEntry } from './catalogue.js';
import { isDone } from './machine.js';
import { unitByCode } from './people.js';
import { serviceTicketEvents, serviceTickets } from './schema.js';

type TicketRow = typeof serviceTickets.$inferSelect;

export async function declareTicketRecord(ctx: AppContext, tx: Tx, row: TicketRow, entry: CatalogueEntry, actorUserId: string | null): Promise<{ recordId: string } | null> {
  if (!isDone(row.status)) return null;
  const office = await unitByCode(tx.db, entry.unitCode);
  if (!office) return null;
  const fileRows: RecordFile[] = [];
  const [f] = await tx.db.select().from(files).where(eq(files.id, row.requestFileId));
  if (f) fileRows.push({ fileId: f.id, role: 'permohonan', personalData: true, name: f.name, sha256: f.sha256, size: Number(f.size) });
  const timeline = await tx.db.select().from(serviceTicketEvents).where(eq(serviceTicketEvents.ticketId, row.id)).orderBy(asc(serviceTicketEvents.at), asc(serviceTicketEvents.id));
  // Who keeps the personal data of this office's tickets (instance-wide or on its path).
  const pii = await tx.db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(eq(roleGrants.role, 'pii_officer'), or(isNull(roleGrants.unitId), sql`${office.path} like ${units.path} || '%'`)));
  const chain = [...new Set(timeline.map((e) => e.actorUserId).filter((x): x is string => !!x))];
  const [applicantUnit] = await tx.db.select({ name: units.name }).from(units).where(eq(units.id, row.unitId));
  const r = await declareRecord(tx.db, {
    sourceKind: 'service',
    sourceId: row.id,
    unitId: office.id,
    classificationCode: entry.classificationCode,
    number: row.number,
    title: `${entry.name} a.n. ${row.applicantName}`,
    documentDate: isoDateIn(ctx.config.timeZone, row.createdAt),
    // Personal data: never open to the whole unit.
    sifat: 'terbatas',
    files: fileRows,
    parties: [[row.positionTitle, applicantUnit?.name].filter(Boolean).join(', ')].filter(Boolean),
    participants: { userIds: [...new Set([row.applicantUserId, row.filedByUserId, ...chain, ...pii.map((p) => p.userId)].filter((x): x is string => !!x))], positionIds: [] },
    snapshot: {
      kind: 'service',
      service: { key: entry.key, name: entry.name, sopNumber: entry.sopNumber },
      ticket: {
        number: row.number,
        agenda: row.incomingAgendaNumber,
        incomingLetterId: row.incomingLetterId,
        status: row.status,
        applicantName: row.applicantName,
        nip: row.nip,
        unit: applicantUnit?.name ?? null,
        positionTitle: row.positionTitle,
        whatsapp: maskWhatsapp(row.whatsapp),
        desiredAddress: row.desiredAddress,
        accountAddress: row.accountAddress,
        createdAt: row.createdAt,
        activatedAt: row.activatedAt,
        closedAt: row.closedAt,
      },
      timeline,
    },
    declaredByUserId: actorUserId,
    now: ctx.now(),
  });
  return { recordId: r.recordId };
}
