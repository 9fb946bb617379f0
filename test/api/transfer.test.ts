// What a slow link pays: responses compressed, the web app's hashed bundles cached for a year and
// served from their build-time .br/.gz, the app shell never cached stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let webDir: string;
const bundle = `console.log(${JSON.stringify('naskah '.repeat(2000))});\n`;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><html><body>${'<p>Naskah</p>'.repeat(200)}<script src="/assets/app-3f9a1c.js"></script></body></html>`);
  fs.writeFileSync(path.join(webDir, 'assets/app-3f9a1c.js'), bundle);
  fs.writeFileSync(path.join(webDir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`);
  execFileSync(process.execPath, [path.resolve('scripts/precompress.mjs'), webDir]);
  t = await createTestApp({ NASKAH_WEB_DIR: webDir });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('transfer', () => {
  it('hashed bundles: brotli from the build, cached a year as immutable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/app-3f9a1c.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(bundle.length / 10);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(bundle);
    const gz = await t.app.inject({ method: 'GET', url: '/assets/app-3f9a1c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(bundle);
  });

  it('files without a content hash are cached an hour; the shell is revalidated every time, compressed', async () => {
    const icon = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    const shell = await t.app.inject({ method: 'GET', url: '/masuk', headers: { 'accept-encoding': 'br' } });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(shell.rawPayload).toString()).toContain('<p>Naskah</p>');
  });

  it('API JSON is compressed for clients that accept it, plain for those that do not', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(doc.headers['content-encoding']).toBe('br');
    const plain = JSON.parse(zlib.brotliDecompressSync(doc.rawPayload).toString());
    expect(plain.openapi).toMatch(/^3\./);
    const none = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.json().openapi).toMatch(/^3\./);
  });
});
