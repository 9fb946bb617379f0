// HTTP: the letter page (letter + disposition tree + what I may do), disposing, reading,
// cancelling, withdrawing, reporting, the lists and counts, the printed lembar disposisi.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, Page, VersionField, type App } from '../http/types.js';
import { capacityIn, INCOMING_SIFAT, letterDetail, loadLetterForViewer, viewerOf } from '../incoming/index.js';
import { parseFields, readMultipart, sendFile, sendPdf } from '../incoming/http.js';
import { IncomingListItem } from '../incoming/routes.js';
import { cancelDisposition, readDisposition, withdrawDisposition } from './changeDisposition.js';
import { disposeLetter } from './disposeLetter.js';
import { receiverOptions } from './hierarchy.js';
import { listInstructions } from './instructions.js';
import { lembarDisposisiPdf } from './lembarDisposisi.js';
import { NODE_STATES } from './machine.js';
import { BOXES, countDispositions, dispositionTree, FILTERS, listDispositions, treeSummary } from './queries.js';
import { reportDisposition } from './reportDisposition.js';
import type { NodeRow } from './transition.js';

const tags = ['disposisi'];
const Id = z.object({ id: z.uuid() });
const NodeParams = z.object({ id: z.uuid(), nodeId: z.uuid() });
const HolderSchema = z.object({ name: z.string(), kind: z.enum(['definitif', 'plt', 'plh', 'pj']) });

const NodeSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    batchId: z.string(),
    version: z.number(),
    state: z.enum(NODE_STATES),
    sender: z.object({ positionId: z.string(), positionName: z.string(), userName: z.string(), actedAs: z.string().nullable() }),
    receiver: z.object({ positionId: z.string(), positionName: z.string(), holders: z.array(HolderSchema) }),
    instructions: z.array(z.object({ code: z.string(), label: z.string() })),
    note: z.string().nullable(),
    dueDate: z.string().nullable(),
    sifat: z.enum(INCOMING_SIFAT),
    sentAt: z.date(),
    readAt: z.date().nullable(),
    readByName: z.string().nullable(),
    reportedAt: z.date().nullable(),
    completedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    closeReason: z.string().nullable(),
    overdue: z.boolean(),
    subtreeComplete: z.boolean(),
    reports: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        outgoingDocumentId: z.string().nullable(),
        authorName: z.string(),
        actedAs: z.string().nullable(),
        createdAt: z.date(),
        files: z.array(z.object({ fileId: z.string(), name: z.string(), size: z.number(), mime: z.string() })),
      }),
    ),
    me: z.object({ isReceiver: z.boolean(), isSender: z.boolean(), actions: z.array(z.enum(['dispose', 'report', 'cancel', 'withdraw'])) }),
  })
  .meta({ id: 'DispositionNode' });

const LetterDetailSchema = IncomingListItem.extend({
  receivingUnit: z.object({ id: z.string(), name: z.string() }),
  senderName: z.string().nullable(),
  senderAddress: z.string().nullable(),
  senderEmail: z.string().nullable(),
  lampiran: z.string(),
  note: z.string().nullable(),
  addressedPosition: z.object({ id: z.string(), name: z.string(), holders: z.array(HolderSchema) }).nullable(),
  fileId: z.string().nullable(),
  pages: z.number().nullable(),
  ocrText: z.string().nullable(),
  ocrError: z.string().nullable(),
  ocrSuggestions: z.object({ letterNumber: z.string().optional(), letterDate: z.string().optional(), hal: z.string().optional() }).nullable(),
  intake: z.record(z.string(), z.unknown()).nullable(),
  registeredAt: z.date().nullable(),
  events: z.array(z.object({ at: z.date(), action: z.string(), actorName: z.string().nullable(), actedAs: z.string().nullable(), note: z.string().nullable(), dispositionId: z.string().nullable(), data: z.record(z.string(), z.unknown()) })),
  replies: z.array(z.object({ documentId: z.string(), hal: z.string().nullable(), number: z.string().nullable(), status: z.string().nullable(), createdAt: z.date() })),
  answered: z.boolean(),
  dispositions: z.array(NodeSchema),
  summary: z.object({ total: z.number(), open: z.number(), overdue: z.number(), complete: z.boolean() }),
  me: z.object({ isRecordsOfficer: z.boolean(), isAddressee: z.boolean(), canDispose: z.boolean(), canSend: z.boolean(), canRegister: z.boolean(), canReply: z.boolean() }),
}).meta({ id: 'IncomingLetterDetail' });

const NodeOut = z.object({ id: z.string(), version: z.number(), state: z.enum(NODE_STATES), parentId: z.string().nullable(), receiverPositionId: z.string() });
const nodeOut = (n: NodeRow) => ({ id: n.id, version: n.version, state: n.state, parentId: n.parentId, receiverPositionId: n.receiverPositionId });

