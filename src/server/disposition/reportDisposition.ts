// Tindak lanjut: the receiver reports what was done (text, files, or an outgoing letter he drafted).
// The node completes when it has no open children; parents roll up when all theirs are closed.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { storeFile } from '../files/storeFile.js';
import { inspectPdf } from '../pdf/inspectPdf.js';
import { scanKind } from '../incoming/index.js';
import { asReceiver } from './changeDisposition.js';
import { changeTree, nodeIn, notify, reloadNodes, type NodeRow } from './transition.js';
import { dispositionReportFiles, dispositionReports } from './schema.js';

export interface ReportInput {
  version: number;
  text: string;
  outgoingDocumentId?: string | null | undefined;
  files?: Array<{ name: string; bytes: Uint8Array }>;
}

const MIME_OF = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' } as const;

export async function reportDisposition(ctx: AppContext, actor: Actor, letterId: string, nodeId: string, input: ReportInput): Promise<NodeRow[]> {
  if (!input.text.trim()) throw new AppError('DISPOSITION_REPORT_TEXT_REQUIRED', { fields: [{ path: 'body.text', message: 'Wajib diisi' }] });
  const nodes = await changeTree(ctx, actor, letterId, {
    authorise: (s) => {
      const n = nodeIn(s, nodeId);
      return { n, actedAs: asReceiver(s, n) };
    },
    version: (_s, { n }) => ({ expected: input.version, node: n }),
    plan: async (s, { actedAs }) => {
      if (input.outgoingDocumentId) {
        const d = await s.tx.db.execute<{ drafter_user_id: string }>(sql`select drafter_user_id from documents where id = ${input.outgoingDocumentId}`);
        if (d.rows[0]?.drafter_user_id !== actor.userId) throw new AppError('DOCUMENT_NOT_FOUND', { id: input.outgoingDocumentId });
      }
      return { action: { type: 'report', nodeId }, actedAs, note: input.text.trim() };
    },
    after: async (s, { n, actedAs }, changed) => {
      // Files are checked only now (after authorisation): PDFs or images, within the attachment limit.
      const stored: Array<{ id: string; name: string }> = [];
      for (const f of input.files ?? []) {
        if (f.bytes.byteLength > ctx.config.uploads.attachmentMaxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { file: f.name, maxBytes: ctx.config.uploads.attachmentMaxBytes });
        const kind = scanKind(f.bytes);
        if (!kind) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { file: f.name }, { id: `Lampiran "${f.name}" harus PDF atau gambar (JPG/PNG/TIFF).`, en: `Attachment "${f.name}" must be a PDF or an image.` });
        if (kind === 'pdf') await inspectPdf(f.bytes);
        const row = await storeFile(ctx, s.tx.db, { bytes: f.bytes, name: f.name, mime: MIME_OF[kind], createdBy: actor.userId });
        stored.push({ id: row.id, name: f.name });
      }
      const [report] = await s.tx.db
        .insert(dispositionReports)
        .values({ dispositionId: nodeId, text: input.text.trim(), outgoingDocumentId: input.outgoingDocumentId ?? null, authorUserId: actor.userId, actedAs, createdAt: s.now })
        .returning();
      if (stored.length) await s.tx.db.insert(dispositionReportFiles).values(stored.map((f, i) => ({ reportId: report!.id, fileId: f.id, name: f.name, sortOrder: i })));
      await notify(s, { type: 'disposition.reported', letterId: s.letter.id, dispositionId: nodeId, toPositionIds: [n.senderPositionId], sifat: n.sifat, hal: n.sifat === 'biasa' ? s.letter.hal : null });
      return reloadNodes(s, changed);
    },
  });
  return nodes ?? [];
}
