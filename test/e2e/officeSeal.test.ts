// The office's electronic seal on the unit page: the administrator opens Diskominfo, sees that
// its letters get no e-seal yet, issues one (a wrong password is refused inside the dialog,
// nothing issued), and the card then names the certificate; a bidang below it shows that its
// letters carry the dinas's seal. The dialog passes the axe check.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nextTotpCode, setupE2E } from './helpers/e2e.js';
import { poll } from './helpers/naskahUi.js';
import { expectAccessible } from './helpers/a11y.js';

const e2e = setupE2E();

describe('Segel elektronik on the unit page', () => {
  it('the administrator issues the unit e-seal after re-authenticating', async () => {
    const db = e2e.server.ctx.database.db;
    const unitId = async (code: string) => ((await db.execute(sql`select id::text as id from units where code = ${code}`)).rows[0] as { id: string }).id;
    const dinas = await unitId('406.020');
    const page = await e2e.newPage();
    await e2e.signIn(page, 'admin', { path: `/organisasi/unit/${dinas}` });
    const card = page.getByTestId('unit-eseal');
    await poll(() => card.innerText()).toContain('belum diberi segel elektronik');

    await card.getByRole('button', { name: 'Terbitkan segel elektronik' }).click();
    await page.getByTestId('reauth-password').fill('bukan-sandinya-1');
    await page.getByTestId('reauth-totp').fill(await nextTotpCode('admin'));
    await page.getByTestId('eseal-confirm').click();
    await page.getByTestId('eseal-error').waitFor();
    expect((await db.execute(sql`select count(*)::int as n from seal_credentials`)).rows[0]).toEqual({ n: 0 });
    await expectAccessible(page, 'e-seal dialog');

    await page.getByTestId('reauth-password').fill('Naskah-Demo-2026');
    await page.getByTestId('reauth-totp').fill(await nextTotpCode('admin'));
    await page.getByTestId('eseal-confirm').click();
    await poll(() => page.getByTestId('eseal-status').innerText()).toBe('Aktif');
    const serial = ((await db.execute(sql`select certificate_serial as s from seal_credentials where unit_id = ${dinas} and status = 'active'`)).rows[0] as { s: string }).s;
    await poll(() => page.getByTestId('eseal-effective').innerText()).toContain(serial);
    await e2e.screenshot(page, 'unit-eseal-issued');

    // The Sekretariat below it has none of its own: its letters carry the Diskominfo seal.
    await page.goto(`/organisasi/unit/${await unitId('SEK/406.020')}`);
    await poll(() => page.getByTestId('eseal-effective').innerText()).toContain('Dinas Komunikasi dan Informatika');
    expect(await page.getByTestId('unit-eseal').getByRole('button', { name: 'Terbitkan segel elektronik' }).count()).toBe(1);
  });
});
