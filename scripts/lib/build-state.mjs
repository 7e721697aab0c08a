// Decides whether `out/` is older than the sources, so serve/start rebuild only when needed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['src-main', 'src-preload', 'src-renderer'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/main/index.js', 'out/main/serve.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildStale(root) {
  const outputs = OUTPUTS.map((p) => join(root, p));
  if (outputs.some((p) => !existsSync(p))) return true;
  const oldestOutput = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const newestSource = Math.max(
    ...SOURCE_DIRS.map((d) => newestMtime(join(root, d))),
    ...SOURCE_FILES.map((f) => newestMtime(join(root, f))),
  );
  return newestSource > oldestOutput;
}
