// After `npm install` / `npm ci`: build native modules for Electron when its binary is present,
// so `npm start` works at once; otherwise leave them built for Node (tests, CLI, serve).
// Never fails the install: if the rebuild cannot run here, `npm start` retries it and explains.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, ensureNativeModulesFor } from './lib/native-abi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (electronBinary(root)) {
  if (!(await ensureNativeModulesFor('electron', root))) {
    console.error('Native modules stay built for Node for now; `npm start` will try the Electron rebuild again.');
  }
} else {
  console.error(
    'Electron binary not installed: native modules stay built for Node (tests, CLI and `npm run serve` work; `npm start` needs Electron).',
  );
}
