// `npm run serve [-- --port P --demo]`: builds if the sources changed, then serves the app on loopback.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildStale } from './lib/build-state.mjs';
import { nodeRuntime } from './lib/native-abi.mjs';
import { run } from './lib/run.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (isBuildStale(root)) {
  console.error('Building the app (sources changed since the last build)…');
  const code = await run('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (code !== 0) process.exit(code);
}
const runtime = nodeRuntime(root);
process.exit(
  await run(runtime.command, [join(root, 'out', 'main', 'serve.js'), ...process.argv.slice(2)], { cwd: root, env: runtime.env }),
);
