// The values filled into a document's ${…} fields, from its registration data. Pure.
import { formatNip } from '../../shared/identity.js';
import { tanggalIndonesia } from '../../shared/dates.js';
import type { HolderKind } from '../org/schema.js';
import type { Sifat } from './schema.js';

export const SIFAT_LABEL: Record<Sifat, string> = { biasa: 'Biasa', terbatas: 'Terbatas', rahasia: 'Rahasia', sangat_rahasia: 'Sangat Rahasia' };

export const ACTING_PREFIX: Record<HolderKind, string> = { definitif: '', plt: 'Plt. ', plh: 'Plh. ', pj: 'Pj. ' };

export interface SignerBlock {
  positionName: string;
  actingAs: HolderKind;
  /** a.n. (atas nama): the superior position signed for. */
  onBehalfOfPositionName?: string | null;
  name: string;
  nip: string | null;
}

/**
 * "a.n. BUPATI CONTOH\nSEKRETARIS DAERAH" or "Plt. KEPALA DINAS …" as printed above the
 * signature. No trailing comma: the template owns the punctuation ("${jabatan_pengirim},"), and
 * the same value reads "Dari : …" in a nota dinas.
 */
export function signerTitle(s: Pick<SignerBlock, 'positionName' | 'actingAs' | 'onBehalfOfPositionName'>): string {
  const own = `${ACTING_PREFIX[s.actingAs]}${s.positionName.toUpperCase()}`.replace(/[\s,]+$/, '');
  return s.onBehalfOfPositionName ? `a.n. ${s.onBehalfOfPositionName.toUpperCase().replace(/[\s,]+$/, '')}\n${own}` : own;
}

export interface PlaceholderInput {
  number: string | null;
  date: string | null; // YYYY-MM-DD
  sifat: Sifat;
  lampiran: string;
  hal: string;
  tujuan: string[];
  tembusan: string[];
  signer: SignerBlock | null;
}

/**
 * Values for fillDocx. Fields not known yet (number/date before they are fixed, the signer
 * before signing in a preview) are left out so the template keeps showing `${field}`.
 */
export function placeholderValues(input: PlaceholderInput, opts: { final: boolean }): Record<string, string | string[]> {
  const v: Record<string, string | string[]> = {
    sifat: SIFAT_LABEL[input.sifat],
    lampiran: input.lampiran || '-',
    hal: input.hal,
    tujuan: input.tujuan,
    tembusan: input.tembusan,
  };
  if (input.number) v.nomor_naskah = input.number;
  if (input.date) v.tanggal_naskah = tanggalIndonesia(input.date);
  if (input.signer) {
    v.jabatan_pengirim = signerTitle(input.signer);
    v.nama_pengirim = input.signer.name;
    v.nip_pengirim = input.signer.nip ? formatNip(input.signer.nip) : '';
  }
  if (opts.final) {
    for (const k of ['nomor_naskah', 'tanggal_naskah', 'jabatan_pengirim', 'nama_pengirim', 'nip_pengirim']) {
      if (v[k] === undefined) throw new Error(`final rendering needs ${k}`);
    }
    v.ttd_pengirim = ''; // blank: the stamp goes into this space (found from the title and the name)
  }
  return v;
}
