// The committed web API types must match the server's OpenAPI document. When this fails, run
// `npx tsx scripts/gen-api-types.ts` and commit src/web/api/schema.d.ts.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderApiTypes, schemaTypesPath } from '../../../scripts/gen-api-types.js';
import { createTestApp, type TestApp } from '../../../test/helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it('src/web/api/schema.d.ts is generated from the current OpenAPI document', async () => {
  const expected = await renderApiTypes(t.app.swagger());
  const committed = fs.readFileSync(schemaTypesPath, 'utf8');
  // A readable hint first: which paths differ, then the full comparison.
  const pathsOf = (s: string) => [...s.matchAll(/^ {4}"(\/api\/[^"]+)": \{$/gm)].map((m) => m[1]);
  expect(pathsOf(committed), 'API paths differ: run npx tsx scripts/gen-api-types.ts').toEqual(pathsOf(expected));
  expect(committed === expected, 'src/web/api/schema.d.ts is stale: run npx tsx scripts/gen-api-types.ts').toBe(true);
});
