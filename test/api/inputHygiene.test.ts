// Text hygiene in one place (issue 12): NUL bytes and lone surrogates anywhere in a JSON body,
// a CSV import, the query string or the path are refused with 400 naming the field, never a
// 500; `%` and `_` in search strings match literally.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { multipart } from '../helpers/multipart.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  admin = await loginAs(t.app, t.ctx, 'admin');
});
afterAll(async () => t?.close());

describe('NUL bytes and lone surrogates', () => {
  it('are refused with 400 and the field, in bodies (also nested), query strings and CSV imports', async () => {
    const cases: Array<[string, Promise<{ statusCode: number; json(): { code: string; details: { fields: Array<{ path: string }> } } }>, string]> = [
      ['NUL in a name', admin.post('/api/v1/org/users', { username: 'nul.user', name: 'Budi\u0000Santoso' }), 'body.name'],
      ['lone high surrogate', admin.post('/api/v1/org/users', { username: 'sur.user', name: 'Budi \ud800 Santoso' }), 'body.name'],
      ['lone low surrogate in a key', admin.post('/api/v1/org/users', { username: 'sur2.user', name: 'Ani', ['x\udc00']: 1 }), 'body.x?'],
      ['NUL in a search string', admin.get('/api/v1/org/users?q=%00'), 'querystring.q'],
      ['NUL in a text/csv import', admin.post('/api/v1/org/import?dryRun=true', 'kind,code\nunit,A\u0000B\n', { 'content-type': 'text/csv' }), 'body'],
    ];
    for (const [what, p, field] of cases) {
      const res = await p;
      expect(res.statusCode, what).toBe(400);
      expect(res.json().code, what).toBe('VALIDATION_FAILED');
      expect(res.json().details.fields[0]!.path, what).toBe(field);
    }
    const m = multipart({}, [{ field: 'file', filename: 'org.csv', content: Buffer.from('kind,code\nunit,A\u0000B\n') }]);
    const file = await admin.post('/api/v1/org/import?dryRun=true', m.body, m.headers);
    expect(file.statusCode).toBe(400);
    expect(file.json().details.fields[0].path).toBe('body.file');
    // A well-formed pair (an emoji) is text like any other.
    expect((await admin.get('/api/v1/org/users?q=%F0%9F%98%80')).statusCode).toBe(200);
  });
});

describe('LIKE wildcards in search strings', () => {
  it('match literally', async () => {
    const all = (await admin.get('/api/v1/org/positions?limit=500')).json() as unknown[];
    expect(all.length).toBeGreaterThan(3);
    expect((await admin.get('/api/v1/org/positions?q=%25')).json()).toEqual([]);
    expect((await admin.get('/api/v1/org/positions?q=_')).json()).toEqual([]);
    expect(((await admin.get('/api/v1/org/users?q=%25')).json() as { items: unknown[] }).items).toEqual([]);
  });

  it('every LIKE pattern built in the server escapes its input (or is a unit path the server made)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith(path.join('db', 'like.ts'))) {
          fs.readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (!/%\$\{|'%' \+|\+ '%'|`%`/.test(line)) return;
              if (!/like/i.test(line)) return;
              if (/likeEscape|likeContains|likePrefix|replace\(\/\[(%_\\\\|\\\\%_)\]/.test(line)) return;
              if (/[pP]ath \+ '%'/.test(line)) return; // materialised unit paths, made by the server
              offenders.push(`${path.relative(process.cwd(), p)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(path.resolve('src/server'));
    expect(offenders).toEqual([]);
  });
});
