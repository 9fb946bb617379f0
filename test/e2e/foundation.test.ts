// Issue 2 (web foundation), as the users meet it: sign-in with the server's messages, 2FA
// enrolment forced on a signer, recovery codes, the Beranda tiles, language switch, a new
// account's temporary password, the Plt. title, and the phone layout.
import { expectAccessible } from './helpers/a11y.js';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, enrolmentCode, setupE2E } from './helpers/e2e.js';

const e2e = setupE2E();

/** Retry an observation until it holds (the page updates asynchronously). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 100 });

async function submitLogin(page: Page, username: string, password: string) {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

const sidebar = (page: Page) => page.locator('[data-testid="sidebar"]');

async function openUserMenu(page: Page) {
  await page.locator('[data-testid="user-menu"]').click();
}

describe('public verification page', () => {
  it('speaks Indonesian, also in its file picker, and passes axe', async () => {
    const page = await e2e.newPage();
    await page.goto('/verifikasi');
    await page.getByText('Pilih berkas…').waitFor();
    expect(await page.locator('#file-name').innerText()).toBe('Belum ada berkas dipilih');
    await page.locator('#file').setInputFiles({ name: 'surat-undangan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await poll(() => page.locator('#file-name').innerText()).toBe('surat-undangan.pdf');
    await expectAccessible(page, 'public verification');
  });
});

describe('sign-in', () => {
  it('a wrong password shows the server message, the same whether the account exists or is locked', async () => {
    const page = await e2e.newPage();
    await page.goto('/');
    await poll(() => page.url()).toMatch(/\/login$/);
    await page.getByLabel('Nama pengguna').waitFor();
    await expectAccessible(page, 'login');
    await submitLogin(page, 'kabid.dafduk', 'bukan-sandinya-1');
    const alert = page.locator('[data-testid="login-error"]');
    await poll(() => alert.innerText()).toContain('Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara.');
    const first = await alert.innerText();
    // No attempt count: it would tell an account that exists from one that does not.
    expect(first).not.toContain('Sisa percobaan');
    // Still on the login page, nothing else reachable.
    expect(new URL(page.url()).pathname).toBe('/login');

    // The fifth failure locks the account; the answer stays the same, even for the right password.
    const attempt = () => Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')), page.locator('button[type="submit"]').click()]);
    for (let i = 0; i < 4; i++) await attempt();
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await attempt();
    await poll(() => alert.innerText()).toBe(first);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('a signer must enrol 2FA at first sign-in, keeps the recovery codes, then sees the Beranda tiles', async () => {
    const page = await e2e.newPage();
    await page.goto('/login');
    await submitLogin(page, 'kadis.dukcapil', DEMO_PASSWORD);

    await page.getByRole('heading', { name: 'Aktifkan autentikasi dua langkah' }).waitFor();
    await page.locator('[data-testid="totp-secret"]').waitFor();
    expect(await page.getByText('Pasang aplikasi Google Authenticator').isVisible()).toBe(true);
    const qr = page.getByRole('img', { name: 'Kode QR untuk Google Authenticator' });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const shown = (await page.locator('[data-testid="totp-secret"]').innerText()).trim();
    expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/); // groups of four for typing
    const secret = shown.replace(/\s+/g, '');
    // On the phone that shows this page the QR cannot be scanned: a copy button and an otpauth:// link.
    expect(await page.getByTestId('totp-copy').innerText()).toContain('Salin kunci');
    const link = new URL((await page.getByTestId('totp-open-app').getAttribute('href'))!);
    expect(link.protocol).toBe('otpauth:');
    expect(link.searchParams.get('secret')).toBe(secret);

    // A wrong code is refused with the server's words; the right one enables 2FA.
    const code = page.locator('input[name="code"]');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Aktifkan' }).click();
    await poll(() => page.getByText('Kode autentikator salah atau kedaluwarsa.').isVisible()).toBe(true);
    await code.fill(enrolmentCode('kadis.dukcapil', secret));
    await page.getByRole('button', { name: 'Aktifkan' }).click();

    const codes = page.locator('[data-testid="recovery-code"]');
    await codes.first().waitFor();
    const recovery = (await codes.allInnerTexts()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    const proceed = page.getByRole('button', { name: 'Lanjutkan' });
    expect(await proceed.isDisabled()).toBe(true);
    await page.getByLabel('Saya sudah menyimpan kode pemulihan').check();
    await proceed.click();

    // Beranda: name, position, pemda, and the tiles of what this signer/verifier/drafter can act on
    // (no "Sudah TTE, belum dikirim": dispatch is the records officer's).
    await page.locator('[data-testid="greeting-name"]').waitFor();
    expect(await page.locator('[data-testid="greeting-name"]').innerText()).toBe('Sahabiq Purnomo, S.H., M.H.');
    expect(await page.locator('[data-testid="my-positions"]').innerText()).toContain('Kepala Dinas Kependudukan dan Pencatatan Sipil');
    expect(await page.locator('[data-testid="instance-name"]').innerText()).toBe('Pemerintah Kabupaten Contoh');
    const tiles = page.locator('[data-testid="dashboard-tiles"] > *');
    await poll(() => tiles.count()).toBe(6);
    const tileText = await page.locator('[data-testid="dashboard-tiles"]').innerText();
    for (const label of ['Konsep saya', 'Dikembalikan', 'Perlu Verifikasi', 'Perlu Tanda Tangan', 'Naskah Masuk belum dibaca', 'Disposisi']) {
      expect(tileText).toContain(label);
    }
    expect(tileText).not.toContain('Sudah TTE, belum dikirim');
    await poll(() => page.locator('[data-testid="tile-toSign"] [data-testid="tile-count"]').innerText()).toBe('0');

    // A tile leads to its section; sections not built yet say so instead of breaking.
    await page.locator('[data-testid="tile-toSign"]').click();
    await poll(() => new URL(page.url()).pathname).toBe('/tanda-tangan');
    await page.getByRole('heading', { name: 'Perlu Tanda Tangan', level: 1 }).waitFor();
    await poll(() => page.locator('[data-testid="empty"]').innerText()).toBe('Tidak ada naskah yang menunggu tanda tangan Anda.');
    await page.goto('/');
    await page.locator('[data-testid="tile-dispositionPending"]').click();
    await poll(() => new URL(page.url()).pathname).toBe('/disposisi');
    await page.getByRole('heading', { name: 'Disposisi', level: 1 }).waitFor();
    await poll(() => page.locator('[data-testid="empty"]').innerText()).toBe('Tidak ada disposisi.');

    // Sign out, then back in with a recovery code instead of the phone.
    await openUserMenu(page);
    await page.getByRole('menuitem', { name: 'Keluar', exact: true }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/login');
    await submitLogin(page, 'kadis.dukcapil', DEMO_PASSWORD);
    await page.locator('input[name="totp"]').waitFor();
    await page.getByRole('button', { name: 'HP tidak ada? Pakai kode pemulihan' }).click();
    await page.locator('input[name="recoveryCode"]').fill(recovery[0]!);
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-testid="greeting-name"]').waitFor();

    // The profile shows the NIP as printed and 2FA on, with one recovery code used.
    await page.goto('/profil');
    await page.locator('[data-testid="profile-nip"]').waitFor();
    expect(await page.locator('[data-testid="profile-nip"]').innerText()).toBe('19710506 199603 1 003');
    expect(await page.locator('[data-testid="totp-status"]').innerText()).toMatch(/aktif/i);
    expect(await page.getByText('Sisa kode pemulihan: 9').isVisible()).toBe(true);
    expect(await page.getByText('2FA wajib untuk peran Anda dan tidak dapat dimatikan.').isVisible()).toBe(true);
  });

  it('after a redirect to the login page the user comes back to the page asked for', async () => {
    const page = await e2e.newPage();
    await page.goto('/organisasi/pegawai');
    await poll(() => page.url()).toContain('/login?next=%2Forganisasi%2Fpegawai');
    await submitLogin(page, 'staf.umum', DEMO_PASSWORD);
    await poll(() => new URL(page.url()).pathname).toBe('/organisasi/pegawai');
    await page.locator('[data-testid="user-row"]').first().waitFor();
    // Search pages on the server: a NIP finds its person.
    await page.locator('[data-testid="user-search"]').fill('197105061996031003');
    await poll(() => page.locator('[data-testid="user-row"]').count()).toBe(1);
    expect(await page.locator('[data-testid="user-row"]').innerText()).toContain('Sahabiq Purnomo');
  });
  it('a session ended elsewhere sends the user to the login page and back to the same page', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kasubag.tu', { path: '/organisasi' });
    await page.getByRole('tree').waitFor();
    // The same user signs out everywhere from another device.
    const phone = await e2e.newPage({ phone: true });
    await e2e.signIn(phone, 'kasubag.tu', { path: '/profil' });
    await phone.getByRole('button', { name: 'Keluar dari semua perangkat' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: 'Keluar dari semua perangkat' }).click();
    await phone.getByRole('heading', { name: 'Masuk' }).waitFor();
    // The first browser learns it at its next request.
    await page.getByRole('tab', { name: 'Pegawai' }).click();
    await poll(() => page.url()).toContain('/login?next=%2Forganisasi%2Fpegawai');
    await poll(() => page.getByText('Sesi Anda berakhir.', { exact: false }).isVisible()).toBe(true);
    await submitLogin(page, 'kasubag.tu', DEMO_PASSWORD);
    await poll(() => new URL(page.url()).pathname).toBe('/organisasi/pegawai');
  });
});

describe('language', () => {
  it('switches to English, remembers it, and server messages follow', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum');
    expect(await sidebar(page).getByRole('link', { name: 'Beranda' }).isVisible()).toBe(true);
    await openUserMenu(page);
    await page.getByRole('menuitem', { name: 'English' }).click();
    await sidebar(page).getByRole('link', { name: 'Home' }).waitFor();
    for (const label of ['Drafts', 'To verify', 'Incoming', 'SOP performance', 'Organisation']) {
      expect(await sidebar(page).getByRole('link', { name: label, exact: true }).isVisible()).toBe(true);
    }
    // The menu follows his roles: the Kabag Umum verifies, he does not sign.
    expect(await sidebar(page).getByRole('link', { name: 'To sign', exact: true }).count()).toBe(0);
    expect(await page.locator('[data-testid="dashboard-tiles"]').innerText()).toContain('Unread incoming');

    await page.reload();
    await sidebar(page).getByRole('link', { name: 'Home' }).waitFor();

    // The server answers in English too.
    await openUserMenu(page);
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await submitLogin(page, 'kabag.umum', 'not-the-password-1');
    await poll(() => page.locator('[data-testid="login-error"]').innerText()).toContain('Wrong username or password');

    // The choice is stored with the account: a fresh browser (Indonesian) turns English on sign-in.
    const other = await e2e.newPage();
    await other.goto('/login');
    await other.getByRole('heading', { name: 'Masuk' }).waitFor();
    await submitLogin(other, 'kabag.umum', DEMO_PASSWORD);
    await sidebar(other).getByRole('link', { name: 'Home' }).waitFor();
  });
});

describe('accounts', () => {
  it('an account the admin creates must replace its temporary password at first sign-in', async () => {
    const admin = await e2e.newPage();
    await e2e.signIn(admin, 'admin', { path: '/admin/pengguna' });
    await admin.getByRole('button', { name: 'Tambah pengguna' }).click();
    await admin.locator('input[name="name"]').fill('Budi Santoso, S.Kom.');
    await admin.locator('input[name="username"]').fill('budi.santoso');
    await admin.locator('input[name="nip"]').fill('1988 0714');
    await admin.getByRole('button', { name: 'Buat akun' }).click();
    // The server's reason appears next to the field.
    await poll(() => admin.getByText('NIP tidak valid: NIP harus 18 digit angka.').first().isVisible()).toBe(true);
    await admin.locator('input[name="nip"]').fill('19880714 201503 1 002');
    await admin.getByRole('button', { name: 'Buat akun' }).click();
    const temp = admin.locator('[data-testid="temporary-password"]');
    await temp.waitFor();
    const temporaryPassword = (await temp.innerText()).trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    expect(await admin.locator('[data-testid="temporary-username"]').innerText()).toBe('budi.santoso');

    const page = await e2e.newPage();
    await page.goto('/login');
    await submitLogin(page, 'budi.santoso', temporaryPassword);
    await page.getByRole('heading', { name: 'Ganti kata sandi sementara' }).waitFor();
    expect(await page.locator('[data-testid="password-rules"]').innerText()).toContain('Minimal 10 karakter');
    // Only this screen until it is done.
    await page.goto('/organisasi');
    await page.getByRole('heading', { name: 'Ganti kata sandi sementara' }).waitFor();

    await page.locator('input[name="currentPassword"]').fill(temporaryPassword);
    await page.locator('input[name="newPassword"]').fill('qwerty12345');
    await page.locator('input[name="confirmPassword"]').fill('qwerty12345');
    await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    await poll(() => page.getByText('Kata sandi terlalu mudah ditebak.').isVisible()).toBe(true);

    await page.locator('input[name="newPassword"]').fill('Sandi-Pribadi-2026');
    await page.locator('input[name="confirmPassword"]').fill('Sandi-Pribadi-2026');
    await page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click();
    // Done: the page asked for opens, and the account is an ordinary one now.
    await page.getByRole('heading', { name: 'Organisasi', level: 1 }).waitFor();
    await sidebar(page).getByRole('link', { name: 'Beranda' }).click();
    await page.locator('[data-testid="greeting-name"]').waitFor();
    expect(await page.locator('[data-testid="greeting-name"]').innerText()).toBe('Budi Santoso, S.Kom.');
    expect(await page.locator('[data-testid="my-positions"]').innerText()).toContain('Belum ada jabatan');
  });

  it('the admin reads the audit trail: the account he just made, a domain filter, the chain check', async () => {
    const admin = await e2e.newPage();
    await e2e.signIn(admin, 'admin', { path: '/admin/audit' });
    await admin.getByTestId('audit-table').waitFor();
    // Newest first: the account created in the test before is in the trail, by the admin.
    await poll(() => admin.getByTestId('audit-table').innerText()).toContain('org.user_created');
    await admin.getByTestId('audit-action').fill('auth');
    await poll(() => admin.getByText('Tulis tindakan lengkap').first().isVisible()).toBe(true);
    await admin.getByTestId('audit-action').fill('auth.');
    await poll(async () => {
      const actions = await admin.getByTestId('audit-row').locator('code').allInnerTexts();
      return actions.length > 0 && actions.every((a) => a.startsWith('auth.'));
    }).toBe(true);
    expect(await admin.getByTestId('audit-csv').getAttribute('href')).toBe('/api/v1/admin/audit/events/export?action=auth.');
    await admin.getByTestId('audit-verify').click();
    await poll(() => admin.getByTestId('audit-verify-result').innerText()).toContain('Rantai utuh');
    await expectAccessible(admin, 'audit trail');
  });

  it('an acting official carries "Plt." before the position, on Beranda and in the organisation', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'asisten.umum');
    expect(await page.locator('[data-testid="my-positions"]').innerText()).toContain('Plt. Asisten Administrasi Umum');
    await sidebar(page).getByRole('link', { name: 'Organisasi' }).click();
    await page.getByRole('tree').getByText('Sekretariat Daerah', { exact: true }).click();
    await page.getByRole('tree').getByText('Asisten Administrasi Umum', { exact: true }).click();
    await poll(() => page.locator('[data-testid="unit-name"]').innerText()).toBe('Asisten Administrasi Umum');
    const holder = page.locator('[data-testid="holder"]').first();
    expect(await holder.innerText()).toContain('Drs. Hendra Kusuma, M.M.');
    expect(await holder.innerText()).toContain('Plt.');
  });
});

describe('errors', () => {
  it('a change made by someone else meanwhile is refused with a reload hint, not overwritten', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'admin', { path: '/organisasi' });
    await page.getByRole('tree').getByText('Dinas Komunikasi dan Informatika', { exact: true }).click();
    await poll(() => page.locator('[data-testid="unit-name"]').innerText()).toBe('Dinas Komunikasi dan Informatika');
    const unitId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('button', { name: 'Kelola', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Ubah unit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nama singkat').fill('Kominfo');

    // Another administrator saves the same unit first.
    const other = await e2e.newPage();
    await e2e.signIn(other, 'admin');
    const api = other.context().request;
    const csrf = (await (await api.get(`${e2e.url}/api/v1/me`)).json()).csrfToken as string;
    const unit = await (await api.get(`${e2e.url}/api/v1/org/units/${unitId}`)).json();
    const saved = await api.patch(`${e2e.url}/api/v1/org/units/${unitId}`, { data: { shortName: 'Dinkominfo', version: unit.version }, headers: { 'x-csrf-token': csrf } });
    expect(saved.status()).toBe(200);

    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await poll(() => page.getByText('Data sudah diubah oleh orang lain. Muat ulang lalu coba lagi.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Muat ulang data' }).click();
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await poll(() => page.getByText('Dinkominfo', { exact: true }).isVisible()).toBe(true);
  });
});

describe('phone', () => {
  it('at 390 px the sidebar gives way to a bottom bar and a menu', async () => {
    const page = await e2e.newPage({ phone: true });
    await e2e.signIn(page, 'kadis.kominfo');
    const bottom = page.getByRole('navigation', { name: 'Navigasi cepat' });
    expect(await bottom.isVisible()).toBe(true);
    expect(await bottom.innerText()).toContain('Tanda Tangan');
    // The sidebar waits off-screen until the menu is opened.
    const sidebarOrg = sidebar(page).getByRole('link', { name: 'Organisasi' });
    const offscreen = async () => {
      const box = await sidebar(page).boundingBox();
      return !box || box.x + box.width <= 0;
    };
    expect(await offscreen()).toBe(true);
    await bottom.getByRole('button', { name: 'Menu' }).click();
    await poll(offscreen).toBe(false);
    await sidebarOrg.click();
    await page.getByRole('heading', { name: 'Organisasi' }).waitFor();
    await poll(offscreen).toBe(true);
    // Nothing wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
});
