// Error codes of outgoing documents (drafting, verification, signing) and their workflow.
import { defineErrors, type CodesOf } from '../errors.js';

export const outgoingErrors = defineErrors({
  DOCUMENT_NOT_FOUND: { status: 404, id: 'Naskah tidak ditemukan atau Anda tidak berhak melihatnya.', en: 'Document not found or not visible to you.' },
  DOCUMENT_NOT_YOUR_STEP: { status: 403, id: 'Naskah ini tidak sedang menunggu tindakan Anda.', en: 'This document is not waiting for you.' },
  DOCUMENT_NOT_DRAFTER: { status: 403, id: 'Hanya konseptor naskah ini yang dapat melakukannya.', en: 'Only the drafter of this document can do this.' },
  DOCUMENT_NOT_EDITABLE: { status: 409, id: 'Naskah hanya dapat diubah saat masih konsep atau dikembalikan.', en: 'The document can only be changed while it is a draft or returned.' },
  DOCUMENT_NOT_READY: { status: 409, id: 'PDF konsep belum siap. Tunggu konversi selesai lalu periksa PDF-nya sebelum mengirim.', en: 'The draft PDF is not ready yet.' },
  DOCUMENT_CONVERSION_FAILED: { status: 409, id: 'Konversi konsep ke PDF gagal. Periksa berkas .docx lalu unggah ulang.', en: 'Converting the draft to PDF failed.' },
  DOCUMENT_NO_RECIPIENT: { status: 409, id: 'Naskah harus memiliki paling sedikit satu tujuan.', en: 'The document needs at least one addressee.' },
  DOCUMENT_SIGNER_INVALID: { status: 400, id: 'Penandatangan tidak valid atau jabatannya tidak memiliki pejabat aktif.', en: 'Invalid signer or the position has no active holder.' },
  DOCUMENT_CHAIN_INVALID: { status: 400, id: 'Rantai verifikasi tidak valid.', en: 'Invalid verification chain.' },
  DOCUMENT_CHAIN_SELF: { status: 400, id: 'Konseptor tidak boleh menjadi verifikator atau penandatangan naskahnya sendiri.', en: 'The drafter cannot verify or sign his own document.' },
  DOCUMENT_CHAIN_ROLE_MISSING: { status: 400, id: 'Pejabat pada rantai verifikasi tidak memiliki peran yang diperlukan untuk unitnya.', en: 'A holder in the chain lacks the role the step needs for his unit.' },
  DOCUMENT_STEP_ROLE_REQUIRED: { status: 403, id: 'Anda tidak memiliki peran verifikator/penandatangan untuk unit jabatan ini. Hubungi admin.', en: 'You lack the verifier/signer role for this position’s unit.' },
  DOCUMENT_SELF_APPROVAL: { status: 403, id: 'Konseptor tidak boleh memverifikasi atau menandatangani naskahnya sendiri.', en: 'The drafter cannot verify or sign his own document.' },
  DOCUMENT_KOP_MISMATCH: { status: 400, id: 'Konsep dibuat dari templat KOP yang berbeda dengan KOP naskah ini.', en: 'The draft was made from another letterhead’s template.' },
  DOCUMENT_FORM_NOT_SUPPORTED: { status: 400, id: 'Jenis naskah ini tidak dapat dibuat lewat formulir.', en: 'This document type cannot be drafted with a form.' },
  DOCUMENT_FILE_KIND: { status: 415, id: 'Berkas konsep harus .docx (atau PDF untuk konsep PDF).', en: 'The draft file must be .docx (or PDF for PDF drafts).' },
  DOCUMENT_TOO_MANY_ATTACHMENTS: { status: 409, id: 'Jumlah lampiran melebihi batas.', en: 'Too many attachments.' },
  DOCUMENT_NUMBER_REQUIRED: { status: 409, id: 'Unit ini memberi nomor sebelum konsep dibuat: minta nomor ke petugas arsip lalu pilih nomor itu.', en: 'This unit numbers before drafting: ask the records officer for a number.' },
  DOCUMENT_PDF_MARKS_REQUIRED: { status: 409, id: 'Tandai letak nomor, tanggal dan tanda tangan pada PDF sebelum mengirim.', en: 'Mark where the number, date and signature go on the PDF first.' },
  WORKFLOW_NOT_SUBMITTABLE: { status: 409, id: 'Naskah sudah dikirim ke verifikator atau sudah selesai.', en: 'The document was already submitted or is finished.' },
  WORKFLOW_NOT_IN_VERIFICATION: { status: 409, id: 'Naskah tidak sedang dalam verifikasi.', en: 'The document is not being verified.' },
  SIGN_BATCH_RUNNING: { status: 409, id: 'TTE massal ini masih berjalan. Tunggu hingga selesai.', en: 'This bulk signing batch is still running.' },
  SIGN_BATCH_NOTHING_TO_RESUME: { status: 409, id: 'Semua naskah dalam TTE massal ini sudah ditandatangani.', en: 'Every document of this batch is signed already.' },
  WORKFLOW_NOT_AWAITING_SIGNATURE: { status: 409, id: 'Naskah belum siap ditandatangani.', en: 'The document is not awaiting signature.' },
  WORKFLOW_NOT_CURRENT_STEP: { status: 409, id: 'Langkah ini bukan giliran saat ini.', en: 'This step is not the current one.' },
  WORKFLOW_WRONG_STEP_KIND: { status: 409, id: 'Tindakan tidak sesuai dengan langkah ini (verifikasi/tanda tangan).', en: 'Action does not fit this step.' },
  WORKFLOW_RETURN_TARGET_INVALID: { status: 409, id: 'Naskah hanya dapat dikembalikan ke konseptor atau verifikator sebelumnya.', en: 'Can only return to the drafter or an earlier verifier.' },
  WORKFLOW_NOT_SIGNED: { status: 409, id: 'Naskah belum ditandatangani.', en: 'The document is not signed.' },
  WORKFLOW_NOT_CANCELLABLE: { status: 409, id: 'Naskah yang sudah ditandatangani tidak dapat dibatalkan.', en: 'A signed document cannot be cancelled.' },
  WORKFLOW_CHAIN_INVALID: { status: 409, id: 'Rantai verifikasi naskah rusak.', en: 'The verification chain is broken.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof outgoingErrors> {}
}
