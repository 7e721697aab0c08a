// better-sqlite3 and keytar have one compiled binary each, for one ABI. Where the Electron binary
// is installed, they are built for Electron and every Node-side entry (tests, CLI, serve) runs
// through Electron with ELECTRON_RUN_AS_NODE=1; where it is absent (our CI), they stay built for
// Node and run under Node. A marker file records which build is in node_modules.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { run } from './run.mjs';

const MARKER = join('node_modules', '.qme-native-abi');

export function electronBinary(root) {
  try {
    const path = createRequire(join(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function currentNativeTarget(root) {
  const file = join(root, MARKER);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'node';
}

/** The command that runs Node-side code with native modules that match their build. */
export function nodeRuntime(root) {
  const electron = electronBinary(root);
  if (electron && currentNativeTarget(root) === 'electron') {
    return { command: electron, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, label: 'Electron as Node' };
  }
  return { command: process.execPath, env: { ...process.env }, label: `Node ${process.version}` };
}

/** Rebuilds the native modules for `target` ('node' | 'electron') when they are built for the other one. */
export async function ensureNativeModulesFor(target, root, { force = false } = {}) {
  if (!force && currentNativeTarget(root) === target) return true;
  console.error(`Rebuilding native modules (better-sqlite3, keytar) for ${target}…`);
  let code;
  if (target === 'electron') {
    code = await run('npx', ['electron-builder', 'install-app-deps'], { cwd: root });
    if (code !== 0) {
      // Fallback: node-gyp against Electron's headers, as npm does with these settings.
      const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
      console.error(`electron-builder could not rebuild them; trying node-gyp against Electron ${version}'s headers…`);
      code = await run('npm', ['rebuild', 'better-sqlite3', 'keytar'], {
        cwd: root,
        env: {
          ...process.env,
          npm_config_runtime: 'electron',
          npm_config_target: version,
          npm_config_disturl: 'https://electronjs.org/headers',
          npm_config_build_from_source: 'true',
        },
      });
    }
  } else {
    code = await run('npm', ['rebuild', 'better-sqlite3', 'keytar'], { cwd: root });
  }
  if (code !== 0) {
    console.error(`Could not rebuild native modules for ${target}. See "Native modules" in the README.`);
    return false;
  }
  writeFileSync(join(root, MARKER), target);
  return true;
}
