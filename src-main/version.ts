/** The app version, read from package.json at build time (vite/vitest resolve the JSON import). */
import pkg from '../package.json';

export const appVersion: string = pkg.version;
