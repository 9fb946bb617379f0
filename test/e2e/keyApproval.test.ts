// The registration authority's page (issue 12, second-person control over signing keys): after
// an admin reset a signer's 2FA, the official waits on "Otoritas Pendaftaran" until the RA — not
// the admin — checks his identity and approves with his own password + code; the approval is
// stored, the row says so, and a user without the role has no such page.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nextTotpCode, setupE2E } from './helpers/e2e.js';
import { poll } from './helpers/naskahUi.js';
import { expectAccessible } from './helpers/a11y.js';

const e2e = setupE2E();

describe('Otoritas Pendaftaran', () => {
  it('the RA approves the TTE key re-enrolment of a signer whose 2FA the admin reset', async () => {
    const db = e2e.server.ctx.database.db;
    const id = async (u: string) => ((await db.execute(sql`select id::text as id from users where username = ${u}`)).rows[0] as { id: string }).id;
    const signer = await id('kadis.dukcapil');
    const admin = await id('admin');
    // What POST /org/users/{id}/reset-totp records: the admin now knows enough to log in as him.
    await db.execute(sql`update users set credentials_reset_at = now(), credentials_reset_by = ${admin} where id = ${signer}`);

    const page = await e2e.newPage();
    await e2e.loginAs(page, 'ra.persandian'); // 2FA is required for the role: enrolled on the way
    await page.locator('[data-testid="sidebar"]').getByText('Otoritas Pendaftaran').click();
    await poll(() => new URL(page.url()).pathname).toBe('/otoritas-pendaftaran');
    const row = page.getByTestId('key-approval-kadis.dukcapil');
    await poll(() => row.innerText()).toContain('Menunggu persetujuan');
    expect(await row.innerText()).toContain('Sahabiq Purnomo');
    expect(await row.innerText()).toContain('oleh Administrator Sistem');
    await expectAccessible(page, 'registration authority list');

    await page.getByTestId('approve-kadis.dukcapil').click();
    await page.getByTestId('approval-note').fill('Identitas diperiksa dengan KTP dan kartu pegawai, tatap muka.');
    await expectAccessible(page, 'registration authority approval dialog');
    // A wrong password is refused with the server's message, nothing approved.
    await page.getByTestId('reauth-password').fill('bukan-sandinya-1');
    await page.getByTestId('reauth-totp').fill(await nextTotpCode('ra.persandian'));
    await page.getByTestId('approval-submit').click();
    await page.getByTestId('approval-error').waitFor();
    await page.getByTestId('reauth-password').fill('Naskah-Demo-2026');
    await page.getByTestId('reauth-totp').fill(await nextTotpCode('ra.persandian'));
    await page.getByTestId('approval-submit').click();
    await poll(() => row.innerText()).toContain('Disetujui Hendro Wibisono');

    const rows = (await db.execute(sql`select a.note, u.username from enrolment_approvals a join users u on u.id = a.approved_by where a.user_id = ${signer} and a.used_at is null`)).rows as Array<{ note: string; username: string }>;
    expect(rows).toEqual([{ note: 'Identitas diperiksa dengan KTP dan kartu pegawai, tatap muka.', username: 'ra.persandian' }]);
  });

  it('is not offered to a user without the role', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'staf.umum');
    expect(await page.locator('[data-testid="sidebar"]').getByText('Otoritas Pendaftaran').count()).toBe(0);
    await page.goto('/otoritas-pendaftaran');
    await poll(() => page.locator('body').innerText()).not.toContain('Menunggu persetujuan');
  });
});
