// No import cycles in src/ (server, CLI, shared, web), type-only imports included: a cycle makes
// load order matter and lets a lower layer reach a higher one. dpdm walks the TypeScript imports.
import { parseCircular, parseDependencyTree, prettyCircular } from 'dpdm';
import { describe, expect, it } from 'vitest';

describe('import graph', () => {
  it('has no cycles', async () => {
    const tree = await parseDependencyTree(['src/**/*.ts', 'src/**/*.tsx'], { context: process.cwd(), transform: false, skipDynamicImports: false, tsconfig: 'tsconfig.json' });
    expect(Object.keys(tree).length).toBeGreaterThan(100);
    const cycles = parseCircular(tree);
    expect(cycles.length ? prettyCircular(cycles) : 'none').toBe('none');
  });
});
