// HTTP API of the numbering domain: the records officer's register (reserve before drafting,
// cancel, agenda view and CSV export), a unit's numbering mode and formats, and a format preview.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { findClassification } from '../archive/getClassification.js';
import { CsvSeparatorQuery } from '../http/csvQuery.js';
import { NUMBERING_MODES } from '../catalog/schema.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authHook.js';
import { ErrorBody, errorResponses, Page, VersionField, type App } from '../http/types.js';
import { getUnit } from '../org/units.js';
import { yearIn } from '../../shared/dates.js';
import { cancelNumberEntry } from './cancelNumber.js';
import { exportRegisterCsv, getRegisterEntry, listRegisterEntries, listRegisters, listReservedEntries } from './listRegister.js';
import { formatNumber, validateFormat } from './numberFormat.js';
import { reserveNumber } from './reserveNumber.js';
import { NUMBER_ENTRY_STATUSES } from './schema.js';
import { getNumberingSettings, setNumberingSettings } from './setNumberingSettings.js';

const EntrySchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    number: z.string(),
    date: z.string(),
    year: z.number().int(),
    series: z.string(),
    classificationCode: z.string(),
    hal: z.string(),
    status: z.enum(NUMBER_ENTRY_STATUSES).describe('reserved = dipesan belum dipakai; used = dipakai naskah; cancelled = dibatalkan'),
    documentTypeId: z.string().nullable(),
    documentTypeName: z.string().nullable(),
    documentId: z.string().nullable(),
    issuedAt: z.date(),
    issuedByName: z.string().nullable(),
    usedAt: z.date().nullable(),
    cancelledAt: z.date().nullable(),
    cancelledByName: z.string().nullable(),
    cancelReason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'NumberEntry' });

const ReservedSchema = z
  .object({
    entryId: z.string(),
    seq: z.number().int(),
    number: z.string().describe('Nomor yang disampaikan petugas kepada konseptor'),
    date: z.string().describe('Tanggal naskah (YYYY-MM-DD)'),
    year: z.number().int(),
    series: z.string(),
    classificationCode: z.string(),
    classificationName: z.string(),
    message: z.string().describe('Kalimat untuk disampaikan kepada konseptor'),
  })
  .meta({ id: 'ReservedNumber' });

const SettingsSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    unitCode: z.string().nullable(),
    own: z.object({
      mode: z.enum(NUMBERING_MODES).nullable(),
      defaultFormat: z.string().nullable(),
      typeFormats: z.record(z.string(), z.string()),
      version: z.number().int().nullable(),
    }),
    effective: z.object({
      mode: z.enum(NUMBERING_MODES),
      modeFromUnitId: z.string().nullable(),
      defaultFormat: z.string(),
      defaultFormatFromUnitId: z.string().nullable(),
      example: z.string().nullable(),
    }),
  })
  .meta({ id: 'NumberingSettings' });

const UnitParam = z.object({ unitId: z.uuid() });
const YearQuery = z.coerce.number().int().min(2000).max(2100).optional().describe('Tahun register; bawaan tahun ini');
const FilterQuery = {
  year: YearQuery,
  status: z.enum(NUMBER_ENTRY_STATUSES).optional(),
  classification: z.string().trim().max(40).optional().describe('Kode klasifikasi; turunannya ikut'),
  series: z.string().trim().max(40).optional(),
  q: z.string().trim().max(100).optional().describe('Kata pada hal atau nomor'),
};

/** The register of a unit is for its records officers (and the system admin). */
async function requireRegisterAccess(ctx: AppContext, actor: Actor, unitId: string) {
  const unit = await getUnit(ctx.database.db, unitId);
  if (!isSystemAdmin(actor) && !hasRole(actor, 'records_officer', unit.path)) throw new AppError('FORBIDDEN', { requiredRole: 'records_officer' });
  return unit;
}

