// POST /signature/sign signs an uploaded PDF with no chain and no number (issue 12): only for
// signers the admin has granted `tte_outside_workflow`; the public registry says plainly
// "ditandatangani di luar alur naskah dinas", and every registry field is shown as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { DEMO_SIGNING_PASSPHRASE } from '../../src/server/signature/index.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { letterPdf } from '../signature/pdfFixtures.js';
import { multipart } from '../signature/multipart.js';

let t: TestApp;
let ids: DemoIds;
let signer: Client;
let admin: Client;
const EVIL = '<img src=x onerror=alert(1)>.pdf';

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  signer = await loginAs(t.app, t.ctx, 'kadis.kominfo');
  admin = await loginAs(t.app, t.ctx, 'admin');
}, 300_000);
afterAll(async () => t?.close());

const sign = async (pdf: Uint8Array, name: string) => {
  const m = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: '{}' }, [{ field: 'file', name, bytes: pdf }]);
  return signer.post('/api/v1/signature/sign', m.body, m.headers);
};

describe('signing outside the workflow', () => {
  let code: string;
  let signed: Buffer;

  it('a signer without the dedicated role is refused (also for uploads and batches)', async () => {
    const res = await sign(await letterPdf(), 'surat.pdf');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SIGN_OUTSIDE_WORKFLOW_ROLE_REQUIRED');
    const m = multipart({}, [{ field: 'file', name: 'a.pdf', bytes: await letterPdf() }]);
    expect((await signer.post('/api/v1/signature/uploads', m.body, m.headers)).json().code).toBe('SIGN_OUTSIDE_WORKFLOW_ROLE_REQUIRED');
    expect((await signer.post('/api/v1/signature/batches', { fileIds: [], passphrase: DEMO_SIGNING_PASSPHRASE })).json().code).toBe('SIGN_OUTSIDE_WORKFLOW_ROLE_REQUIRED');
  });

  it('with the role granted by the admin it signs; the registry says it is outside the workflow and shows the file name as text', async () => {
    const grant = await admin.post(`/api/v1/org/users/${ids.users.get('kadis.kominfo')}/roles`, { role: 'tte_outside_workflow', unitId: null });
    expect(grant.statusCode, grant.body).toBe(201);
    const res = await sign(await letterPdf(), EVIL);
    expect(res.statusCode, res.body).toBe(200);
    code = String(res.headers['x-verification-code']);
    signed = res.rawPayload;

    const page = await t.app.inject({ method: 'GET', url: `/verifikasi/${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ditandatangani di luar alur naskah dinas');
    expect(page.body).toContain('bukan naskah dinas');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toContain('Dokumen terdaftar');
  });

  it('the upload check and the JSON API carry the same label, escaped', async () => {
    const m = multipart({}, [{ field: 'file', name: 'x.pdf', bytes: signed }]);
    const page = await t.app.inject({ method: 'POST', url: `/verifikasi/${code}`, payload: m.body, headers: m.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ditandatangani di luar alur naskah dinas');
    expect(page.body).not.toContain('<img src=x');

    const m2 = multipart({ code }, [{ field: 'file', name: 'x.pdf', bytes: signed }]);
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/signature/public/verify', payload: m2.body, headers: m2.headers });
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json().registered).toMatchObject({ outsideWorkflow: true, title: '<img src=x onerror=alert(1)>', number: null });
  });
});
