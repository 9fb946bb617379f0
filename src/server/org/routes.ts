import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authHook.js';
import { acceptCsvBodies, readCsvUpload } from '../http/csvUpload.js';
import { errorResponses, ErrorBody, Page, VersionField, type App } from '../http/types.js';
import { isSystemAdmin, requireRole } from '../auth/actor.js';
import { getMfaPolicy, setMfaPolicy } from '../auth/mfaPolicy.js';
import { recordAudit } from '../audit/recordAudit.js';
import { inTransaction } from '../db/tx.js';
import { isoDateIn } from '../../shared/dates.js';
import { importOrgCsv } from './importOrg.js';
import { assignHolder, createPosition, endHolder, holdersOf, positionsHeldBy, updatePosition } from './positions.js';
import { HOLDER_KINDS, positions, ROLES, roleGrants, UNIT_KINDS, units, USER_STATUSES } from './schema.js';
import { createUnit, getUnit, listUnits, updateUnit } from './units.js';
import { createUser, getUser, grantRole, listUsers, resetUserPassword, resetUserTotp, revokeRole, unlockUser, updateUser, type UserRow } from './users.js';
import { likeContains } from '../db/like.js';
import { readUnitSeal, removeUnitSeal, sealOf, setUnitSeal } from './unitSeal.js';

const Id = z.object({ id: z.uuid() });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Format tanggal YYYY-MM-DD');

const UnitSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: z.enum(UNIT_KINDS),
    code: z.string().nullable(),
    depth: z.number(),
    sortOrder: z.number(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    active: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'Unit' });

const SealSchema = z
  .object({ unitId: z.string(), mime: z.enum(['image/png', 'image/jpeg']), width: z.number(), height: z.number(), updatedAt: z.date() })
  .meta({ id: 'UnitSeal' });

const HolderSchema = z.object({
  holderId: z.string(),
  userId: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  kind: z.enum(HOLDER_KINDS),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});

const PositionSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    name: z.string(),
    level: z.string(),
    parentPositionId: z.string().nullable(),
    isUnitHead: z.boolean(),
    sortOrder: z.number(),
    active: z.boolean(),
    version: z.number(),
    holders: z.array(HolderSchema),
  })
  .meta({ id: 'Position' });

const UserPublicSchema = z.object({
  id: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  pangkat: z.string().nullable(),
  golongan: z.string().nullable(),
  status: z.enum(USER_STATUSES),
});
/** Fields only administrators see (personal data). */
const UserAdminSchema = UserPublicSchema.extend({
  username: z.string(),
  nik: z.string().nullable(),
  email: z.string().nullable(),
  whatsapp: z.string().nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.date().nullable(),
  lockReason: z.string().nullable(),
  lastLoginAt: z.date().nullable(),
  version: z.number(),
});
const UserSchema = UserAdminSchema.partial({
  username: true,
  nik: true,
  email: true,
  whatsapp: true,
  mustChangePassword: true,
  totpEnabled: true,
  lockedUntil: true,
  lockReason: true,
  lastLoginAt: true,
  version: true,
}).meta({ id: 'User' });

function userView(u: UserRow, admin: boolean): z.infer<typeof UserSchema> {
  const base = { id: u.id, name: u.name, nip: u.nip, pangkat: u.pangkat, golongan: u.golongan, status: u.status };
  if (!admin) return base;
  return {
    ...base,
    username: u.username,
    nik: u.nik,
    email: u.email,
    whatsapp: u.whatsapp,
    mustChangePassword: u.mustChangePassword,
    totpEnabled: Boolean(u.totpEnabledAt),
    lockedUntil: u.lockedUntil,
    lockReason: u.lockReason,
    lastLoginAt: u.lastLoginAt,
    version: u.version,
  };
}

const UnitBody = z.object({
  parentId: z.uuid().nullable(),
  name: z.string().trim().min(2).max(200),
  shortName: z.string().trim().max(60).nullable().optional(),
  kind: z.enum(UNIT_KINDS),
  code: z.string().trim().max(60).nullable().optional(),
  sortOrder: z.number().int().optional(),
  address: z.string().max(300).nullable().optional(),
  phone: z.string().max(60).nullable().optional(),
  email: z.email().nullable().optional(),
  website: z.string().max(200).nullable().optional(),
});

const PositionBody = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(2).max(200),
  level: z.string().trim().min(1).max(30),
  parentPositionId: z.uuid().nullable().optional(),
  isUnitHead: z.boolean().optional(),
  sortOrder: z.number().int().optional(),
});

