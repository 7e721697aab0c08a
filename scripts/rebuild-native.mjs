// `npm run rebuild:electron` / `npm run rebuild:node`: rebuild better-sqlite3 and keytar for one
// runtime and record it (node_modules/.qme-native-abi), so every entry point picks the right one.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNativeModulesFor } from './lib/native-abi.mjs';

const target = process.argv[2];
if (target !== 'electron' && target !== 'node') {
  console.error('Usage: node scripts/rebuild-native.mjs electron|node');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Forget the recorded build so the rebuild always runs when asked for by hand.
rmSync(join(root, 'node_modules', '.qme-native-abi'), { force: true });
process.exit((await ensureNativeModulesFor(target, root)) ? 0 : 1);
