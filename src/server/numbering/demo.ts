// Demo data of the numbering domain, run inside the demo seed transaction (see demo/seedDemo.ts):
// Disdukcapil works as Bantul does (seed 002: the records officer gives the number before
// drafting); every other office numbers at signing. Formats follow the domain brief's examples:
// "400.12.2/17/410.20/2026" and, for SOPs of Diskominfo, "000.8.3.3/839/SOP/406.020/2024".
import type { DemoSeeder } from '../module.js';
import { DEFAULT_NUMBER_FORMAT } from './numberFormat.js';
import { numberingSettings } from './schema.js';

export const DEMO_SOP_FORMAT = '{klasifikasi}/{urut}/{kode_jenis}/{kode_unit}/{tahun}';

export const numberingDemoSeeder: DemoSeeder = async (_ctx, tx, ids) => {
  const unit = (key: string) => {
    const id = ids.units.get(key);
    if (!id) throw new Error(`demo unit ${key} missing`);
    return id;
  };
  await tx.db.insert(numberingSettings).values([
    // The instance default, inherited by every office that sets nothing itself.
    { unitId: unit('pemda'), mode: 'at_signing', defaultFormat: DEFAULT_NUMBER_FORMAT, typeFormats: {} },
    { unitId: unit('dukcapil'), mode: 'before_drafting', defaultFormat: DEFAULT_NUMBER_FORMAT, typeFormats: {} },
    { unitId: unit('kominfo'), mode: null, defaultFormat: null, typeFormats: { SOP: DEMO_SOP_FORMAT } },
  ]);
};
