/**
 * The single implementation of the contract. Transports call it through dispatch(); nothing
 * here knows whether the caller is an Electron window or a browser tab.
 */
import type { Service } from './dispatch';
import type { EventBus } from './event-bus';
import { SettingsStore } from './settings-store';
import type { AppInfo } from './types/app';
import { appVersion } from '../version';

export interface ServiceDeps {
  readonly userDataDir: string;
  readonly host: AppInfo['host'];
  readonly events: EventBus;
}

export function createService(deps: ServiceDeps): Service {
  const settings = new SettingsStore(deps.userDataDir);

  return {
    'app/info': () => ({
      name: 'Qlik Metadata Explorer',
      version: appVersion,
      platform: `${process.platform}-${process.arch}`,
      userDataDir: deps.userDataDir,
      host: deps.host,
    }),
    'settings/get': () => settings.get(),
    'settings/update': (patch) => {
      const next = settings.update(patch);
      deps.events.emit('settings/changed', next);
      return next;
    },
  };
}
