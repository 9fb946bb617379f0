// Demo data of the numbering domain, run inside the demo seed transaction (see demo/seedDemo.ts).
import type { DemoSeeder } from '../demo/seedDemo.js';

export const numberingDemoSeeder: DemoSeeder = async () => {};
