/** IPC channel names, derived from contract names so preload and main cannot drift. */
import type { CallName } from '../api/contract';

export const CALL_CHANNEL_PREFIX = 'qme:call:';
export const EVENT_CHANNEL = 'qme:event';

export function callChannel(name: CallName): string {
  return `${CALL_CHANNEL_PREFIX}${name}`;
}
