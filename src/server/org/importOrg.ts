// CSV import of units, positions and users (API and CLI). The file kind is told by its header.
// Idempotent: units are matched by code, positions by (unit code, name), users by username; a
// second run of the same file changes nothing. All or nothing: any bad row aborts the whole
// import and the report lists every bad row with its reason.
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Actor } from '../auth/actor.js';
import { generateTemporaryPassword, hashPassword } from '../auth/password.js';
import { AppError, isAppError } from '../errors.js';
import { HOLDER_KINDS, positionHolders, positions, ROLES, roleGrants, UNIT_KINDS, units, users, type HolderKind, type Role, type UnitKind } from './schema.js';
import { insertUnit } from './units.js';
import { insertHolder, insertPosition } from './positions.js';
import { cleanIdentity, insertGrant, insertUser } from './users.js';

export const IMPORT_COLUMNS = {
  units: ['kode', 'nama', 'nama_singkat', 'jenis', 'kode_induk', 'alamat', 'telepon', 'email', 'website', 'urutan'],
  positions: ['kode_unit', 'jabatan', 'eselon', 'kode_unit_atasan', 'jabatan_atasan', 'kepala_unit', 'urutan'],
  users: ['username', 'nama', 'nip', 'nik', 'pangkat', 'golongan', 'email', 'whatsapp', 'kode_unit', 'jabatan', 'jenis_jabatan', 'mulai', 'selesai', 'peran'],
} as const;
export type ImportKind = keyof typeof IMPORT_COLUMNS;

export interface ImportRowError {
  row: number; // 1-based line number in the file, header = 1
  column?: string;
  message: string;
}

export interface ImportReport {
  kind: ImportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  applied: boolean;
  /** Temporary passwords of users created by this import (shown once). */
  temporaryPasswords: Array<{ username: string; password: string }>;
}