export async function dispositionRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/incoming-letters/:id',
    { schema: { tags: ['naskah masuk', ...tags], summary: 'Surat masuk: data, pindaian, riwayat, balasan dan seluruh pohon disposisi', params: Id, response: { 200: LetterDetailSchema, ...errorResponses } } },
    async (req) => {
      const lv = await loadLetterForViewer(ctx, actorOf(req), req.params.id);
      const [detail, nodes] = await Promise.all([letterDetail(ctx, lv), dispositionTree(ctx.database.db, lv.viewer, lv.row)]);
      const canDispose = lv.row.status === 'sent' && lv.isAddressee;
      return {
        ...detail,
        dispositions: nodes,
        summary: treeSummary(nodes),
        me: {
          isRecordsOfficer: lv.isRecordsOfficer,
          isAddressee: lv.isAddressee,
          canDispose,
          canSend: lv.isRecordsOfficer && lv.row.status === 'registered',
          canRegister: lv.isRecordsOfficer && lv.row.status === 'pending',
          canReply: lv.row.status === 'sent' && (lv.isAddressee || nodes.some((n) => n.me.isReceiver)),
        },
      };
    },
  );

  app.get(
    '/disposition-instructions',
    { schema: { tags, summary: 'Pilihan instruksi disposisi', response: { 200: z.array(z.object({ code: z.string(), label: z.string(), labelEn: z.string().nullable() })) } } },
    async () => (await listInstructions(ctx.database.db)).map((i) => ({ code: i.code, label: i.label, labelEn: i.labelEn })),
  );

  app.get(
    '/incoming-letters/:id/disposition-receivers',
    {
      schema: {
        tags,
        summary: 'Jabatan di bawah Anda yang dapat menerima disposisi surat ini (dengan pejabat hari ini, termasuk Plt/Plh)',
        params: Id,
        querystring: z.object({ parentId: z.uuid().optional() }),
        response: { 200: z.array(z.object({ positionId: z.string(), name: z.string(), unitName: z.string(), depth: z.number(), holders: z.array(z.object({ userId: z.string(), name: z.string(), kind: z.enum(['definitif', 'plt', 'plh', 'pj']) })) })), ...errorResponses },
      },
    },
    async (req) => {
      const lv = await loadLetterForViewer(ctx, actorOf(req), req.params.id);
      let sender = lv.row.addressedPositionId;
      if (req.query.parentId) {
        const nodes = await dispositionTree(ctx.database.db, lv.viewer, lv.row);
        sender = nodes.find((n) => n.id === req.query.parentId)?.receiver.positionId ?? null;
      }
      if (!sender || !capacityIn(lv.viewer, sender)) throw new AppError('DISPOSITION_NOT_YOURS');
      return receiverOptions(ctx.database.db, sender, lv.viewer.today);
    },
  );

  app.post(
    '/incoming-letters/:id/dispositions',
    {
      schema: {
        tags,
        summary: 'Disposisikan surat ke satu atau lebih jabatan di bawah Anda (dari atas, atau meneruskan disposisi yang Anda terima dengan parentId)',
        params: Id,
        body: z.object({
          parentId: z.uuid().nullish(),
          version: VersionField.optional().describe('Versi disposisi induk (bila parentId)'),
          receiverPositionIds: z.array(z.uuid()).min(1).max(50),
          instructions: z.array(z.string().max(60)).max(20),
          note: z.string().trim().max(2000).nullish(),
          dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
          sifat: z.enum(INCOMING_SIFAT).optional(),
        }),
        response: { 201: z.array(NodeOut), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send((await disposeLetter(ctx, actorOf(req), req.params.id, req.body)).map(nodeOut)),
  );

  app.post(
    '/incoming-letters/:id/dispositions/:nodeId/read',
    { schema: { tags, summary: 'Tandai disposisi sudah dibaca (penerima)', params: NodeParams, response: { 200: z.object({ changed: z.boolean() }), ...errorResponses } } },
    async (req) => ({ changed: !!(await readDisposition(ctx, actorOf(req), req.params.id, req.params.nodeId)) }),
  );

  app.post(
    '/incoming-letters/:id/dispositions/:nodeId/cancel',
    { schema: { tags, summary: 'Batalkan disposisi yang belum dibaca (pengirim)', params: NodeParams, body: z.object({ version: VersionField }), response: { 200: z.array(NodeOut), ...errorResponses } } },
    async (req) => (await cancelDisposition(ctx, actorOf(req), req.params.id, req.params.nodeId, req.body.version)).map(nodeOut),
  );

  app.post(
    '/incoming-letters/:id/dispositions/:nodeId/withdraw',
    {
      schema: { tags, summary: 'Tarik kembali disposisi yang sudah dibaca, dengan alasan (tetap tercatat di riwayat)', params: NodeParams, body: z.object({ version: VersionField, reason: z.string().max(2000) }), response: { 200: z.array(NodeOut), ...errorResponses } },
    },
    async (req) => (await withdrawDisposition(ctx, actorOf(req), req.params.id, req.params.nodeId, req.body.version, req.body.reason)).map(nodeOut),
  );

  app.post(
    '/incoming-letters/:id/dispositions/:nodeId/report',
    {
      schema: {
        tags,
        summary: 'Laporkan tindak lanjut disposisi (teks, lampiran, atau naskah keluar yang Anda buat)',
        description: 'multipart: version, text, outgoingDocumentId (opsional), file (nol atau lebih)',
        params: NodeParams,
        response: { 200: z.array(NodeOut), ...errorResponses },
      },
    },
    async (req) => {
      const { fields, files } = await readMultipart(req);
      const f = parseFields(z.object({ version: z.coerce.number().int().positive(), text: z.string().max(5000).default(''), outgoingDocumentId: z.uuid().optional().or(z.literal('').transform(() => undefined)) }), fields);
      if (files.length > ctx.config.uploads.attachmentMaxCount) throw new AppError('DOCUMENT_TOO_MANY_ATTACHMENTS', { max: ctx.config.uploads.attachmentMaxCount });
      return (await reportDisposition(ctx, actorOf(req), req.params.id, req.params.nodeId, { version: f.version, text: f.text, outgoingDocumentId: f.outgoingDocumentId ?? null, files })).map(nodeOut);
    },
  );

  app.get(
    '/incoming-letters/:id/report-files/:fileId',
    { schema: { tags, summary: 'Unduh lampiran tindak lanjut', params: z.object({ id: z.uuid(), fileId: z.uuid() }) } },
    async (req, reply) => {
      const lv = await loadLetterForViewer(ctx, actorOf(req), req.params.id);
      const nodes = await dispositionTree(ctx.database.db, lv.viewer, lv.row);
      if (!nodes.some((n) => n.reports.some((r) => r.files.some((f) => f.fileId === req.params.fileId)))) throw new AppError('NOT_FOUND', { entity: 'file' });
      return sendFile(ctx, req, reply, req.params.fileId, false);
    },
  );

  app.get(
    '/incoming-letters/:id/lembar-disposisi.pdf',
    { schema: { tags, summary: 'Lembar disposisi (PDF) untuk dicetak', params: Id } },
    async (req, reply) => {
      const lv = await loadLetterForViewer(ctx, actorOf(req), req.params.id);
      const nodes = await dispositionTree(ctx.database.db, lv.viewer, lv.row);
      const pdf = await lembarDisposisiPdf(ctx.database.db, lv.row, nodes, await listInstructions(ctx.database.db), ctx.config.timeZone);
      return sendPdf(reply, pdf, `lembar-disposisi-${lv.row.agendaNumber ?? lv.row.id}.pdf`);
    },
  );

  const ListItem = z
    .object({
      id: z.string(),
      letterId: z.string(),
      version: z.number(),
      state: z.enum(NODE_STATES),
      senderName: z.string(),
      senderActedAs: z.string().nullable(),
      receiverPositionName: z.string(),
      instructions: z.array(z.string()),
      note: z.string().nullable(),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      sentAt: z.date(),
      readAt: z.date().nullable(),
      letter: z.object({ hal: z.string().nullable(), agenda: z.string().nullable(), letterNumber: z.string().nullable(), senderInstansi: z.string().nullable(), sifat: z.enum(INCOMING_SIFAT), urgensi: z.enum(['biasa', 'segera', 'sangat_segera']) }),
    })
    .meta({ id: 'DispositionListItem' });

  app.get(
    '/dispositions',
    {
      schema: {
        tags,
        summary: 'Disposisi masuk (filter: belum dibaca, mendekati batas, lewat batas), keluar, dan perlu tindak lanjut',
        querystring: Page.extend({ box: z.enum(BOXES).default('masuk'), filter: z.enum(FILTERS).optional() }),
        response: { 200: z.object({ total: z.number(), items: z.array(ListItem) }) },
      },
    },
    async (req) => listDispositions(ctx, actorOf(req), req.query),
  );

  app.get(
    '/dispositions/counts',
    { schema: { tags, summary: 'Jumlah disposisi untuk Beranda', response: { 200: z.object({ pending: z.number(), unread: z.number(), due: z.number(), overdue: z.number(), outgoingOpen: z.number() }) } } },
    async (req) => countDispositions(ctx.database.db, await viewerOf(ctx, ctx.database.db, actorOf(req))),
  );
}
