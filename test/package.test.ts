/**
 * The repository as a fresh clone and as an installed package: `npm test` reads nothing outside the
 * checkout (the tests that need shared/ beside it live in test/corpus/, run by `npm run test:corpus`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every .ts file under `dir`, relative to the repository. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

describe('npm test on a fresh clone', () => {
  it('no test outside test/corpus/ reads the shared/ folder beside the checkout', () => {
    const outside = tsFiles('test').filter((f) => !f.startsWith('test/corpus/') && f !== 'test/helpers/shared.ts');
    // Code only: comments may say where the moved tests went.
    const code = (f: string) => readFileSync(join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const readers = outside.filter((f) => /shared\/(corpus|external|tools|cases)|helpers\/shared\.js/.test(code(f)));
    expect(readers).toEqual([]);
    expect(tsFiles('test/corpus').length).toBeGreaterThan(0);
  });

  it('vitest leaves test/corpus/ to `npm run test:corpus` and test/install/ to `npm run test:install`', () => {
    expect(readFileSync(join(ROOT, 'vitest.config.ts'), 'utf8')).toContain("'test/corpus/**', 'test/install/**'");
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['test:corpus']).toBe('node scripts/test-corpus.mjs');
    expect(pkg.scripts['test:install']).toBe('node scripts/test-install.mjs');
  });
});

describe('npm ci leaves the checkout as committed', () => {
  it('bin/cdp-lint.cjs is committed executable (npm makes it so on install)', () => {
    expect(execFileSync('git', ['ls-files', '--stage', 'bin/cdp-lint.cjs'], { cwd: ROOT, encoding: 'utf8' })).toMatch(/^100755 /);
  });
});

describe('the package', () => {
  it('engines names the Node majors CI tests: 20 here, 22 and 24 from the registry (.ci/run)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.12.0 || ^24.0.0');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/for v in 22 24; do[\s\S]*"node@\$v"[\s\S]*npm test/);
  });

  it('has the Apache-2.0 LICENSE that package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });
});
