// Issue 12: /api/health p99 while hostile files are being refused. Each attack sends its file
// (three at once) to the route an attacker would use — anonymous public verification, signing
// with a wrong passphrase, a draft version, a lampiran, an incoming scan — while a poller asks
// /api/health over real HTTP every 10 ms. Reported per attack: the refusals' status codes, health
// p50/p99/max, how long the refusal took, and the RSS growth. Embedded PGlite, demo pemda.
import { percentile, round, type Bench } from './lib.js';

const PARALLEL = 3;
/** Rounds per attack, so health has enough samples for a p99. */
const ROUNDS = 4;

const bench: Bench = {
  name: 'parserAttacks',
  description: '/api/health p99 during parser attacks: object-stream bomb (1 GiB decoded), 10 000-page PDF, .docx zip bomb, huge image — each 4 rounds of 3 in parallel on its route',
  async run() {
    process.env.NASKAH_TEST_ENGINE ??= 'pglite';
    const { preparePgliteTemplate } = await import('../test/helpers/templates.js');
    await preparePgliteTemplate();
    const { createTestApp, grantOutsideWorkflowSigning, loginAs } = await import('../test/helpers/testApp.js');
    const { multipart } = await import('../test/helpers/multipart.js');
    const { simpleLetterPdf } = await import('../test/helpers/documents.js');
    const bombs = await import('../test/helpers/bombs.js');
    const { seedDemo } = await import('../src/server/demo/seedDemo.js');

    const t = await createTestApp();
    try {
      const ids = await seedDemo(t.ctx);
      await grantOutsideWorkflowSigning(t.ctx);
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const staf = await loginAs(t.app, t.ctx, 'staf.umum');
      const kadis = await loginAs(t.app, t.ctx, 'kadis.kominfo');
      const arsip = await loginAs(t.app, t.ctx, 'arsip.kominfo');
      const anon = { request: (method: 'POST', url: string, body: Buffer, headers: Record<string, string>) => t.app.inject({ method, url, payload: body, headers }) };

      // A draft of the Setda the drafter may upload to.
      const types = (await staf.get('/api/v1/document-types')).json() as Array<{ id: string; code: string }>;
      const kops = (await staf.get(`/api/v1/letterheads?unitId=${ids.units.get('bagian-umum')}`)).json() as Array<{ id: string; name: string }>;
      const register = async (draftKind: 'pdf' | 'docx') => {
        const reg = await staf.post('/api/v1/documents', {
          documentTypeId: types.find((x) => x.code === 'surat')!.id,
          ...(draftKind === 'docx' ? { letterheadId: kops.find((k) => k.name === 'KOP Setda')!.id } : {}),
          draftKind,
          hal: 'Uji ketahanan pengurai berkas',
          sifat: 'biasa',
          urgensi: 'biasa',
          classificationCode: '000.1',
          recipients: [{ role: 'to', kind: 'position', positionId: ids.positions.get('kadis-kominfo') }],
          verifierPositionIds: [ids.positions.get('kabag-umum')],
          signerPositionId: ids.positions.get('sekda'),
        });
        if (reg.statusCode !== 201) throw new Error(`register: ${reg.body}`);
        return reg.json().id as string;
      };
      const docId = await register('pdf');
      const docxId = await register('docx');
      const versionOf = async (id: string) => (await staf.get(`/api/v1/documents/${id}`)).json().version as number;
      const version = () => versionOf(docId);
      {
        const m = multipart({ version: await version() }, [{ field: 'file', filename: 'konsep.pdf', content: await simpleLetterPdf('Uji') }]);
        const up = await staf.request('POST', `/api/v1/documents/${docId}/versions`, m.body, m.headers);
        if (up.statusCode !== 201) throw new Error(`upload: ${up.body}`);
      }

      const files = {
        objStmBomb: bombs.objectStreamBomb(1024),
        pages10k: await bombs.manyPages(10_000),
        hugeImage: bombs.hugeImagePdf(),
        docxBomb: bombs.docxZipBomb(500),
      };
      type Sender = { request: (m: 'POST', url: string, body: Buffer, headers: Record<string, string>) => Promise<{ statusCode: number }> };
      const attacks: Array<{ name: string; who: Sender; url: string; fields: () => Promise<Record<string, string | number>>; file: Buffer; filename: string }> = [
        { name: 'public_verify_objstm_bomb', who: anon, url: '/api/v1/signature/public/verify', fields: async () => ({}), file: files.objStmBomb, filename: 'bom.pdf' },
        { name: 'public_verify_10k_pages', who: anon, url: '/api/v1/signature/public/verify', fields: async () => ({}), file: files.pages10k, filename: 'halaman.pdf' },
        { name: 'sign_wrong_passphrase_10k_pages', who: kadis, url: '/api/v1/signature/sign', fields: async () => ({ passphrase: 'salah-sekali' }), file: files.pages10k, filename: 'halaman.pdf' },
        { name: 'draft_version_objstm_bomb', who: staf, url: `/api/v1/documents/${docId}/versions`, fields: async () => ({ version: await version() }), file: files.objStmBomb, filename: 'konsep.pdf' },
        { name: 'draft_version_docx_zip_bomb', who: staf, url: `/api/v1/documents/${docxId}/versions`, fields: async () => ({ version: await versionOf(docxId) }), file: files.docxBomb, filename: 'konsep.docx' },
        { name: 'lampiran_huge_image', who: staf, url: `/api/v1/documents/${docId}/attachments`, fields: async () => ({ version: await version() }), file: files.hugeImage, filename: 'lampiran.pdf' },
        { name: 'incoming_scan_objstm_bomb', who: arsip, url: '/api/v1/incoming-letters/scans', fields: async () => ({}), file: files.objStmBomb, filename: 'pindaian.pdf' },
      ];

      const healthWhile = async (work: () => Promise<unknown>) => {
        const lat: number[] = [];
        let done = false;
        let failures = 0;
        const poll = (async () => {
          while (!done) {
            const t0 = performance.now();
            try {
              const r = await fetch(`${base}/api/health`);
              await r.arrayBuffer();
              if (r.status !== 200) failures++;
            } catch {
              failures++;
            }
            lat.push(performance.now() - t0);
            await new Promise((r) => setTimeout(r, 10));
          }
        })();
        const t0 = performance.now();
        const out = await work();
        const ms = performance.now() - t0;
        done = true;
        await poll;
        return { out, ms, lat, failures };
      };

      // Idle baseline (and warm the untrusted-file worker).
      const idle = await healthWhile(() => new Promise((r) => setTimeout(r, 2000)));
      const metrics: Record<string, number | string> = { idle_health_p50_ms: round(percentile(idle.lat, 50)), idle_health_p99_ms: round(percentile(idle.lat, 99)) };
      let worstP99 = 0;
      for (const a of attacks) {
        const rss0 = process.memoryUsage().rss;
        let rssPeak = rss0;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
        const r = await healthWhile(async () => {
          const codes: number[] = [];
          for (let round = 0; round < ROUNDS; round++) {
            codes.push(
              ...(await Promise.all(
                Array.from({ length: PARALLEL }, async () => {
                  const m = multipart(await a.fields(), [{ field: 'file', filename: a.filename, content: a.file }]);
                  return (await a.who.request('POST', a.url, m.body, m.headers)).statusCode;
                }),
              )),
            );
          }
          return codes;
        });
        clearInterval(sampler);
        const codes = [...new Set(r.out as number[])].sort().join('/');
        const p99 = percentile(r.lat, 99);
        worstP99 = Math.max(worstP99, p99);
        Object.assign(metrics, {
          [`${a.name}_status`]: codes,
          [`${a.name}_refused_ms`]: round(r.ms),
          [`${a.name}_health_p50_ms`]: round(percentile(r.lat, 50)),
          [`${a.name}_health_p99_ms`]: round(p99),
          [`${a.name}_health_max_ms`]: round(Math.max(...r.lat)),
          [`${a.name}_health_failures`]: r.failures,
          [`${a.name}_rss_growth_mb`]: round((rssPeak - rss0) / 2 ** 20),
        });
      }
      metrics.worst_health_p99_ms = round(worstP99);
      metrics.load_average_1m = round((await import('node:os')).loadavg()[0]!);
      return {
        metrics,
        goals: { worst_health_p99_ms: '<= 50', '*_status': '4xx (never 2xx, never 5xx)' },
        notes: `Each attack: ${ROUNDS} rounds of ${PARALLEL} requests at once. File sizes: object-stream bomb ${round(files.objStmBomb.length / 1024)} KiB (1 GiB decoded), 10 000 pages ${round(files.pages10k.length / 2 ** 20)} MiB, .docx bomb ${round(files.docxBomb.length / 1024)} KiB (500 MiB inflated). Health over loopback HTTP; attacks through the app (inject), on the same event loop.`,
      };
    } finally {
      await t.close();
      const { closeUntrustedWorker } = await import('../src/server/pdf/untrusted.js');
      await closeUntrustedWorker();
    }
  },
};

export default bench;
