// Document types shipped with Naskah (Permendagri 1/2023). Loaded at start when missing; admins
// may rename, deactivate or change their SOP rules afterwards (their edits are kept).
import type { Db } from '../db/client.js';
import { documentTypes, type FormKind, type PageShape } from './schema.js';

type Category = (typeof documentTypes.$inferInsert)['category'];


interface TypeSeed {
  code: string;
  name: string;
  category: Category;
  shape: PageShape;
  formKind?: FormKind;
  defaultClassificationCode?: string;
  numberSeries?: string;
}

export const SHIPPED_DOCUMENT_TYPES: TypeSeed[] = [
  { code: 'peraturan', name: 'Peraturan Bupati', category: 'arahan', shape: 'judul', defaultClassificationCode: '100.3', numberSeries: 'peraturan' },
  { code: 'keputusan', name: 'Keputusan', category: 'arahan', shape: 'judul', defaultClassificationCode: '100.3.3', numberSeries: 'keputusan' },
  { code: 'instruksi', name: 'Instruksi', category: 'arahan', shape: 'judul', defaultClassificationCode: '100.3.4' },
  { code: 'surat_edaran', name: 'Surat Edaran', category: 'arahan', shape: 'judul', defaultClassificationCode: '100.3.4' },
  { code: 'sop', name: 'Standar Operasional Prosedur', category: 'arahan', shape: 'judul', defaultClassificationCode: '000.8.3.3' },
  { code: 'surat_perintah', name: 'Surat Perintah', category: 'penugasan', shape: 'judul', defaultClassificationCode: '800.1.11.1' },
  { code: 'surat_tugas', name: 'Surat Tugas', category: 'penugasan', shape: 'judul', defaultClassificationCode: '800.1.11.1' },
  { code: 'nota_dinas', name: 'Nota Dinas', category: 'korespondensi_internal', shape: 'korespondensi', formKind: 'nota_dinas' },
  { code: 'memo', name: 'Memo', category: 'korespondensi_internal', shape: 'korespondensi' },
  { code: 'surat', name: 'Surat Dinas', category: 'korespondensi_eksternal', shape: 'korespondensi', formKind: 'surat' },
  { code: 'undangan', name: 'Surat Undangan', category: 'korespondensi_eksternal', shape: 'korespondensi', formKind: 'undangan' },
  { code: 'surat_kuasa', name: 'Surat Kuasa', category: 'khusus', shape: 'judul' },
  { code: 'berita_acara', name: 'Berita Acara', category: 'khusus', shape: 'judul' },
  { code: 'surat_keterangan', name: 'Surat Keterangan', category: 'khusus', shape: 'judul' },
  { code: 'surat_pengantar', name: 'Surat Pengantar', category: 'khusus', shape: 'korespondensi' },
  { code: 'pengumuman', name: 'Pengumuman', category: 'khusus', shape: 'judul' },
  { code: 'laporan', name: 'Laporan', category: 'khusus', shape: 'judul' },
  { code: 'telaahan_staf', name: 'Telaahan Staf', category: 'khusus', shape: 'judul' },
  { code: 'notula', name: 'Notula', category: 'khusus', shape: 'judul' },
  { code: 'surat_perjanjian', name: 'Surat Perjanjian', category: 'khusus', shape: 'judul' },
];

export async function ensureDocumentTypes(db: Db): Promise<void> {
  await db
    .insert(documentTypes)
    .values(
      SHIPPED_DOCUMENT_TYPES.map((t, i) => ({
        code: t.code,
        name: t.name,
        category: t.category,
        shape: t.shape,
        formKind: t.formKind ?? null,
        defaultClassificationCode: t.defaultClassificationCode ?? null,
        numberSeries: t.numberSeries ?? 'umum',
        sortOrder: i,
      })),
    )
    .onConflictDoNothing({ target: documentTypes.code });
}
