// Seed 004 (Diskominfo, Layanan Penerbitan Email Kedinasan) in the browser, against a real slapd
// (ppolicy) and a WhatsApp gateway fake: the applicant requests (WhatsApp code, suggested
// address, signed letter) → Kepala Dinas → Kabid → Kasi returns, the applicant fixes → Kasi's
// checklist → Admin Email creates the account → the applicant activates on the public page from
// the WhatsApp link (code, own password, Google Authenticator with oathtool) → active; after
// that only the PII officer opens the request file.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { setupE2E } from './helpers/e2e.js';
import { makePdf, pickFiles, poll } from './helpers/naskahUi.js';
import { startSlapd } from '../directory/slapd.js';
import { startFakeWhatsApp } from '../servicedesk/fakeWhatsApp.js';

const slapd = await startSlapd({ ous: [] });
const wa = await startFakeWhatsApp();
afterAll(async () => {
  await wa.stop();
  await slapd.stop();
});
const e2e = setupE2E({
  env: {
    DIRECTORY: 'ldap',
    LDAP_URL: slapd.url,
    LDAP_BIND_DN: slapd.bindDn,
    LDAP_BIND_PASSWORD: slapd.bindPassword,
    LDAP_PEOPLE_DN: `ou=people,${slapd.baseDn}`,
    LDAP_POLICY_DN: `cn=default,ou=policies,${slapd.baseDn}`,
    WHATSAPP: 'fonnte',
    WHATSAPP_RATE_PER_MINUTE: '100000',
    WHATSAPP_URL: wa.url,
    WHATSAPP_TOKEN: wa.token,
  },
});
const APPLICANT_WA = '6281377700011';
const DN = `uid=slamet.riyadi,ou=disperkimta,ou=people,${slapd.baseDn}`;
const NEW_PASSWORD = 'Riyadi-Kedinasan-2026!';
let ticketPath = '';

async function waitForCode(number: string, before: number): Promise<string> {
  await poll(() => wa.to(number).length, 20_000).toBeGreaterThan(before);
  return wa.lastCode(number);
}

