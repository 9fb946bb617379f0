// Demo data of the archive domain, run inside the demo seed transaction (see demo/seedDemo.ts).
import type { DemoSeeder } from '../demo/seedDemo.js';

export const archiveDemoSeeder: DemoSeeder = async () => {};
