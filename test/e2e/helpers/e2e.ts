// The e2e harness: the real server in-process (fresh PGlite data dir, demo pemda), the built web
// app, Debian's Chromium via playwright-core, and helpers to sign in as demo users.
//
//   import { setupE2E } from './helpers/e2e.js';
//   const e2e = setupE2E();                       // beforeAll/afterAll for this file
//   it('…', async () => {
//     const page = await e2e.newPage();           // 1280×800; e2e.newPage({ phone: true }) = 390×844
//     await e2e.loginAs(page, 'kadis.dukcapil');  // through the login form, enrols 2FA if required
//     await e2e.signIn(page, 'staf.umum');        // faster: through the API, then opens "/"
//   });
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../../src/server/config.js';
import { startServer, type RunningServer } from '../../../src/server/main.js';
import { DEMO_PASSWORD } from '../../../src/server/org/demoOrg.js';
import { ensureWebBuilt, repoRoot } from './buildWeb.js';
import { enrolmentCode, nextTotpCode, rememberTotpSecret } from './totp.js';

export { DEMO_PASSWORD };
export { enrolmentCode, nextTotpCode, totpSecretOf } from './totp.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface E2EServer {
  url: string;
  server: RunningServer;
  dataDir: string;
  stop(): Promise<void>;
}

/** The real server on a free port with a fresh embedded database and the demo pemda. */
export async function startE2EServer(env: Record<string, string> = {}): Promise<E2EServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-e2e-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NASKAH_DATA_DIR: dataDir,
    NASKAH_DEMO: 'true',
    NASKAH_KEK: Buffer.alloc(32, 9).toString('base64'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  }, '0.0.0-e2e');
  const server = await startServer(config, { print: () => {} });
  // startServer reports "localhost"; Chromium and the cookie must agree on one host.
  const port = new URL(server.url).port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    dataDir,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageOptions {
  phone?: boolean;
  /** Device pixels per CSS pixel (default 1; phones are 2–3). */
  deviceScaleFactor?: number;
  /** UI language stored before the app loads (default: the app's default, Indonesian). */
  lang?: 'id' | 'en';
}

export interface LoginOptions {
  password?: string;
  /** For accounts with a temporary password: the new password to set on the forced screen. */
  newPassword?: string;
}

export interface LoginResult {
  /** Recovery codes, when this login enrolled 2FA. */
  recoveryCodes?: string[];
}

export interface E2E {
  readonly url: string;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A page in a fresh browser context (own cookies), closed after the file. */
  newPage(opts?: PageOptions): Promise<Page>;
  /** Sign in through the login form: TOTP code, 2FA enrolment, temporary password. Ends on Beranda. */
  loginAs(page: Page, username: string, opts?: LoginOptions): Promise<LoginResult>;
  /** Sign in through the API in the page's context (2FA enrolled on the way), then open `path`. */
  signIn(page: Page, username: string, opts?: { password?: string; path?: string }): Promise<void>;
  /** Save a PNG under test-results/screens/ (for looking at the UI; not an assertion). */
  screenshot(page: Page, name: string): Promise<string>;
}

/** Registers beforeAll/afterAll for one spec file and returns the harness. */
export function setupE2E(opts: { env?: Record<string, string> } = {}): E2E {
  let h: (E2E & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    h = await startE2E(opts);
  });
  afterAll(async () => {
    await h?.close();
  });
  const need = (): E2E => {
    if (!h) throw new Error('e2e harness not started: call setupE2E() at the top level of the spec file');
    return h;
  };
  return {
    get url() {
      return need().url;
    },
    get server() {
      return need().server;
    },
    get browser() {
      return need().browser;
    },
    newPage: (o) => need().newPage(o),
    loginAs: (p, u, o) => need().loginAs(p, u, o),
    signIn: (p, u, o) => need().signIn(p, u, o),
    screenshot: (p, n) => need().screenshot(p, n),
  };
}