export async function numberingRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['penomoran'];
  const thisYear = () => yearIn(ctx.config.timeZone, ctx.now());

  app.post(
    '/numbering/reservations',
    {
      schema: {
        tags,
        summary: 'Petugas arsip memberi nomor sebelum konsep dibuat (mode before_drafting, SOP Bantul langkah 2)',
        description: 'Nomor urut berikutnya dari register unit untuk tahun ini, bertanggal hari ini. Tanggapan berisi nomor yang disampaikan kepada konseptor.',
        body: z.object({
          unitId: z.uuid().describe('Unit penerbit (pemilik register)'),
          classificationCode: z.string().trim().min(3).max(40),
          hal: z.string().trim().min(3).max(500).describe('Pokok surat'),
          documentTypeId: z.uuid().nullable().optional().describe('Jenis naskah (menentukan seri register dan {kode_jenis})'),
        }),
        response: { 201: ReservedSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await reserveNumber(ctx, actorOf(req), req.body);
      const classification = await findClassification(ctx.database.db, r.classificationCode);
      return reply.code(201).send({
        entryId: r.entryId,
        seq: r.seq,
        number: r.number,
        date: r.date,
        year: r.year,
        series: r.series,
        classificationCode: r.classificationCode,
        classificationName: classification?.name ?? '',
        message: `Nomor surat: ${r.number} (hal: ${req.body.hal.trim()}). Cantumkan nomor ini saat mendaftarkan konsep.`,
      });
    },
  );

  app.get(
    '/numbering/reservations',
    {
      schema: {
        tags,
        summary: 'Nomor yang sudah dipesan dan belum dipakai di register unit (untuk dipilih konseptor)',
        querystring: z.object({ unitId: z.uuid() }),
        response: { 200: z.array(EntrySchema), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await getUnit(ctx.database.db, req.query.unitId);
      if (!isSystemAdmin(actor) && !hasRole(actor, 'records_officer', unit.path) && !hasRole(actor, 'drafter', unit.path)) {
        throw new AppError('FORBIDDEN', { requiredRole: ['drafter', 'records_officer'] });
      }
      return listReservedEntries(ctx.database.db, unit.id);
    },
  );

  app.post(
    '/numbering/entries/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Batalkan nomor yang dipesan dan belum dipakai (nomor tidak pernah dipakai lagi; tercatat di register)',
        params: z.object({ id: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(3).max(500).describe('Alasan pembatalan'), version: VersionField }),
        response: { 200: EntrySchema, ...errorResponses },
      },
    },
    async (req) => {
      const row = await cancelNumberEntry(ctx, actorOf(req), req.params.id, req.body);
      return (await getRegisterEntry(ctx.database.db, row.id))!;
    },
  );

  app.get(
    '/numbering/units/:unitId/registers',
    {
      schema: {
        tags,
        summary: 'Register unit per seri untuk satu tahun, dengan jumlah nomor per status',
        params: UnitParam,
        querystring: z.object({ year: YearQuery }),
        response: {
          200: z.array(z.object({ id: z.string(), series: z.string(), lastSeq: z.number(), reserved: z.number(), used: z.number(), cancelled: z.number() })),
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req) => {
      const unit = await requireRegisterAccess(ctx, actorOf(req), req.params.unitId);
      return listRegisters(ctx.database.db, unit.id, req.query.year ?? thisYear());
    },
  );

  app.get(
    '/numbering/units/:unitId/entries',
    {
      schema: {
        tags,
        summary: 'Buku agenda (register) unit untuk satu tahun: filter status, klasifikasi, seri, cari hal/nomor',
        params: UnitParam,
        querystring: Page.extend({ ...FilterQuery, order: z.enum(['desc', 'asc']).optional() }),
        response: { 200: z.object({ total: z.number(), items: z.array(EntrySchema) }), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const unit = await requireRegisterAccess(ctx, actorOf(req), req.params.unitId);
      return listRegisterEntries(ctx.database.db, { ...req.query, unitId: unit.id, year: req.query.year ?? thisYear() });
    },
  );

  app.get(
    '/numbering/units/:unitId/entries/export',
    {
      schema: {
        tags,
        summary: 'Ekspor buku agenda sebagai CSV untuk Excel (UTF-8 dengan BOM, pemisah ; atau ,), termasuk nomor yang dibatalkan',
        params: UnitParam,
        querystring: z.object({ ...FilterQuery, separator: CsvSeparatorQuery }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV'), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const unit = await requireRegisterAccess(ctx, actorOf(req), req.params.unitId);
      const year = req.query.year ?? thisYear();
      const csv = await exportRegisterCsv(ctx.database.db, { ...req.query, unitId: unit.id, year }, req.query.separator);
      const name = `register-${(unit.code ?? unit.id).replace(/[^\w.-]+/g, '_')}-${year}.csv`;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
    },
  );

  app.get(
    '/numbering/units/:unitId/settings',
    {
      schema: {
        tags,
        summary: 'Mode penomoran dan format nomor unit (milik sendiri dan yang berlaku, termasuk warisan dari unit induk)',
        params: UnitParam,
        response: { 200: SettingsSchema, 404: ErrorBody },
      },
    },
    async (req) => getNumberingSettings(ctx.database.db, req.params.unitId, thisYear()),
  );

  app.put(
    '/numbering/units/:unitId/settings',
    {
      schema: {
        tags,
        summary: 'Atur mode penomoran dan format nomor unit (admin sistem atau petugas arsip unit)',
        description:
          'mode: before_drafting (nomor diberi petugas arsip sebelum konsep) atau at_signing (nomor dan tanggal ditetapkan saat tanda tangan); null = ikut unit induk. ' +
          'Token format: {klasifikasi} {urut} {urut:3} {kode_unit} {tahun} {bulan} {bulan_romawi} {kode_jenis}. typeFormats: format per kode jenis naskah.',
        params: UnitParam,
        body: z.object({
          mode: z.enum(NUMBERING_MODES).nullable(),
          defaultFormat: z.string().max(200).nullable(),
          typeFormats: z.record(z.string().max(40), z.string().max(200)).default({}),
          version: VersionField.nullable().optional().describe('Versi terakhir dilihat; null bila unit belum punya pengaturan'),
        }),
        response: { 200: SettingsSchema, ...errorResponses },
      },
    },
    async (req) => setNumberingSettings(ctx, actorOf(req), req.params.unitId, req.body),
  );

  app.post(
    '/numbering/format-preview',
    {
      schema: {
        tags,
        summary: 'Periksa format nomor dan tampilkan contoh hasilnya',
        body: z.object({
          format: z.string().max(500),
          unitCode: z.string().max(60).optional(),
          classificationCode: z.string().max(40).optional(),
          documentTypeCode: z.string().max(40).optional(),
        }),
        response: { 200: z.object({ valid: z.boolean(), errors: z.array(z.string()), example: z.string().nullable() }) },
      },
    },
    async (req) => {
      const v = validateFormat(req.body.format);
      if (!v.ok) return { valid: false, errors: v.errors, example: null };
      const now = ctx.now();
      const example = formatNumber(req.body.format, {
        klasifikasi: req.body.classificationCode || '000.1.5',
        urut: 17,
        kodeUnit: req.body.unitCode || '410.20',
        tahun: thisYear(),
        bulan: Number(new Intl.DateTimeFormat('en', { timeZone: ctx.config.timeZone, month: 'numeric' }).format(now)),
        kodeJenis: req.body.documentTypeCode || 'UND',
      });
      return { valid: true, errors: [], example };
    },
  );
}
