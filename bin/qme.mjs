#!/usr/bin/env node
// The `qme` command: runs the CLI built by `npm run build` (out/main/cli.js). When the native
// modules are built for Electron (desktop installs), it re-runs itself through Electron as Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeRuntime } from '../scripts/lib/native-abi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('qme is not built yet. Run `npm run build` once in the project folder, then try again.\n');
  process.exit(1);
}
const runtime = nodeRuntime(root);
if (runtime.command !== process.execPath && !process.env.ELECTRON_RUN_AS_NODE) {
  const result = spawnSync(runtime.command, [built, ...process.argv.slice(2)], { stdio: 'inherit', env: runtime.env });
  process.exit(result.status ?? 1);
}
process.argv[1] = built;
await import(pathToFileURL(built).href);
