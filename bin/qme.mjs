#!/usr/bin/env node
// The `qme` command. Runs the CLI built by `npm run build` (out/main/cli.js) under plain Node.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('qme is not built yet. Run `npm run build` once in the project folder, then try again.\n');
  process.exit(1);
}
process.argv[1] = built;
await import(pathToFileURL(built).href);
