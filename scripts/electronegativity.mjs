// Electronegativity (Doyensec) over src-main, src-preload and src-renderer, read together so its
// global checks (CSP, navigation limits, permission handler) see the whole app. Fails on any
// finding not reviewed in .electronegativity-allow.json (check + file, with the reason it is
// accepted). Offline by construction: the Electron version is given (-e) and DNS lookups are
// refused inside the checker, so its "fetch Electron releases" step fails at once, never hangs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron.replace(/^[^\d]*/, '');
const allow = JSON.parse(readFileSync(join(root, '.electronegativity-allow.json'), 'utf8')).accepted;
const work = mkdtempSync(join(tmpdir(), 'qme-electronegativity-'));

try {
  const input = join(work, 'app');
  for (const dir of ['src-main', 'src-preload', 'src-renderer']) cpSync(join(root, dir), join(input, dir), { recursive: true });
  const offline = join(work, 'offline.cjs');
  writeFileSync(
    offline,
    "const dns = require('node:dns');\n" +
      "const refuse = (host, options, callback) => { const cb = typeof options === 'function' ? options : callback; process.nextTick(cb, Object.assign(new Error('offline: ' + host), { code: 'ENOTFOUND' })); };\n" +
      'dns.lookup = refuse;\n',
  );
  const sarif = join(work, 'findings.sarif');
  const bin = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  // The releases check downloads Electron's release list (with retries): Electron versions are
  // reviewed with the other dependencies instead (docs/security.md).
  const args = ['-i', input, '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-r', '-v', 'false', '-o', sarif];
  const run = spawnSync(process.execPath, ['--require', offline, bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (run.status !== 0 || !existsSync(sarif)) {
    console.error(run.stdout, run.stderr);
    console.error('Electronegativity did not run to the end.');
    process.exit(1);
  }
  const results = JSON.parse(readFileSync(sarif, 'utf8')).runs.flatMap((r) => r.results ?? []);
  const findings = results.map((r) => {
    const location = r.locations?.[0]?.physicalLocation;
    const uri = (location?.artifactLocation?.uri ?? 'N/A').replace(/^.*?\/app\//, '').replace(/^file:\/\//, '');
    return { check: r.ruleId, file: uri, line: location?.region?.startLine ?? 0, message: r.message?.text ?? '' };
  });
  const isAccepted = (f) => allow.some((a) => a.check === f.check && (a.file === f.file || a.file === '*'));
  const unreviewed = findings.filter((f) => !isAccepted(f));
  for (const f of findings) console.log(`${isAccepted(f) ? 'reviewed ' : 'NEW      '} ${f.check} ${f.file}:${f.line}`);
  const stale = allow.filter((a) => !findings.some((f) => f.check === a.check && (a.file === f.file || a.file === '*')));
  for (const a of stale) console.log(`note: allow-list entry no longer needed: ${a.check} ${a.file}`);
  if (unreviewed.length) {
    console.error(
      `\n${unreviewed.length} Electronegativity finding(s) not reviewed. Fix them, or add each to .electronegativity-allow.json with the reason it is safe.`,
    );
    process.exit(1);
  }
  console.log(`Electronegativity: ${findings.length} finding(s), all reviewed (Electron ${electronVersion}).`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
