/** `qme export … | head`: the built CLI stops quietly when its reader closes the pipe. */
import { describe, expect, it } from 'vitest';
import { isCliBuilt, runCliChild } from '../reliability/cli-child';
import { demoLineageCatalog } from '../lineage-view/demo-lineage-catalog';

describe.skipIf(!isCliBuilt)('a closed stdout pipe (built CLI; run `npx electron-vite build` first)', () => {
  it('ends the export with exit code 0 and no stack trace once the reader has gone', async () => {
    const demo = demoLineageCatalog();
    demo.catalog.close();
    const run = runCliChild(['export', '--db', demo.file, '--format', 'json'], {});
    // Read the first chunk, then close our end, as `head -c 100` does (or see why it wrote none).
    await Promise.race([new Promise<void>((resolve) => run.child.stdout?.once('data', () => resolve())), run.exited]);
    expect(run.stdout(), run.stderr()).not.toBe('');
    run.child.stdout?.destroy();
    const { code, signal } = await run.exited;
    expect(run.stdout()).toMatch(/^\{\s*"format": "qlik-metadata-explorer\/catalog"/);
    expect(run.stderr()).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
