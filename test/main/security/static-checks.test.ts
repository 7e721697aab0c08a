/**
 * Static guards: Qlik data is never rendered as HTML in the renderer, and runtime dependencies
 * come from the npm registry only and are each documented in docs/security.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = process.cwd();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('no HTML from data in the renderer', () => {
  it('no source under src-renderer uses dangerouslySetInnerHTML, innerHTML or outerHTML', () => {
    const offenders = filesUnder(join(root, 'src-renderer')).filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('the ESLint rule against dangerouslySetInnerHTML is configured and fires on a sample', async () => {
    const eslint = new ESLint({ cwd: root });
    const sample =
      'export function Title({ title }: { title: string }) {\n  return <h1 dangerouslySetInnerHTML={{ __html: title }} />;\n}\n';
    const [result] = await eslint.lintText(sample, { filePath: join(root, 'src-renderer', 'screens', 'sample-probe.tsx') });
    expect(result?.messages.map((m) => m.message)).toContain('Render Qlik data as text, never as HTML.');
  });
});

describe('runtime dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { resolved?: string; dev?: boolean; link?: boolean }>;
  };

  it('every package in the lock file resolves to the npm registry (no git, tarball or http URLs)', () => {
    const foreign = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.link && p.resolved !== undefined)
      .filter(([, p]) => !p.resolved!.startsWith('https://registry.npmjs.org/'))
      .map(([path, p]) => `${path} → ${p.resolved}`);
    expect(foreign).toEqual([]);
  });

  it('runtime dependencies are pinned to exact versions and each is documented in docs/security.md', () => {
    const doc = readFileSync(join(root, 'docs', 'security.md'), 'utf8');
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(doc, `docs/security.md lists ${name}`).toContain(`\`${name}\``);
    }
  });

  it('no runtime dependency declares an install script that downloads at install time, apart from the reviewed native modules', () => {
    const reviewed = new Set(['better-sqlite3', 'keytar']);
    const installing = Object.entries(lock.packages)
      .filter(([path, p]) => path.startsWith('node_modules/') && !p.dev && (p as { hasInstallScript?: boolean }).hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''))
      .filter((name) => !reviewed.has(name));
    expect(installing).toEqual([]);
  });
});
