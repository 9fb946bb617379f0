// The verification report as people read it: an Indonesian text (CLI, logs) and a one-line
// summary in Indonesian and English.
import type { SignatureReport, VerificationReport } from './reportTypes.js';

const LEVEL_TEXT: Record<string, string> = {
  'B-B': 'PAdES B-B (dasar)',
  'B-T': 'PAdES B-T (dengan cap waktu)',
  'B-LT': 'PAdES B-LT (validasi jangka panjang)',
  'B-LTA': 'PAdES B-LTA (arsip)',
};

export function summarise(verdict: VerificationReport['verdict'], sigs: SignatureReport[]): { id: string; en: string } {
  const n = sigs.length;
  switch (verdict) {
    case 'no_signatures':
      return { id: 'Dokumen tidak memiliki tanda tangan elektronik.', en: 'The document carries no electronic signature.' };
    case 'valid':
      return { id: `Semua ${n} tanda tangan/cap waktu valid dan dokumen tidak berubah sejak ditandatangani.`, en: `All ${n} signature(s)/timestamp(s) are valid and the document is unchanged since signing.` };
    case 'untrusted':
      return { id: 'Tanda tangan utuh, tetapi sertifikatnya tidak diterbitkan oleh otoritas yang dipercaya.', en: 'The signatures are intact but their certificates are not from a trusted authority.' };
    default: {
      const bad = sigs.filter((s) => s.status === 'invalid').length;
      const modified = sigs.some((s) => s.modifiedAfterSigning.changed);
      return {
        id: `${bad} dari ${n} tanda tangan TIDAK VALID${modified ? ': dokumen diubah setelah ditandatangani' : ''}.`,
        en: `${bad} of ${n} signature(s) NOT VALID${modified ? ': the document was changed after signing' : ''}.`,
      };
    }
  }
}

const STATUS_TEXT = { valid: 'VALID', invalid: 'TIDAK VALID', untrusted: 'TIDAK DIPERCAYA' } as const;

export function buildReportText(r: Omit<VerificationReport, 'text'>): string {
  const lines: string[] = [];
  lines.push('LAPORAN VERIFIKASI TANDA TANGAN ELEKTRONIK');
  lines.push(`Hasil: ${r.summary.id}`);
  lines.push(`Berkas: SHA-256 ${r.file.sha256}, ${r.file.size} bita, ${r.file.pages} halaman, ${r.file.revisions} revisi`);
  lines.push(`Diperiksa: ${r.verifiedAt}`);
  for (const s of r.signatures) {
    lines.push('');
    lines.push(`${s.kind === 'timestamp' ? 'Cap waktu dokumen' : s.kind === 'seal' ? 'Segel elektronik' : 'Tanda tangan'} #${s.index}${s.fieldName ? ` (${s.fieldName})` : ''}: ${STATUS_TEXT[s.status]}`);
    if (s.signer) {
      lines.push(`  ${s.kind === 'timestamp' ? 'Penerbit cap waktu' : s.kind === 'seal' ? 'Instansi' : 'Penanda tangan'}: ${s.signer.commonName}${s.signer.title ? `, ${s.signer.title}` : ''}${s.signer.organisation ? `, ${s.signer.organisation}` : ''}`);
      if (s.signer.nip) lines.push(`  NIP: ${s.signer.nip}`);
      if (s.signer.nik) lines.push(`  NIK: ${s.signer.nik}`);
      lines.push(`  Sertifikat: nomor seri ${s.signer.serial}, diterbitkan oleh ${s.signer.issuer}, berlaku ${s.signer.notBefore.slice(0, 10)} s.d. ${s.signer.notAfter.slice(0, 10)}`);
    }
    if (s.level) lines.push(`  Tingkat: ${LEVEL_TEXT[s.level] ?? s.level}`);
    lines.push(`  Keutuhan bagian yang ditandatangani: ${s.integrity.ok ? 'utuh' : `RUSAK${s.integrity.problem ? ` – ${s.integrity.problem}` : ''}`}`);
    lines.push(`  Perubahan setelah ditandatangani: ${s.coversWholeDocument ? 'tidak ada (mencakup seluruh dokumen)' : s.modifiedAfterSigning.changed ? `ADA – ${s.modifiedAfterSigning.details.join(' ')}` : `hanya tanda tangan/cap waktu/DSS${s.modifiedAfterSigning.notes.length ? ` (${s.modifiedAfterSigning.notes.join(' ')})` : ''}`}`);
    lines.push(`  Rantai sertifikat: ${s.chain.trusted ? `dipercaya (${s.chain.path.join(' → ')})` : `tidak dipercaya${s.chain.problem ? ` – ${s.chain.problem}` : ''}`}`);
    if (s.kind !== 'timestamp') {
      lines.push(`  Cap waktu: ${s.timestamp.present ? `${s.timestamp.valid ? 'valid' : 'TIDAK VALID'}${s.timestamp.time ? `, ${s.timestamp.time}` : ''}${s.timestamp.authority ? `, oleh ${s.timestamp.authority}` : ''}` : 'tidak ada (waktu hanya klaim penanda tangan)'}`);
      if (s.claimedSigningTime) lines.push(`  Waktu menurut penanda tangan: ${s.claimedSigningTime}`);
      const src = s.revocation.source === 'live' ? 'basis data instansi' : s.revocation.source === 'ocsp' ? 'jawaban OCSP dalam dokumen' : s.revocation.source === 'crl' ? 'CRL dalam dokumen' : s.revocation.source === 'ocsp-online' ? 'OCSP daring' : null;
      lines.push(`  Status pencabutan: ${s.revocation.status === 'good' ? 'tidak dicabut' : s.revocation.status === 'revoked' ? `DICABUT${s.revocation.revokedAt ? ` pada ${s.revocation.revokedAt}` : ''}${s.revocation.reason ? ` (${s.revocation.reason})` : ''}` : 'tidak diketahui'}${src ? ` – sumber: ${src}` : ''}`);
    } else if (s.timestamp.time) lines.push(`  Waktu: ${s.timestamp.time}`);
    if (s.reason) lines.push(`  Alasan: ${s.reason}`);
    if (s.location) lines.push(`  Lokasi: ${s.location}`);
    for (const p of s.problems) lines.push(`  ✗ ${p}`);
    for (const w of s.warnings) lines.push(`  ! ${w}`);
  }
  return lines.join('\n');
}
