/**
 * Electron transport, window side. Exposes exactly the contract as `window.explorer`: a call is
 * only forwarded when its name is a contract entry, and only contract events are delivered.
 * Runs sandboxed (no Node), so it is bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCallName, isEventName, type Envelope, type ExplorerBridge } from '../src-main/api/contract';
import { callChannel, EVENT_CHANNEL } from '../src-main/electron/channels';

const bridge: ExplorerBridge = {
  transport: 'electron',
  call(name, args) {
    if (!isCallName(name)) {
      return Promise.resolve<Envelope>({
        ok: false,
        error: { code: 'unknown-call', message: `"${String(name)}" is not a call this app offers.`, remedy: 'Update the app.' },
      }) as never;
    }
    return ipcRenderer.invoke(callChannel(name), args) as never;
  },
  subscribe(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('explorer', bridge);
