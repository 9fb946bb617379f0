// Demo data of the documents domain, run inside the demo seed transaction (see demo/seedDemo.ts).
import type { DemoSeeder } from '../demo/seedDemo.js';

export const documentsDemoSeeder: DemoSeeder = async () => {};
