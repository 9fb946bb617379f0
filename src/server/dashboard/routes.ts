import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import type { App } from '../http/types.js';
import { countDashboard } from './countDashboard.js';

export const DashboardSchema = z
  .object({
    drafts: z.number().describe('Konsep saya'),
    returned: z.number().describe('Dikembalikan untuk perbaikan'),
    toVerify: z.number().describe('Perlu verifikasi'),
    toSign: z.number().describe('Perlu tanda tangan'),
    signedNotSent: z.number().describe('Sudah ditandatangani, belum dikirim (keluar)'),
    incomingUnread: z.number().describe('Naskah masuk belum dibaca'),
    dispositionPending: z.number().describe('Disposisi belum ditindaklanjuti'),
    archiveToAssess: z.number().describe('Usul musnah yang menunggu pertimbangan saya sebagai panitia penilai arsip'),
    archiveForHead: z.number().describe('Usul musnah/serah yang menunggu keputusan atau tanda tangan berita acara saya sebagai pimpinan Perangkat Daerah'),
  })
  .meta({ id: 'Dashboard' });

export async function dashboardRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/dashboard',
    { schema: { tags: ['dashboard'], summary: 'Jumlah pekerjaan yang menunggu pengguna (ubin beranda)', response: { 200: DashboardSchema } } },
    async (req) => countDashboard(ctx, actorOf(req)),
  );
}
