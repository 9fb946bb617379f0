// Server-rendered public verification pages (Indonesian with English), small and readable on a
// phone, script only to name the chosen file. Pure: data in, HTML out. Every dynamic value is escaped (certificate names
// in an uploaded PDF are whatever its author wrote).
import type { RegisteredDocument } from '../registeredDocument.js';
import type { SignatureReport, VerificationReport } from '../verify/verifyPdf.js';
import { tanggalIndonesia, waktuIndonesia } from '../../../shared/dates.js';

/** Who publishes the page: the pemda's name, and its time zone for every date shown. */
export interface PageInstance {
  name: string;
  timeZone: string;
}

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6f8;color:#1f2933;line-height:1.5}
main{max-width:760px;margin:0 auto;padding:16px}header{background:#0b4f6c;color:#fff;padding:14px 16px}header h1{margin:0;font-size:1.15rem}header p{margin:2px 0 0;opacity:.85;font-size:.85rem}
.card{background:#fff;border-radius:10px;padding:16px;margin:14px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.en{color:#52606d;font-size:.85em}.verdict{border-left:6px solid}.ok{border-color:#2f9e44}.bad{border-color:#c92a2a}.warn{border-color:#e8590c}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-weight:600;font-size:.8rem;color:#fff}.b-ok{background:#2f9e44}.b-bad{background:#c92a2a}.b-warn{background:#e8590c}
table{width:100%;border-collapse:collapse;font-size:.92rem}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e4e7eb;vertical-align:top}th{width:38%;color:#52606d;font-weight:500}
ul{padding-left:20px;margin:6px 0}.mono{font-family:ui-monospace,monospace;word-break:break-all;font-size:.8rem}
form{display:flex;flex-direction:column;gap:10px}.picker{display:flex;gap:10px;align-items:center;padding:10px;border:1px dashed #9aa5b1;border-radius:8px;background:#fafbfc;cursor:pointer}
.pick{background:#e4e7eb;border-radius:6px;padding:6px 12px;font-weight:600;white-space:nowrap}#file-name{color:#52606d;overflow:hidden;text-overflow:ellipsis}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}.picker:focus-within{outline:3px solid #0b4f6c}
button{background:#0b4f6c;color:#fff;border:0;border-radius:8px;padding:12px;font-size:1rem;font-weight:600}footer{text-align:center;color:#5c636b;font-size:.75rem;padding:20px}
`;

function layout(title: string, body: string, instance: PageInstance): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${esc(title)}</title><style>${CSS}</style></head><body><header><h1>Verifikasi Dokumen Elektronik</h1><p>${esc(instance.name)} · <span lang="en">Electronic document verification</span></p></header>
<main>${body}</main><footer>Naskah – Tata Naskah Dinas Elektronik</footer></body></html>`;
}

export const FILE_PICKER_SCRIPT = `document.querySelectorAll('input[type=file]').forEach(function(input){input.addEventListener('change',function(){var f=input.files&&input.files[0];var out=document.getElementById('file-name');if(out)out.textContent=f?f.name:'Belum ada berkas dipilih';});});`;

function uploadForm(action: string, label: string): string {
  return `<section class="card"><h2>${esc(label)}</h2>
<form method="post" action="${esc(action)}" enctype="multipart/form-data">
<p id="file-hint">Pilih berkas PDF bertanda tangan <span class="en">(choose the signed PDF)</span></p>
<label class="picker" for="file"><span class="pick">Pilih berkas…</span> <span id="file-name" aria-live="polite">Belum ada berkas dipilih</span></label>
<input id="file" class="visually-hidden" type="file" name="file" accept="application/pdf,.pdf" aria-describedby="file-hint" required>
<button type="submit">Periksa / Verify</button></form></section>
<script src="/verifikasi/pilih-berkas.js" defer></script>`;
}

export function uploadPage(instance: PageInstance, error?: string): string {
  return layout(
    'Verifikasi dokumen',
    `${error ? `<section class="card verdict bad"><strong>${esc(error)}</strong></section>` : ''}
<section class="card"><p>Unggah dokumen PDF yang ditandatangani secara elektronik untuk memeriksa keaslian, keutuhan dan penanda tangannya.</p>
<p class="en">Upload an electronically signed PDF to check its authenticity, integrity and signers.</p></section>${uploadForm('/verifikasi', 'Unggah dokumen / Upload')}`,
    instance,
  );
}

function fmt(iso: string | null, timeZone: string): string {
  if (!iso) return '–';
  return waktuIndonesia(new Date(iso), timeZone);
}

/** A letter's calendar date as the letter writes it: "2 Desember 2026". */
function letterDate(isoDate: string | null): string {
  if (!isoDate || !/^\d{4}-\d{2}-\d{2}/.test(isoDate)) return isoDate ?? '–';
  return tanggalIndonesia(isoDate.slice(0, 10));
}

const STATUS = {
  valid: ['VALID', 'b-ok', 'Valid'],
  invalid: ['TIDAK VALID', 'b-bad', 'Not valid'],
  untrusted: ['TIDAK DIPERCAYA', 'b-warn', 'Not trusted'],
} as const;

function signatureCard(s: SignatureReport, timeZone: string): string {
  const [label, cls, en] = STATUS[s.status];
  const rows: Array<[string, string]> = [];
  if (s.signer) {
    rows.push([s.kind === 'timestamp' ? 'Layanan cap waktu <span class="en">TSA</span>' : s.kind === 'seal' ? 'Pemilik segel <span class="en">Seal of</span>' : 'Penanda tangan <span class="en">Signer</span>', esc(s.signer.commonName)]);
    if (s.signer.title) rows.push(['Jabatan <span class="en">Position</span>', esc(s.signer.title)]);
    if (s.signer.nip) rows.push(['NIP', esc(s.signer.nip)]);
    if (s.signer.organisation) rows.push(['Instansi <span class="en">Organisation</span>', esc([s.signer.unit, s.signer.organisation].filter(Boolean).join(', '))]);
    rows.push(['Penerbit sertifikat <span class="en">Issuer</span>', esc(s.signer.issuer)]);
  }
  rows.push(['Waktu (cap waktu) <span class="en">Time (timestamp)</span>', s.timestamp.present ? `${esc(fmt(s.timestamp.time, timeZone))}${s.timestamp.valid ? '' : ' – tidak valid'}` : 'tidak ada / none']);
  rows.push(['Keutuhan <span class="en">Integrity</span>', s.integrity.ok ? 'Utuh <span class="en">intact</span>' : `Rusak <span class="en">broken</span>${s.integrity.problem ? ` – ${esc(s.integrity.problem)}` : ''}`]);
  rows.push([
    'Perubahan setelah ditandatangani <span class="en">Changes after signing</span>',
    s.coversWholeDocument ? 'Tidak ada <span class="en">none</span>' : s.modifiedAfterSigning.changed ? `<strong>ADA</strong> – ${esc(s.modifiedAfterSigning.details.join(' '))}` : 'Hanya tanda tangan/validasi berikutnya <span class="en">only later signatures/validation data</span>',
  ]);
  rows.push(['Sertifikat <span class="en">Certificate</span>', s.chain.trusted ? 'Dipercaya <span class="en">trusted</span>' : `Tidak dipercaya <span class="en">not trusted</span>${s.chain.problem ? ` – ${esc(s.chain.problem)}` : ''}`]);
  if (s.kind !== 'timestamp') rows.push(['Status pencabutan <span class="en">Revocation</span>', s.revocation.status === 'good' ? 'Tidak dicabut <span class="en">not revoked</span>' : s.revocation.status === 'revoked' ? `<strong>DICABUT</strong> ${esc(fmt(s.revocation.revokedAt, timeZone))}` : 'Tidak diketahui <span class="en">unknown</span>']);
  if (s.level) rows.push(['Tingkat <span class="en">Level</span>', `PAdES ${esc(s.level)}`]);
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '');
  return `<section class="card verdict ${cls === 'b-ok' ? 'ok' : cls === 'b-bad' ? 'bad' : 'warn'}">
<h3>${s.kind === 'timestamp' ? 'Cap waktu dokumen' : s.kind === 'seal' ? 'Segel elektronik' : 'Tanda tangan'} #${s.index} <span class="badge ${cls}">${label}</span> <span class="en">${en}</span></h3>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>${list(s.problems)}${list(s.warnings)}</section>`;
}

export function reportSection(report: VerificationReport, timeZone: string): string {
  const cls = report.verdict === 'valid' ? 'ok' : report.verdict === 'untrusted' ? 'warn' : 'bad';
  return `<section class="card verdict ${cls}"><h2>${esc(report.summary.id)}</h2><p class="en">${esc(report.summary.en)}</p>
<table><tr><th>SHA-256</th><td class="mono">${esc(report.file.sha256)}</td></tr><tr><th>Halaman / revisi <span class="en">Pages / revisions</span></th><td>${report.file.pages} / ${report.file.revisions}</td></tr></table></section>
${report.signatures.map((sig) => signatureCard(sig, timeZone)).join('')}`;
}

export function registeredSection(doc: RegisteredDocument, timeZone: string): string {
  if (doc.outsideWorkflow) return outsideWorkflowSection(doc, timeZone);
  const rows: Array<[string, string]> = [
    ['Judul / perihal <span class="en">Title</span>', esc(doc.title)],
    ['Nomor <span class="en">Number</span>', esc(doc.number ?? '–')],
    ['Tanggal <span class="en">Date</span>', esc(letterDate(doc.date))],
    ['Penanda tangan <span class="en">Signer</span>', esc(doc.signerName)],
    ['Jabatan <span class="en">Position</span>', esc(doc.signerTitle).replace(/\n/g, '<br>')],
    ['Terdaftar <span class="en">Registered</span>', esc(fmt(doc.registeredAt.toISOString(), timeZone))],
    ['SHA-256', `<span class="mono">${esc(doc.sha256)}</span>`],
  ];
  return `<section class="card verdict ok"><h2>Dokumen terdaftar <span class="en">Registered document</span></h2>
<p>Dokumen dengan kode <strong>${esc(doc.code)}</strong> tercatat telah ditandatangani secara elektronik.</p>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table></section>`;
}

/** A PDF signed outside the workflow: said plainly, and titled as what it is (the uploader's file name). */
function outsideWorkflowSection(doc: RegisteredDocument, timeZone: string): string {
  const rows: Array<[string, string]> = [
    ['Nama berkas (dari pengunggah) <span class="en">File name (given by the uploader)</span>', esc(doc.title)],
    ['Penanda tangan <span class="en">Signer</span>', esc(doc.signerName)],
    ['Jabatan <span class="en">Position</span>', esc(doc.signerTitle).replace(/\n/g, '<br>')],
    ['Terdaftar <span class="en">Registered</span>', esc(fmt(doc.registeredAt.toISOString(), timeZone))],
    ['SHA-256', `<span class="mono">${esc(doc.sha256)}</span>`],
  ];
  return `<section class="card verdict warn" data-outside-workflow="true"><h2>Ditandatangani di luar alur naskah dinas <span class="en">Signed outside the official document workflow</span></h2>
<p>Dokumen dengan kode <strong>${esc(doc.code)}</strong> ditandatangani secara elektronik oleh penanda tangan di bawah ini, tetapi <strong>bukan naskah dinas</strong> yang melalui alur verifikasi dan penomoran: tidak ada nomor naskah dan tidak ada verifikator.</p>
<p class="en">The signer below signed this file electronically, but it is not an official document that went through verification and numbering.</p>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table></section>`;
}

export function codePage(instance: PageInstance, doc: RegisteredDocument): string {
  return layout(
    `Verifikasi ${doc.code}`,
    `${registeredSection(doc, instance.timeZone)}<section class="card"><p>Untuk memastikan berkas yang Anda terima sama dengan dokumen terdaftar, unggah berkas tersebut.</p><p class="en">To confirm that your file is the registered document, upload it.</p></section>${uploadForm(`/verifikasi/${encodeURIComponent(doc.code)}`, 'Cocokkan berkas / Match a file')}`,
    instance,
  );
}

export function matchSection(match: 'latest' | 'earlier_revision' | 'no'): string {
  if (match === 'latest') return `<section class="card verdict ok"><h2>Berkas SAMA dengan dokumen terdaftar</h2><p class="en">The file is the registered document.</p></section>`;
  if (match === 'earlier_revision')
    return `<section class="card verdict warn"><h2>Berkas adalah revisi sebelumnya dari dokumen terdaftar</h2><p>Dokumen terdaftar memiliki tanda tangan tambahan setelah versi ini.</p><p class="en">The file is an earlier signed revision of the registered document.</p></section>`;
  return `<section class="card verdict bad"><h2>Berkas BERBEDA dengan dokumen terdaftar</h2><p>Isi berkas tidak sama dengan dokumen yang didaftarkan dengan kode ini.</p><p class="en">The file is not the document registered under this code.</p></section>`;
}

export function resultPage(instance: PageInstance, report: VerificationReport, extra: { doc?: RegisteredDocument; match?: 'latest' | 'earlier_revision' | 'no' } = {}): string {
  return layout(
    'Hasil verifikasi',
    `${extra.match ? matchSection(extra.match) : ''}${extra.doc ? registeredSection(extra.doc, instance.timeZone) : ''}${reportSection(report, instance.timeZone)}${uploadForm(extra.doc ? `/verifikasi/${encodeURIComponent(extra.doc.code)}` : '/verifikasi', 'Periksa berkas lain / Check another file')}`,
    instance,
  );
}

export function errorPage(instance: PageInstance, title: string, message: string, en: string): string {
  return layout(title, `<section class="card verdict bad"><h2>${esc(message)}</h2><p class="en">${esc(en)}</p></section>${uploadForm('/verifikasi', 'Unggah dokumen / Upload')}`, instance);
}
