// Value lists the forms offer. The `satisfies` checks fail to compile when the API's enums change.
import type { Role, Schemas } from '../api/client';

export type UnitKind = Schemas['Unit']['kind'];
export type HolderKindValue = Schemas['Position']['holders'][number]['kind'];
export type UserStatus = Schemas['User']['status'];

export const UNIT_KINDS = ['pemda', 'pimpinan', 'setda', 'dinas', 'badan', 'kantor', 'kecamatan', 'bagian', 'sekretariat', 'bidang', 'subbagian', 'seksi', 'uptd', 'lainnya'] as const satisfies readonly UnitKind[];
export const ROLES = ['drafter', 'verifier', 'signer', 'tte_outside_workflow', 'records_officer', 'admin_email', 'pii_officer', 'registration_authority', 'system_admin'] as const satisfies readonly Role[];
export const HOLDER_KINDS = ['definitif', 'plt', 'plh', 'pj'] as const satisfies readonly HolderKindValue[];
export const USER_STATUSES = ['active', 'inactive'] as const satisfies readonly UserStatus[];

// Exhaustiveness: a new enum value on the server is a compile error here until listed above.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const _unitKinds: Missing<UnitKind, (typeof UNIT_KINDS)[number]> = true;
const _roles: Missing<Role, (typeof ROLES)[number]> = true;
const _holders: Missing<HolderKindValue, (typeof HOLDER_KINDS)[number]> = true;
void [_unitKinds, _roles, _holders];

/** Position levels (eselon) as pemda data writes them; free text is allowed too. */
export const POSITION_LEVELS = ['kepala_daerah', 'II.a', 'II.b', 'III.a', 'III.b', 'IV.a', 'IV.b', 'JF', 'pelaksana'];

/** Golongan ruang (PNS) and the matching pangkat, for suggestions. */
export const GOLONGAN = ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];
export const PANGKAT = [
  'Juru Muda',
  'Juru Muda Tingkat I',
  'Juru',
  'Juru Tingkat I',
  'Pengatur Muda',
  'Pengatur Muda Tingkat I',
  'Pengatur',
  'Pengatur Tingkat I',
  'Penata Muda',
  'Penata Muda Tingkat I',
  'Penata',
  'Penata Tingkat I',
  'Pembina',
  'Pembina Tingkat I',
  'Pembina Utama Muda',
  'Pembina Utama Madya',
  'Pembina Utama',
];
