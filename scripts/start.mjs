// `npm start`: the desktop app (builds first when the sources changed).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildStale } from './lib/build-state.mjs';
import { electronBinary, ensureNativeModulesFor } from './lib/native-abi.mjs';
import { run } from './lib/run.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = electronBinary(root);
if (!electron) {
  console.error(
    [
      'The Electron binary is not installed, so the desktop app cannot start here.',
      'On a machine with internet, `npm install` downloads it (make sure ELECTRON_SKIP_BINARY_DOWNLOAD is not set).',
      'Without it, run the same app in your browser: `npm run serve -- --demo`.',
    ].join('\n'),
  );
  process.exit(1);
}
if (!(await ensureNativeModulesFor('electron', root))) process.exit(1);
if (isBuildStale(root)) {
  const code = await run('npx', ['electron-vite', 'build'], { cwd: root });
  if (code !== 0) process.exit(code);
}
process.exit(await run(electron, ['.', ...process.argv.slice(2)], { cwd: root }));
