// Error codes of the archive domain (classification codes and JRA). Imported by the code that throws.
import { registerErrorCodes } from '../errors.js';

registerErrorCodes({
  CLASSIFICATION_NOT_FOUND: { status: 404, id: 'Kode klasifikasi tidak ditemukan.', en: 'Classification code not found.' },
  CLASSIFICATION_UNKNOWN: { status: 400, id: 'Kode klasifikasi tidak terdaftar.', en: 'Unknown classification code.' },
  CLASSIFICATION_INACTIVE: { status: 400, id: 'Kode klasifikasi sudah tidak aktif dan tidak dapat dipakai.', en: 'The classification code is inactive.' },
  CLASSIFICATION_CODE_INVALID: { status: 400, id: 'Format kode klasifikasi tidak valid (contoh: 000.8.3.3).', en: 'Invalid classification code format (e.g. 000.8.3.3).' },
  CLASSIFICATION_PARENT_MISSING: { status: 400, id: 'Kode induk belum terdaftar; tambahkan induknya lebih dulu.', en: 'The parent code does not exist yet.' },
  CLASSIFICATION_EXISTS: { status: 409, id: 'Kode klasifikasi sudah ada.', en: 'The classification code already exists.' },
});

export {};