/** Build the web app if stale, start the server and Chromium (outside vitest hooks: scripts). */
export async function startE2E(opts: { env?: Record<string, string> } = {}): Promise<E2E & { close(): Promise<void> }> {
  await ensureWebBuilt();
  const [srv, browser] = await Promise.all([startE2EServer(opts.env), launchChromium()]);
  const contexts: BrowserContext[] = [];

  const e2e: E2E & { close(): Promise<void> } = {
    url: srv.url,
    server: srv.server,
    browser,

    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => {})));
      await browser.close();
      await srv.stop();
    },

    async newPage(po = {}) {
      const context = await browser.newContext({
        baseURL: e2e.url,
        viewport: po.phone ? PHONE : DESKTOP,
        deviceScaleFactor: po.deviceScaleFactor ?? 1,
        isMobile: Boolean(po.phone),
        hasTouch: Boolean(po.phone),
        locale: 'id-ID',
        timezoneId: 'Asia/Jakarta',
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      if (po.lang) await context.addInitScript(`localStorage.setItem('naskah.lang', ${JSON.stringify(po.lang)})`);
      return context.newPage();
    },

    async loginAs(page, username, lo = {}) {
      const result: LoginResult = {};
      await page.goto('/login');
      await page.locator('input[name="username"]').fill(username);
      await page.locator('input[name="password"]').fill(lo.password ?? DEMO_PASSWORD);
      await page.locator('button[type="submit"]').click();
      // Whatever comes next: code, enrolment, new password, or the app.
      const screens = {
        app: page.locator('[data-testid="user-menu"]'),
        totp: page.locator('input[name="totp"]'),
        enrol: page.locator('[data-testid="totp-secret"]'),
        password: page.locator('input[name="newPassword"]'),
        error: page.locator('[data-testid="login-error"]'),
      };
      for (let i = 0; i < 4; i++) {
        await screens.app.or(screens.totp).or(screens.enrol).or(screens.password).or(screens.error).first().waitFor();
        let next: keyof typeof screens = 'app';
        for (const [k, loc] of Object.entries(screens)) {
          if (await loc.isVisible()) {
            next = k as keyof typeof screens;
            break;
          }
        }
        if (next === 'app') return result;
        if (next === 'error') throw new Error(`login ${username}: ${await screens.error.innerText()}`);
        if (next === 'totp') {
          await page.locator('input[name="totp"]').fill(await nextTotpCode(username));
          await page.locator('button[type="submit"]').click();
          await screens.app.or(screens.enrol).or(screens.password).or(screens.error).first().waitFor();
        } else if (next === 'enrol') {
          result.recoveryCodes = await enrolThroughPage(page, username);
        } else {
          if (!lo.newPassword) throw new Error(`login ${username}: the account has a temporary password; pass { newPassword }`);
          await page.locator('input[name="currentPassword"]').fill(lo.password ?? DEMO_PASSWORD);
          await page.locator('input[name="newPassword"]').fill(lo.newPassword);
          await page.locator('input[name="confirmPassword"]').fill(lo.newPassword);
          await page.locator('button[type="submit"]').click();
          await screens.app.or(screens.enrol).first().waitFor();
        }
      }
      throw new Error(`login ${username}: did not reach the app`);
    },

    async signIn(page, username, so = {}) {
      const req = page.context().request;
      const post = (url: string, data: unknown, csrf?: string) => req.post(`${e2e.url}${url}`, { data: data as object, headers: csrf ? { 'x-csrf-token': csrf } : {} });
      const password = so.password ?? DEMO_PASSWORD;
      let res = await post('/api/v1/auth/login', { username, password });
      if (res.status() === 401 && (await res.json()).code === 'TOTP_REQUIRED') {
        res = await post('/api/v1/auth/login', { username, password, totp: await nextTotpCode(username) });
      }
      if (!res.ok()) throw new Error(`signIn ${username}: ${res.status()} ${await res.text()}`);
      const me = await res.json();
      if (me.mfaEnrolmentRequired) {
        const setup = await post('/api/v1/auth/totp/setup', {}, me.csrfToken);
        const { secret } = await setup.json();
        const confirm = await post('/api/v1/auth/totp/confirm', { code: enrolmentCode(username, secret) }, me.csrfToken);
        if (!confirm.ok()) throw new Error(`signIn ${username}: TOTP enrolment ${confirm.status()} ${await confirm.text()}`);
      }
      await page.goto(so.path ?? '/');
      if (!me.mustChangePassword) await page.locator('[data-testid="user-menu"]').waitFor();
    },

    async screenshot(page, name) {
      const dir = path.join(repoRoot, 'test-results/screens');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
  return e2e;
}

/** On the 2FA enrolment screen: read the key, type the code, keep the recovery codes, continue. */
export async function enrolThroughPage(page: Page, username: string): Promise<string[]> {
  const secret = (await page.locator('[data-testid="totp-secret"]').innerText()).replace(/\s+/g, '');
  await page.locator('input[name="code"]').fill(enrolmentCode(username, secret));
  await page.locator('form button[type="submit"]').click();
  const codes = page.locator('[data-testid="recovery-code"]');
  await codes.first().waitFor();
  const recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
  rememberTotpSecret(username, secret);
  await page.getByRole('checkbox').check();
  await page.locator('button:not([disabled])', { hasText: /Lanjutkan|Continue/ }).click();
  return recoveryCodes;
}
