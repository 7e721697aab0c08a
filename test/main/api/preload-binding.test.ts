import { describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../src-main/api/contract';
import type { ExplorerBridge } from '../../../src-main/api/contract';
import { callChannel, EVENT_CHANNEL } from '../../../src-main/electron/channels';

// The preload and the main IPC registration run inside Electron; here we load them against a
// recording stand-in for the `electron` module to prove both derive from the one contract list.
const exposed: Record<string, unknown> = {};
const handled = new Map<string, (...args: unknown[]) => unknown>();
const invoked: Array<[string, unknown]> = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, args: unknown) => {
      invoked.push([channel, args]);
      return { ok: true, value: channel };
    },
    on: vi.fn(),
    removeListener: vi.fn(),
  },
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => handled.set(channel, fn),
    removeHandler: (channel: string) => handled.delete(channel),
  },
  BrowserWindow: { getAllWindows: () => [] },
}));

describe('Electron transport', () => {
  it('the preload forwards every contract call on its own channel and refuses other names', async () => {
    await import('../../../src-preload/index');
    const bridge = exposed['explorer'] as ExplorerBridge;
    expect(bridge.transport).toBe('electron');
    for (const name of callNames) {
      const result = await bridge.call(name, {} as never);
      expect(result).toEqual({ ok: true, value: callChannel(name) });
    }
    expect(invoked.map(([channel]) => channel)).toEqual(callNames.map(callChannel));
    const refused = await bridge.call('shell/exec' as never, {} as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(invoked).toHaveLength(callNames.length);
  });

  it('main registers one validated handler per contract entry and refuses foreign pages', async () => {
    const { registerIpc } = await import('../../../src-main/electron/ipc');
    const { makeTestService } = await import('../../support/service');
    const { service, events } = makeTestService();
    const trusted = 'file:///app/out/renderer/index.html';
    const unregister = registerIpc(service, events, (url) => url.startsWith(trusted));

    expect([...handled.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    expect(handled.has(EVENT_CHANNEL)).toBe(false);

    const handler = handled.get(callChannel('settings/update'));
    const fromApp = { senderFrame: { url: trusted } };
    expect(await handler?.(fromApp, { colorScheme: 'light' })).toEqual({ ok: true, value: { colorScheme: 'light' } });
    expect(await handler?.(fromApp, { colorScheme: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const fromElsewhere = { senderFrame: { url: 'https://evil.example/' } };
    expect(await handler?.(fromElsewhere, { colorScheme: 'light' })).toMatchObject({ ok: false, error: { code: 'auth-forbidden' } });

    unregister();
    expect(handled.size).toBe(0);
  });
});
