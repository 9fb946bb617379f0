// Shared by benchmarks: a fresh PostgreSQL database, a started server on it, HTTP login.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { startServer, type RunningServer } from '../src/server/main.js';
import { totpCode } from '../src/server/auth/totp.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function freshPostgres(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export async function startBenchServer(env: Record<string, string>): Promise<{ server: RunningServer; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-bench-'));
  const server = await startServer(
    loadConfig({ NASKAH_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...env }, '0.0.0-bench'),
    { print: () => {} },
  );
  return { server, dir };
}

/** Log in over HTTP (enrolling TOTP when policy requires it); returns headers for later requests. */
export async function httpLogin(baseUrl: string, username: string, password = 'Naskah-Demo-2026'): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = (await res.json()) as { csrfToken: string; mfaEnrolmentRequired: boolean };
  const headers = { cookie, 'x-csrf-token': me.csrfToken };
  if (me.mfaEnrolmentRequired) {
    const setup = (await (await fetch(`${baseUrl}/api/v1/auth/totp/setup`, { method: 'POST', headers })).json()) as { secret: string };
    const ok = await fetch(`${baseUrl}/api/v1/auth/totp/confirm`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ code: totpCode(setup.secret, new Date()) }) });
    if (ok.status !== 200) throw new Error(`totp ${username}: ${await ok.text()}`);
  }
  return headers;
}

export async function runTool<T>(tool: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'tools', tool), ...args], { maxBuffer: 1 << 24, env: { ...process.env, ...env } });
  return JSON.parse(stdout) as T;
}
