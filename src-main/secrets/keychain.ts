/**
 * API keys live in the OS keychain (keytar: macOS Keychain, Windows Credential Vault, Secret
 * Service on Linux) and nowhere else. Where no keychain is reachable we say so with a way
 * forward (unlock/install one, or pass QME_API_KEY for this run) and never fall back to disk.
 */
import { createRequire } from 'node:module';
import { AppError } from '../api/errors';

export const KEYCHAIN_SERVICE = 'qlik-metadata-explorer';

/** The subset of keytar we use; injectable so tests can stand in a broken keychain. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeychainStatus {
  readonly available: boolean;
  /** Why not, in words a user understands; empty when available. */
  readonly reason: string;
  readonly remedy: string;
}

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  status(): Promise<KeychainStatus>;
}

const LINUX_REMEDY =
  'Start or unlock your desktop keyring (GNOME Keyring or KWallet; on a server: `dbus-run-session` with `gnome-keyring-daemon --unlock`), ' +
  'or set the QME_API_KEY environment variable for this run. The key is never written to disk instead.';
const OTHER_REMEDY =
  'Unlock the system keychain, or set the QME_API_KEY environment variable for this run. The key is never written to disk instead.';

function unavailable(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new AppError(
    {
      code: 'keychain-unavailable',
      message: 'The OS keychain is not available, so the API key cannot be stored or read.',
      remedy: process.platform === 'linux' ? LINUX_REMEDY : OTHER_REMEDY,
      detail,
    },
    { cause },
  );
}

function loadKeytar(): KeytarLike {
  // keytar is a native module: load it lazily so a missing or mis-built binary becomes a clear
  // error at the moment a key is needed, not a crash at start-up.
  const require = createRequire(import.meta.url);
  const loaded = require('keytar') as KeytarLike & { default?: KeytarLike };
  return loaded.default ?? loaded;
}

export function createKeychain(load: () => KeytarLike = loadKeytar): SecretStore {
  let keytar: KeytarLike | undefined;
  const get = (): KeytarLike => {
    try {
      keytar ??= load();
      return keytar;
    } catch (error) {
      throw unavailable(error);
    }
  };
  async function guarded<T>(action: (k: KeytarLike) => Promise<T>): Promise<T> {
    try {
      return await action(get());
    } catch (error) {
      throw error instanceof AppError ? error : unavailable(error);
    }
  }
  return {
    get: (account) => guarded((k) => k.getPassword(KEYCHAIN_SERVICE, account)),
    set: (account, secret) => guarded((k) => k.setPassword(KEYCHAIN_SERVICE, account, secret)),
    delete: (account) => guarded((k) => k.deletePassword(KEYCHAIN_SERVICE, account)),
    async status() {
      try {
        // A read of an account that never exists proves the keychain answers without touching data.
        await guarded((k) => k.getPassword(KEYCHAIN_SERVICE, '__qme_probe__'));
        return { available: true, reason: '', remedy: '' };
      } catch (error) {
        const shape = error instanceof AppError ? error : unavailable(error);
        return { available: false, reason: shape.detail ?? shape.message, remedy: shape.remedy };
      }
    },
  };
}

/**
 * The key for a connection: the QME_API_KEY environment variable when set (CI, scheduled runs,
 * machines without a keychain), else the keychain entry for the connection.
 */
export async function resolveApiKey(store: SecretStore, account: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env['QME_API_KEY'];
  if (fromEnv && fromEnv.trim()) return fromEnv.trim();
  const stored = await store.get(account);
  if (stored) return stored;
  throw new AppError({
    code: 'auth-invalid-key',
    message: `No API key is stored for ${account}.`,
    remedy: 'Add the key in Connections (it goes to the OS keychain), or set QME_API_KEY for this run.',
  });
}
