// GET /documents/{id} costs a fixed, small number of SQL statements whatever the letter holds
// (chain, versions, recipients of every kind, timeline): counted per request on the pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { act, detail, pdfDraft, pos, typeId } from '../helpers/documents.js';
import { countStatements, type StatementCounter } from '../helpers/statementCounter.js';

let t: TestApp;
let ids: DemoIds;
let counter: StatementCounter;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  for (const u of ['staf.umum', 'kabag.umum', 'kadis.kominfo', 'kasubag.perkimta']) c[u] = await loginAs(t.app, t.ctx, u);
  counter = countStatements(t.ctx.database.pool);
}, 300_000);
afterAll(async () => {
  counter?.restore();
  await t?.close();
});

describe('document page statements', () => {
  it('at most 6 statements per request for the drafter and the verifier; a stranger gets 404 as cheaply', async () => {
    const id = await pdfDraft(c['staf.umum']!, {
      documentTypeId: await typeId(c['staf.umum']!, 'surat'),
      hal: 'Rapat koordinasi pengelolaan arsip',
      recipients: [
        { role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') },
        { role: 'cc', kind: 'position', positionId: pos(ids, 'kadis-perkimta') },
        { role: 'cc', kind: 'external', externalName: 'Kepala Kantor Arsip Provinsi', externalAddress: 'Jl. Merdeka 1' },
      ],
      verifierPositionIds: [pos(ids, 'kabag-umum')],
      signerPositionId: pos(ids, 'sekda'),
      submit: true,
    });
    await act(c['kabag.umum']!, id, 'approve', { version: (await detail(c['kabag.umum']!, id)).version });
    for (const who of ['staf.umum', 'kabag.umum']) {
      const { result: res, statements } = await counter.count(() => c[who]!.get(`/api/v1/documents/${id}`));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().steps.length).toBe(2);
      expect(res.json().recipients.map((r: { label: string }) => r.label)).toContain('Kepala Kantor Arsip Provinsi');
      expect(statements.length, `${who}:\n${statements.join('\n---\n')}`).toBeGreaterThan(0);
      expect(statements.length, `${who}:\n${statements.join('\n---\n')}`).toBeLessThanOrEqual(6);
    }
    const { result: stranger, statements } = await counter.count(() => c['kasubag.perkimta']!.get(`/api/v1/documents/${id}`));
    expect(stranger.statusCode).toBe(404);
    expect(statements.length).toBeLessThanOrEqual(6);
  });
});