describe('seed 004: layanan penerbitan email kedinasan', () => {
  it('step 1: the applicant requests with a verified WhatsApp number, the suggested address and the signed letter', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'staf.perumahan');
    await page.getByTestId('sidebar').getByText('Layanan', { exact: true }).click();
    await page.getByTestId('new-request').click();
    await page.getByTestId('req-nip').fill('199202142017081001');
    await page.getByTestId('req-whatsapp').fill('081377700011');
    const before = wa.to(APPLICANT_WA).length;
    await page.getByTestId('req-send-code').click();
    const code = await waitForCode(APPLICANT_WA, before);
    await page.getByTestId('req-code').fill(code);
    await page.getByTestId('req-verify').click();
    await page.getByTestId('req-verified').waitFor();
    await poll(() => page.getByTestId('req-address').inputValue()).toBe('slamet.riyadi@contoh.go.id');
    await pickFiles(page, page.getByTestId('req-file'), await makePdf('surat-permohonan.pdf', ['Surat Permohonan Penerbitan Email Kedinasan', 'a.n. Slamet Riyadi']));
    await e2e.screenshot(page, 'seed004-request');
    await page.getByTestId('req-submit').click();
    await page.waitForURL(/\/layanan\/tiket\//);
    ticketPath = new URL(page.url()).pathname;
    expect(await page.getByTestId('ticket-number').innerText()).toMatch(/^EML-\d{4}-0001$/);
    expect(await page.getByTestId('ticket-step').innerText()).toContain('Langkah 2 · Kepala Dinas');
    // The request is a letter in Diskominfo's agenda (step 1's output: Surat Masuk).
    expect(await page.getByTestId('ticket-agenda').innerText()).toMatch(/\d{4}\/SM\/\d{4}/);
  });

  it('the Kepala Dinas finds it in his Naskah Masuk as a service request, and goes on to the ticket', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kadis.kominfo', { path: ticketPath });
    const ticket = await (await page.request.get(`/api/v1/servicedesk/tickets/${ticketPath.split('/').at(-1)}`)).json();
    await page.goto(`/surat-masuk/${ticket.incomingLetterId}`);
    await page.getByTestId('service-request').waitFor();
    expect(await page.getByTestId('incoming-agenda').innerText()).toBe(ticket.incomingAgendaNumber);
    await page.getByTestId('open-ticket').click();
    await page.waitForURL((u) => u.pathname === ticketPath);
  });

  it('steps 2–3: Kepala Dinas and Kabid Statistik dan Persandian dispose', async () => {
    for (const [user, next] of [
      ['kadis.kominfo', 'Langkah 3'],
      ['kabid.persandian', 'Langkah 4'],
    ] as const) {
      const page = await e2e.newPage();
      await e2e.signIn(page, user, { path: ticketPath });
      await page.getByTestId('disposition-note').fill('Untuk ditindaklanjuti');
      await page.getByTestId('action-dispose').click();
      await poll(() => page.getByTestId('ticket-step').innerText()).toContain(next);
    }
  });

  it('step 4: the Kasi returns it with a reason; the applicant fixes and resubmits; the Kasi ticks the checklist', async () => {
    const kasi = await e2e.newPage();
    await e2e.signIn(kasi, 'kasi.kamsinfo', { path: ticketPath });
    await kasi.getByTestId('return-reason-input').fill('Surat belum ditandatangani Kepala Bidang');
    await kasi.getByTestId('action-return').click();
    await poll(() => kasi.getByTestId('ticket-status').innerText()).toBe('Dikembalikan');
    await poll(() => wa.to(APPLICANT_WA).some((m) => m.includes('belum ditandatangani Kepala Bidang')), 20_000).toBe(true);

    const staf = await e2e.newPage({ phone: true });
    await e2e.signIn(staf, 'staf.perumahan', { path: ticketPath });
    expect(await staf.getByTestId('return-reason').innerText()).toContain('belum ditandatangani');
    await pickFiles(staf, staf.getByTestId('resubmit-file'), await makePdf('surat-permohonan-ttd.pdf', ['Surat Permohonan (ditandatangani)']));
    await staf.getByTestId('action-resubmit').click();
    await poll(() => staf.getByTestId('ticket-status').innerText()).toBe('Diproses');

    await kasi.reload();
    await kasi.getByTestId('check-letter_signed').check();
    await e2e.screenshot(kasi, 'seed004-checklist');
    await kasi.getByTestId('action-accept').click();
    await poll(() => kasi.getByTestId('ticket-step').innerText()).toContain('Langkah 5');
  });

  it('step 5: the Admin Email creates the account in the directory', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'admin.email', { path: ticketPath });
    await page.getByTestId('action-provision').click();
    await poll(
      async () => {
        await page.reload();
        return page.getByTestId('ticket-status').innerText();
      },
      30_000,
    ).toBe('Menunggu aktivasi');
    expect(slapd.search('(uid=slamet.riyadi)', ['pwdReset'])).toMatch(/pwdReset: TRUE/);
  });

  it('step 6: the WhatsApp link opens the activation page: code, own password, Google Authenticator', async () => {
    await poll(() => wa.to(APPLICANT_WA).some((m) => m.includes('/aktivasi/')), 20_000).toBe(true);
    const link = wa.to(APPLICANT_WA).find((m) => m.includes('/aktivasi/'))!;
    expect(link).toContain('Nama pengguna: slamet.riyadi@contoh.go.id');
    const path = /\/aktivasi\/[A-Za-z0-9_-]+/.exec(link)![0];
    const page = await e2e.newPage({ phone: true });
    await page.goto(e2e.url + path);
    const before = wa.to(APPLICANT_WA).length;
    await page.getByTestId('activation-send-code').click();
    await page.getByTestId('activation-code').fill(await waitForCode(APPLICANT_WA, before));
    await page.getByTestId('activation-verify').click();
    await page.getByTestId('activation-policy').waitFor();
    expect(await page.getByTestId('activation-policy').innerText()).toContain('Minimal 10 karakter');
    await page.getByTestId('activation-password').fill('pendek12');
    await page.getByTestId('activation-password2').fill('pendek12');
    await page.getByTestId('activation-set-password').click();
    expect(await page.getByTestId('activation-error').innerText()).toMatch(/minimal 10 karakter/);
    await page.getByTestId('activation-password').fill(NEW_PASSWORD);
    await page.getByTestId('activation-password2').fill(NEW_PASSWORD);
    await page.getByTestId('activation-set-password').click();
    const secret = (await page.getByTestId('activation-secret').innerText()).replace(/\s+/g, '');
    expect(await page.getByTestId('activation-otpauth').getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
    await e2e.screenshot(page, 'seed004-activation-totp');
    const code = execFileSync('oathtool', ['--totp', '-b', secret], { encoding: 'utf8' }).trim();
    await page.getByTestId('activation-totp-code').fill(code);
    await page.getByTestId('activation-confirm-totp').click();
    await page.getByTestId('activation-done').waitFor();
    expect((await page.getByTestId('activation-recovery-codes').innerText()).split('\n')).toHaveLength(10);
    expect(slapd.whoami(DN, NEW_PASSWORD)).toBe(true);
  });

  it('step 7: active, time per step shown; only the PII officer opens the request file; messages carry no password', async () => {
    const admin = await e2e.newPage();
    await e2e.signIn(admin, 'admin.email', { path: ticketPath });
    await poll(() => admin.getByTestId('ticket-status').innerText()).toBe('Aktif');
    expect(await admin.getByTestId('step-times').innerText()).toContain('15 mnt');
    await admin.getByTestId('request-file-hidden').waitFor();
    const staf = await e2e.newPage();
    await e2e.signIn(staf, 'staf.perumahan', { path: ticketPath });
    await staf.getByTestId('request-file-hidden').waitFor();
    expect(await staf.getByTestId('ticket-whatsapp').innerText()).not.toBe(APPLICANT_WA);
    const pii = await e2e.newPage();
    await e2e.signIn(pii, 'petugas.pii', { path: ticketPath });
    expect(await pii.getByTestId('ticket-whatsapp').innerText()).toBe(APPLICANT_WA);
    const [popup] = await Promise.all([pii.waitForEvent('popup'), pii.getByTestId('request-file-link').click()]);
    await popup.waitForLoadState();
    await pii.reload();
    await poll(() => pii.getByTestId('file-access-log').innerText()).toContain('petugas.pii');
    await e2e.screenshot(pii, 'seed004-pii-officer');
    for (const m of wa.messages) expect(m.text).not.toContain(NEW_PASSWORD);
    const report = await e2e.newPage();
    await e2e.signIn(report, 'kadis.kominfo', { path: '/layanan/laporan' });
    await report.getByTestId('report-table').waitFor();
    expect(await report.getByTestId('report-summary').innerText()).toMatch(/Permohonan\s*1/);
    await report.getByTestId('report-chart').waitFor();
  });
});