const UserBody = z.object({
  username: z.string().trim().min(3).max(64),
  name: z.string().trim().min(2).max(200),
  nip: z.string().max(30).nullable().optional(),
  nik: z.string().max(30).nullable().optional(),
  pangkat: z.string().max(60).nullable().optional(),
  golongan: z.string().max(10).nullable().optional(),
  email: z.email().nullable().optional(),
  whatsapp: z.string().max(30).nullable().optional(),
});

const ImportReportSchema = z
  .object({
    kind: z.enum(['units', 'positions', 'users']),
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    errors: z.array(z.object({ row: z.number(), column: z.string().optional(), message: z.string() })),
    applied: z.boolean(),
    temporaryPasswords: z.array(z.object({ username: z.string(), password: z.string() })),
  })
  .meta({ id: 'ImportReport' });

export async function orgRoutes(app: App, ctx: AppContext): Promise<void> {
  const today = () => isoDateIn(ctx.config.timeZone, ctx.now());
  const tags = ['organisasi'];

  acceptCsvBodies(app);

  async function positionsWithHolders(where: SQL | undefined) {
    const rows = await ctx.database.db.select().from(positions).where(where).orderBy(asc(positions.sortOrder), asc(positions.name));
    // Upcoming appointments (a Plh from next week) are listed too; `startsOn` tells them apart.
    const holders = await holdersOf(ctx.database.db, rows.map((p) => p.id), today(), { includeUpcoming: true });
    return rows.map((p) => ({ ...p, holders: holders.get(p.id) ?? [] }));
  }

  app.get(
    '/org/units',
    {
      schema: {
        tags,
        summary: 'Daftar unit (pohon organisasi sebagai daftar datar dengan parentId)',
        querystring: z.object({ includeInactive: z.coerce.boolean().optional() }),
        response: { 200: z.array(UnitSchema) },
      },
    },
    async (req) => listUnits(ctx.database.db, { includeInactive: req.query.includeInactive ?? false }),
  );

  app.get(
    '/org/units/:id',
    {
      schema: {
        tags,
        summary: 'Satu unit dengan jabatan dan pemangkunya hari ini',
        params: Id,
        response: { 200: UnitSchema.extend({ positions: z.array(PositionSchema), seal: SealSchema.nullable() }), 404: ErrorBody },
      },
    },
    async (req) => {
      const unit = await getUnit(ctx.database.db, req.params.id);
      return { ...unit, positions: await positionsWithHolders(eq(positions.unitId, unit.id)), seal: await sealOf(ctx.database.db, unit.id) };
    },
  );

  app.put(
    '/org/units/:id/seal',
    {
      schema: {
        tags,
        summary: 'Unggah atau ganti cap dinas unit (admin)',
        description: `multipart: file (PNG berlatar transparan atau JPEG, paling besar 512 KB, 100–2000 piksel per sisi). Cap dinas dibubuhkan di sebelah kiri tanda tangan elektronik pada naskah yang diterbitkan unit ini dan subunitnya yang tidak punya cap sendiri.`,
        params: Id,
        response: { 200: SealSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // Nothing of the upload is read before the actor is known to be an administrator.
      requireRole(actor, 'system_admin');
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data' });
      let bytes: Buffer | null = null;
      for await (const part of req.parts()) {
        if (part.type === 'file' && part.fieldname === 'file' && !bytes) bytes = await part.toBuffer();
        else if (part.type === 'file') await part.toBuffer();
      }
      if (!bytes?.length) throw new AppError('SEAL_IMAGE_INVALID', { reason: 'no file' });
      return setUnitSeal(ctx, actor, req.params.id, bytes);
    },
  );

  app.get(
    '/org/units/:id/seal',
    { schema: { tags, summary: 'Gambar cap dinas unit (admin)', params: Id, response: { 200: z.any().describe('image/png | image/jpeg'), ...errorResponses } } },
    async (req, reply) => {
      const seal = await readUnitSeal(ctx, actorOf(req), req.params.id);
      return reply.type(seal.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(seal.bytes);
    },
  );

  app.delete(
    '/org/units/:id/seal',
    { schema: { tags, summary: 'Hapus cap dinas unit (admin)', params: Id, response: { 204: z.undefined(), ...errorResponses } } },
    async (req, reply) => {
      await removeUnitSeal(ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/org/units',
    { schema: { tags, summary: 'Tambah unit (admin)', body: UnitBody, response: { 201: UnitSchema, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createUnit(ctx, actorOf(req), req.body)),
  );

  app.patch(
    '/org/units/:id',
    {
      schema: {
        tags,
        summary: 'Ubah unit (admin); memindah induk ikut memindah seluruh subunit',
        params: Id,
        body: UnitBody.partial().extend({ active: z.boolean().optional(), version: VersionField }),
        response: { 200: UnitSchema, ...errorResponses },
      },
    },
    async (req) => updateUnit(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/org/positions',
    {
      schema: {
        tags,
        summary: 'Cari jabatan (untuk memilih penerima, verifikator, penandatangan)',
        querystring: z.object({ unitId: z.uuid().optional(), q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.array(PositionSchema.extend({ unitName: z.string() })) },
      },
    },
    async (req) => {
      const conds = [eq(positions.active, true)];
      if (req.query.unitId) conds.push(eq(positions.unitId, req.query.unitId));
      if (req.query.q) conds.push(sql`(${positions.name} ilike ${likeContains(req.query.q)} or ${units.name} ilike ${likeContains(req.query.q)})`);
      const rows = await ctx.database.db
        .select({ p: positions, unitName: units.name })
        .from(positions)
        .innerJoin(units, eq(units.id, positions.unitId))
        .where(and(...conds))
        .orderBy(asc(units.path), asc(positions.sortOrder))
        .limit(req.query.limit);
      const holders = await holdersOf(ctx.database.db, rows.map((r) => r.p.id), today());
      return rows.map((r) => ({ ...r.p, unitName: r.unitName, holders: holders.get(r.p.id) ?? [] }));
    },
  );

  app.post(
    '/org/positions',
    { schema: { tags, summary: 'Tambah jabatan (admin)', body: PositionBody, response: { 201: PositionSchema, ...errorResponses } } },
    async (req, reply) => reply.code(201).send({ ...(await createPosition(ctx, actorOf(req), req.body)), holders: [] }),
  );

  app.patch(
    '/org/positions/:id',
    {
      schema: {
        tags,
        summary: 'Ubah jabatan (admin)',
        params: Id,
        body: PositionBody.partial().extend({ active: z.boolean().optional(), version: VersionField }),
        response: { 200: PositionSchema, ...errorResponses },
      },
    },
    async (req) => {
      const p = await updatePosition(ctx, actorOf(req), req.params.id, req.body);
      return { ...p, holders: (await holdersOf(ctx.database.db, [p.id], today())).get(p.id) ?? [] };
    },
  );

  app.post(
    '/org/positions/:id/holders',
    {
      schema: {
        tags,
        summary: 'Tetapkan pemangku jabatan: definitif, Plt, Plh atau Pj dengan periode',
        params: Id,
        body: z.object({ userId: z.uuid(), kind: z.enum(HOLDER_KINDS), startsOn: IsoDate, endsOn: IsoDate.nullable().optional(), decree: z.string().max(200).nullable().optional() }),
        response: { 201: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await assignHolder(ctx, actorOf(req), { positionId: req.params.id, ...req.body });
      return reply.code(201).send({ id: row.id });
    },
  );

  app.delete(
    '/org/holders/:id',
    {
      schema: {
        tags,
        summary: 'Akhiri masa jabatan (tanggal terakhir berlaku, bawaan hari ini)',
        params: Id,
        querystring: z.object({ endsOn: IsoDate.optional() }),
        response: { 204: z.undefined(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await endHolder(ctx, actorOf(req), req.params.id, req.query.endsOn);
      return reply.code(204).send();
    },
  );

  app.get(
    '/org/users',
    {
      schema: {
        tags,
        summary: 'Daftar pengguna (data pribadi hanya untuk admin)',
        querystring: Page.extend({ q: z.string().max(100).optional(), unitId: z.uuid().optional(), role: z.enum(ROLES).optional(), status: z.enum(USER_STATUSES).optional() }),
        response: { 200: z.object({ total: z.number(), items: z.array(UserSchema) }) },
      },
    },
    async (req) => {
      const admin = isSystemAdmin(actorOf(req));
      const { total, rows } = await listUsers(ctx.database.db, req.query);
      return { total, items: rows.map((u) => userView(u, admin)) };
    },
  );

  app.get(
    '/org/users/:id',
    {
      schema: {
        tags,
        summary: 'Satu pengguna dengan jabatan dan perannya',
        params: Id,
        response: {
          200: UserSchema.extend({
            positions: z.array(z.object({ holderId: z.string(), positionId: z.string(), positionName: z.string(), unitId: z.string(), unitName: z.string(), kind: z.enum(HOLDER_KINDS), startsOn: z.string(), endsOn: z.string().nullable() })),
            roles: z.array(z.object({ id: z.string(), role: z.enum(ROLES), unitId: z.string().nullable(), unitName: z.string().nullable() })),
          }),
          404: ErrorBody,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const user = await getUser(ctx.database.db, req.params.id);
      const admin = isSystemAdmin(actor) || actor.userId === user.id;
      const held = await positionsHeldBy(ctx.database.db, user.id, today());
      const roles = await ctx.database.db
        .select({ id: roleGrants.id, role: roleGrants.role, unitId: roleGrants.unitId, unitName: units.name })
        .from(roleGrants)
        .leftJoin(units, eq(units.id, roleGrants.unitId))
        .where(eq(roleGrants.userId, user.id));
      return {
        ...userView(user, admin),
        positions: held.map(({ holderId, positionId, positionName, unitId, unitName, kind, startsOn, endsOn }) => ({ holderId, positionId, positionName, unitId, unitName, kind, startsOn, endsOn })),
        roles,
      };
    },
  );

  app.post(
    '/org/users',
    {
      schema: {
        tags,
        summary: 'Buat akun (admin). Kata sandi sementara ditampilkan sekali; wajib diganti saat masuk pertama.',
        body: UserBody,
        response: { 201: z.object({ user: UserSchema, temporaryPassword: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { user, temporaryPassword } = await createUser(ctx, actorOf(req), req.body);
      return reply.code(201).send({ user: userView(user, true), temporaryPassword });
    },
  );

  app.patch(
    '/org/users/:id',
    {
      schema: {
        tags,
        summary: 'Ubah data pengguna (admin)',
        params: Id,
        body: UserBody.partial().extend({ status: z.enum(USER_STATUSES).optional(), version: VersionField }),
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (req) => userView(await updateUser(ctx, actorOf(req), req.params.id, req.body), true),
  );

  app.post(
    '/org/users/:id/reset-password',
    { schema: { tags, summary: 'Atur ulang kata sandi (admin) – kata sandi sementara', params: Id, response: { 200: z.object({ temporaryPassword: z.string() }), ...errorResponses } } },
    async (req) => ({ temporaryPassword: await resetUserPassword(ctx, actorOf(req), req.params.id) }),
  );

  app.post(
    '/org/users/:id/unlock',
    { schema: { tags, summary: 'Buka kunci akun (admin)', params: Id, response: { 204: z.undefined(), ...errorResponses } } },
    async (req, reply) => {
      await unlockUser(ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/org/users/:id/reset-totp',
    { schema: { tags, summary: 'Hapus 2FA pengguna (HP hilang) – admin', params: Id, response: { 204: z.undefined(), ...errorResponses } } },
    async (req, reply) => {
      await resetUserTotp(ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/org/users/:id/roles',
    {
      schema: {
        tags,
        summary: 'Beri peran untuk satu unit (beserta subunitnya) atau seluruh instansi (unitId null)',
        params: Id,
        body: z.object({ role: z.enum(ROLES), unitId: z.uuid().nullable() }),
        response: { 201: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await grantRole(ctx, actorOf(req), { userId: req.params.id, ...req.body }) }),
  );

  app.delete(
    '/org/roles/:id',
    { schema: { tags, summary: 'Cabut peran (admin)', params: Id, response: { 204: z.undefined(), ...errorResponses } } },
    async (req, reply) => {
      await revokeRole(ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/org/import',
    {
      schema: {
        tags,
        summary: 'Impor CSV unit, jabatan atau pengguna (jenis dikenali dari header). Semua atau tidak sama sekali.',
        description: 'Kirim isi CSV sebagai text/csv, atau multipart dengan field "file". dryRun=true memeriksa tanpa menyimpan.',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
        response: { 200: ImportReportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireRole(actor, 'system_admin');
      const csv = await readCsvUpload(req);
      const report = await importOrgCsv(ctx, actor, csv, { dryRun: req.query.dryRun === 'true' });
      if (report.errors.length) {
        return reply.code(400).send(new AppError('IMPORT_FAILED', { report }).toBody(req.lang));
      }
      return report;
    },
  );

  app.get(
    '/admin/mfa-policy',
    { schema: { tags: ['admin'], summary: 'Peran yang wajib 2FA', response: { 200: z.record(z.string(), z.boolean()) } } },
    async (req) => {
      requireRole(actorOf(req), 'system_admin');
      return getMfaPolicy(ctx.database.db);
    },
  );

  app.put(
    '/admin/mfa-policy',
    {
      schema: { tags: ['admin'], summary: 'Atur kewajiban 2FA per peran', body: z.object({ role: z.enum(ROLES), required: z.boolean() }), response: { 200: z.record(z.string(), z.boolean()) } },
    },
    async (req) => {
      const actor = actorOf(req);
      requireRole(actor, 'system_admin');
      await inTransaction(ctx.database, async (tx) => {
        const at = ctx.now();
        await setMfaPolicy(tx.db, req.body.role, req.body.required, at);
        await recordAudit(tx.db, { at, actorUserId: actor.userId, action: 'auth.mfa_policy_changed', entityType: 'mfa_policy', entityId: req.body.role, data: { required: req.body.required }, ip: actor.ip });
      });
      return getMfaPolicy(ctx.database.db);
    },
  );

}