class RowError extends Error {
  constructor(
    readonly column: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function detectKind(header: string[]): ImportKind {
  const set = new Set(header);
  if (set.has('username')) return 'users';
  if (set.has('jabatan') && set.has('kode_unit')) return 'positions';
  if (set.has('kode') && set.has('nama')) return 'units';
  throw new AppError('IMPORT_FAILED', { errors: [{ row: 1, message: 'Kolom header tidak dikenali. Lihat README untuk format units.csv, positions.csv, users.csv.' }] });
}

export function parseCsv(text: string): { header: string[]; records: Array<Record<string, string>> } {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  // Indonesian spreadsheet exports often use ';'.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(body, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (e) {
    throw new AppError('IMPORT_FAILED', { errors: [{ row: (e as { lines?: number }).lines ?? 0, message: `CSV tidak dapat dibaca: ${(e as Error).message}` }] });
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  return { header, records };
}

const req = (r: Record<string, string>, col: string): string => {
  const v = r[col]?.trim();
  if (!v) throw new RowError(col, `Kolom ${col} wajib diisi`);
  return v;
};
const opt = (r: Record<string, string>, col: string): string | null => r[col]?.trim() || null;
const int = (r: Record<string, string>, col: string): number => {
  const v = opt(r, col);
  if (v === null) return 0;
  if (!/^-?\d+$/.test(v)) throw new RowError(col, `Kolom ${col} harus angka`);
  return Number(v);
};
const isoDate = (r: Record<string, string>, col: string): string | null => {
  const v = opt(r, col);
  if (v === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) ?? /^(\d{2})[/-](\d{2})[/-](\d{4})$/.exec(v);
  if (!m) throw new RowError(col, `Kolom ${col} harus tanggal YYYY-MM-DD atau DD/MM/YYYY`);
  const iso = m[1]!.length === 4 ? `${m[1]}-${m[2]}-${m[3]}` : `${m[3]}-${m[2]}-${m[1]}`;
  if (Number.isNaN(Date.parse(iso))) throw new RowError(col, `Tanggal ${v} tidak valid`);
  return iso;
};

async function unitByCode(db: Db, code: string, col: string) {
  const [u] = await db.select().from(units).where(eq(units.code, code));
  if (!u) throw new RowError(col, `Unit dengan kode ${code} tidak ditemukan (impor units.csv dulu)`);
  return u;
}

async function positionByName(db: Db, unitId: string, name: string, col: string) {
  const [p] = await db.select().from(positions).where(and(eq(positions.unitId, unitId), sql`lower(${positions.name}) = lower(${name})`));
  if (!p) throw new RowError(col, `Jabatan "${name}" tidak ditemukan pada unit itu (impor positions.csv dulu)`);
  return p;
}

type Outcome = 'created' | 'updated' | 'unchanged';

async function importUnitRow(db: Db, r: Record<string, string>, now: Date): Promise<Outcome> {
  const code = req(r, 'kode');
  const name = req(r, 'nama');
  const kind = (opt(r, 'jenis') ?? 'lainnya').toLowerCase() as UnitKind;
  if (!UNIT_KINDS.includes(kind)) throw new RowError('jenis', `Jenis unit harus salah satu dari: ${UNIT_KINDS.join(', ')}`);
  const parentCode = opt(r, 'kode_induk');
  const parent = parentCode ? await unitByCode(db, parentCode, 'kode_induk') : null;
  const fields = {
    name,
    shortName: opt(r, 'nama_singkat'),
    kind,
    address: opt(r, 'alamat'),
    phone: opt(r, 'telepon'),
    email: opt(r, 'email'),
    website: opt(r, 'website'),
    sortOrder: int(r, 'urutan'),
  };
  const [existing] = await db.select().from(units).where(eq(units.code, code));
  if (!existing) {
    await insertUnit(db, { ...fields, code, parentId: parent?.id ?? null });
    return 'created';
  }
  if ((existing.parentId ?? null) !== (parent?.id ?? null)) {
    throw new RowError('kode_induk', 'Memindahkan unit ke induk lain tidak dilakukan lewat impor; ubah lewat halaman Organisasi');
  }
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => (existing[k] ?? null) !== (fields[k] ?? null));
  if (!changed.length) return 'unchanged';
  await db.update(units).set({ ...fields, version: existing.version + 1, updatedAt: now }).where(eq(units.id, existing.id));
  return 'updated';
}

async function importPositionRow(db: Db, r: Record<string, string>, now: Date): Promise<Outcome> {
  const unit = await unitByCode(db, req(r, 'kode_unit'), 'kode_unit');
  const name = req(r, 'jabatan');
  const level = req(r, 'eselon');
  const parentUnitCode = opt(r, 'kode_unit_atasan');
  const parentName = opt(r, 'jabatan_atasan');
  let parentPositionId: string | null = null;
  if (parentName) {
    const pu = parentUnitCode ? await unitByCode(db, parentUnitCode, 'kode_unit_atasan') : unit;
    parentPositionId = (await positionByName(db, pu.id, parentName, 'jabatan_atasan')).id;
  }
  const headFlag = (opt(r, 'kepala_unit') ?? '').toLowerCase();
  const isUnitHead = ['ya', 'y', 'true', '1'].includes(headFlag);
  const sortOrder = int(r, 'urutan');
  const [existing] = await db.select().from(positions).where(and(eq(positions.unitId, unit.id), sql`lower(${positions.name}) = lower(${name})`));
  if (!existing) {
    await insertPosition(db, { unitId: unit.id, name, level, parentPositionId, isUnitHead, sortOrder });
    return 'created';
  }
  if (existing.level === level && existing.parentPositionId === parentPositionId && existing.isUnitHead === isUnitHead && existing.sortOrder === sortOrder) return 'unchanged';
  await db.update(positions).set({ level, parentPositionId, isUnitHead, sortOrder, version: existing.version + 1, updatedAt: now }).where(eq(positions.id, existing.id));
  return 'updated';
}

async function importUserRow(
  db: Db,
  r: Record<string, string>,
  now: Date,
  actorId: string | null,
  passwordFor: (username: string) => { hash: string; plain: string } | undefined,
  newPasswords: ImportReport['temporaryPasswords'],
): Promise<Outcome> {
  let identity;
  try {
    identity = cleanIdentity({
      username: req(r, 'username'),
      name: req(r, 'nama'),
      nip: opt(r, 'nip'),
      nik: opt(r, 'nik'),
      pangkat: opt(r, 'pangkat'),
      golongan: opt(r, 'golongan'),
      email: opt(r, 'email'),
      whatsapp: opt(r, 'whatsapp'),
    });
  } catch (e) {
    if (isAppError(e)) {
      const column = e.code === 'NIP_INVALID' ? 'nip' : e.code === 'NIK_INVALID' ? 'nik' : e.code === 'VALIDATION_FAILED' ? String((e.details?.fields as Array<{ path: string }>)?.[0]?.path ?? '').replace('body.', '') : undefined;
      throw new RowError(column, e.userMessage('id'));
    }
    throw e;
  }
  let outcome: Outcome = 'unchanged';
  const [existing] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${identity.username})`);
  let userId: string;
  if (!existing) {
    if (identity.nip) {
      const [clash] = await db.select({ username: users.username }).from(users).where(eq(users.nip, identity.nip));
      if (clash) throw new RowError('nip', `NIP sudah dipakai akun ${clash.username}`);
    }
    const pw = passwordFor(identity.username);
    if (!pw) throw new Error('missing precomputed password');
    const created = await insertUser(db, identity, { hash: pw.hash, mustChange: true });
    newPasswords.push({ username: created.username, password: pw.plain });
    userId = created.id;
    outcome = 'created';
  } else {
    userId = existing.id;
    const fields = { name: identity.name, nip: identity.nip ?? null, nik: identity.nik ?? null, pangkat: identity.pangkat ?? null, golongan: identity.golongan ?? null, email: identity.email ?? null, whatsapp: identity.whatsapp ?? null };
    const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => (existing[k] ?? null) !== fields[k]);
    if (changed.length) {
      if (fields.nip && fields.nip !== existing.nip) {
        const [clash] = await db.select({ username: users.username }).from(users).where(eq(users.nip, fields.nip));
        if (clash) throw new RowError('nip', `NIP sudah dipakai akun ${clash.username}`);
      }
      await db.update(users).set({ ...fields, version: existing.version + 1, updatedAt: now }).where(eq(users.id, existing.id));
      outcome = 'updated';
    }
  }

  // Position held (optional).
  const unitCode = opt(r, 'kode_unit');
  const positionName = opt(r, 'jabatan');
  let unitId: string | null = null;
  if (unitCode) unitId = (await unitByCode(db, unitCode, 'kode_unit')).id;
  if (positionName) {
    if (!unitId) throw new RowError('kode_unit', 'Kolom kode_unit wajib diisi bila jabatan diisi');
    const position = await positionByName(db, unitId, positionName, 'jabatan');
    const kind = (opt(r, 'jenis_jabatan') ?? 'definitif').toLowerCase() as HolderKind;
    if (!HOLDER_KINDS.includes(kind)) throw new RowError('jenis_jabatan', `Jenis jabatan harus salah satu dari: ${HOLDER_KINDS.join(', ')}`);
    const startsOn = isoDate(r, 'mulai') ?? '2000-01-01';
    const endsOn = isoDate(r, 'selesai');
    const [held] = await db
      .select({ id: positionHolders.id, endsOn: positionHolders.endsOn })
      .from(positionHolders)
      .where(and(eq(positionHolders.positionId, position.id), eq(positionHolders.userId, userId), eq(positionHolders.kind, kind), eq(positionHolders.startsOn, startsOn)));
    if (!held) {
      try {
        await insertHolder(db, { positionId: position.id, userId, kind, startsOn, endsOn });
      } catch (e) {
        if (isAppError(e) && e.code === 'CONFLICT') throw new RowError('jabatan', `Jabatan "${positionName}" sudah dijabat definitif oleh orang lain pada periode itu`);
        throw e;
      }
      if (outcome === 'unchanged') outcome = 'updated';
    } else if ((held.endsOn ?? null) !== endsOn) {
      await db.update(positionHolders).set({ endsOn }).where(eq(positionHolders.id, held.id));
      if (outcome === 'unchanged') outcome = 'updated';
    }
  }

  // Roles: "drafter;verifier" scoped to the row's unit; system_admin is instance-wide.
  for (const raw of (opt(r, 'peran') ?? '').split(/[;|]/).map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const role = raw as Role;
    if (!ROLES.includes(role)) throw new RowError('peran', `Peran "${raw}" tidak dikenal. Pilihan: ${ROLES.join(', ')}`);
    const scope = role === 'system_admin' ? null : unitId;
    const [has] = await db
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, role), scope ? eq(roleGrants.unitId, scope) : sql`${roleGrants.unitId} is null`));
    if (!has) {
      try {
        await insertGrant(db, { userId, role, unitId: scope, grantedBy: actorId });
      } catch (e) {
        if (isAppError(e)) throw new RowError('peran', e.userMessage('id'));
        throw e;
      }
      if (outcome === 'unchanged') outcome = 'updated';
    }
  }
  return outcome;
}

export async function importOrgCsv(ctx: AppContext, actor: Actor | null, csv: string, opts: { dryRun?: boolean } = {}): Promise<ImportReport> {
  if (actor && !actor.grants.some((g) => g.role === 'system_admin' && g.unitId === null)) throw new AppError('FORBIDDEN', { requiredRole: 'system_admin' });
  const { header, records } = parseCsv(csv);
  const kind = detectKind(header);
  const required: Record<ImportKind, string[]> = { units: ['kode', 'nama'], positions: ['kode_unit', 'jabatan', 'eselon'], users: ['username', 'nama'] };
  const missing = required[kind].filter((c) => !header.includes(c));
  if (missing.length) throw new AppError('IMPORT_FAILED', { kind, errors: [{ row: 1, message: `Kolom wajib tidak ada: ${missing.join(', ')}` }] });

  // Hash temporary passwords for users that will be created, in parallel, outside the transaction.
  const passwords = new Map<string, { hash: string; plain: string }>();
  if (kind === 'users') {
    const known = new Set((await ctx.database.db.select({ u: sql<string>`lower(${users.username})` }).from(users)).map((r) => r.u));
    const fresh = [...new Set(records.map((r) => (r.username ?? '').trim()).filter((u) => u && !known.has(u.toLowerCase())))];
    await Promise.all(
      fresh.map(async (u) => {
        const plain = generateTemporaryPassword();
        passwords.set(u.toLowerCase(), { plain, hash: await hashPassword(plain) });
      }),
    );
  }

  const report: ImportReport = { kind, rows: records.length, created: 0, updated: 0, unchanged: 0, errors: [], applied: false, temporaryPasswords: [] };
  const ROLLBACK = Symbol('rollback');
  try {
    await inTransaction(ctx.database, async (tx) => {
      for (const [i, r] of records.entries()) {
        const line = i + 2;
        await tx.client.query('savepoint import_row');
        try {
          const outcome =
            kind === 'units'
              ? await importUnitRow(tx.db, r, ctx.now())
              : kind === 'positions'
                ? await importPositionRow(tx.db, r, ctx.now())
                : await importUserRow(tx.db, r, ctx.now(), actor?.userId ?? null, (u) => passwords.get(u.toLowerCase()), report.temporaryPasswords);
          report[outcome]++;
          await tx.client.query('release savepoint import_row');
        } catch (e) {
          await tx.client.query('rollback to savepoint import_row');
          if (e instanceof RowError) report.errors.push({ row: line, ...(e.column ? { column: e.column } : {}), message: e.message });
          else if (isAppError(e)) report.errors.push({ row: line, message: e.userMessage('id') });
          else throw e;
        }
      }
      if (report.errors.length || opts.dryRun) throw ROLLBACK;
      await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor?.userId ?? null, action: 'org.imported', entityType: 'org', data: { kind, created: report.created, updated: report.updated, unchanged: report.unchanged }, ip: actor?.ip ?? null });
    });
    report.applied = true;
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  if (!report.applied) report.temporaryPasswords = [];
  return report;
}
