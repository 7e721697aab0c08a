// `npm run rebuild:electron` / `npm run rebuild:node`: rebuild better-sqlite3 and keytar for one
// runtime and record it (node_modules/.qme-native-abi), so every entry point picks the right one.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNativeModulesFor } from './lib/native-abi.mjs';

const target = process.argv[2];
if (target !== 'electron' && target !== 'node') {
  console.error('Usage: node scripts/rebuild-native.mjs electron|node');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Asked for by hand: rebuild even when the record says it is already built for that runtime.
process.exit((await ensureNativeModulesFor(target, root, { force: true })) ? 0 : 1);
