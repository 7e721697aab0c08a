/**
 * Electron transport, main side: one ipcMain handler per contract entry, generated from the
 * contract list. Each checks that the sender is one of our own windows showing our own page
 * before the arguments reach dispatch() (which validates them against the schema).
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { callNames, type Envelope } from '../api/contract';
import { dispatch, type Service } from '../api/dispatch';
import type { EventBus } from '../api/event-bus';
import { callChannel, EVENT_CHANNEL } from './channels';

export function registerIpc(service: Service, events: EventBus, isTrustedUrl: (url: string) => boolean): () => void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event: IpcMainInvokeEvent, args: unknown): Promise<Envelope> => {
      if (!isTrustedUrl(event.senderFrame?.url ?? '')) {
        return {
          ok: false,
          error: {
            code: 'auth-forbidden',
            message: 'Refused a call from a page that is not the app.',
            remedy: 'Only the app window may call the app.',
          },
        };
      }
      return dispatch(service, name, args);
    });
  }
  const unsubscribe = events.onAny((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}
