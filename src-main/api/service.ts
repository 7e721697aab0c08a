/**
 * The single implementation of the contract. Transports call it through dispatch(); nothing
 * here knows whether the caller is an Electron window or a browser tab.
 */
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../catalog';
import { ConnectionService } from '../connections/connection-service';
import { ConnectionStore } from '../connections/connection-store';
import type { TenantGateway } from '../connections/tenant-gateway';
import type { SecretStore } from '../secrets/keychain';
import type { Service } from './dispatch';
import type { EventBus } from './event-bus';
import { catalogHandlers } from './handlers/catalog-handlers';
import { SettingsStore } from './settings-store';
import type { AppInfo } from './types/app';
import { appVersion } from '../version';

export interface ServiceDeps {
  readonly userDataDir: string;
  readonly host: AppInfo['host'];
  readonly events: EventBus;
  readonly keychain: SecretStore;
  readonly tenants: TenantGateway;
  /** Environment for QME_API_KEY; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export function createService(deps: ServiceDeps): Service {
  const settings = new SettingsStore(deps.userDataDir);
  // Browsing reads use their own connection; crawls write through another one off this thread.
  let catalog: Catalog | undefined;
  const readCatalog = (): Catalog => (catalog ??= openCatalog(catalogFile(deps.userDataDir)));
  const connections = new ConnectionService(new ConnectionStore(deps.userDataDir), deps.keychain, deps.tenants, deps.env ?? process.env);

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
    'connections/list': () => connections.list(),
    'connections/save': (input) => connections.save(input),
    'connections/delete': ({ id }) => connections.delete(id),
    'connections/validate': ({ id }) => connections.validate(id),
    'keychain/status': () => connections.keychainStatus(),
    ...catalogHandlers(readCatalog),
  };
}

/** The working catalog of this user data folder. */
export function catalogFile(userDataDir: string): string {
  return join(userDataDir, 'catalog.sqlite');
}
