// Demo data of the signature domain, run inside the demo seed transaction (see demo/seedDemo.ts).
import type { DemoSeeder } from '../demo/seedDemo.js';

export const signatureDemoSeeder: DemoSeeder = async () => {};
