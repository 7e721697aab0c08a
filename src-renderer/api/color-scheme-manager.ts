/**
 * Mantine color-scheme manager backed by the app's settings in main, so the choice is shared by
 * every window and survives restarts (a browser's localStorage is per port under `serve`).
 */
import type { MantineColorScheme, MantineColorSchemeManager } from '@mantine/core';
import { call, subscribe } from './client';

export function settingsColorSchemeManager(initial: MantineColorScheme): MantineColorSchemeManager {
  let current = initial;
  let unsubscribe: (() => void) | undefined;
  return {
    get: () => current,
    set: (value) => {
      current = value;
      void call('settings/update', { colorScheme: value }).catch(() => undefined);
    },
    subscribe: (onUpdate) => {
      unsubscribe = subscribe('settings/changed', (settings) => {
        current = settings.colorScheme;
        onUpdate(settings.colorScheme);
      });
    },
    unsubscribe: () => unsubscribe?.(),
    clear: () => {
      current = 'auto';
      void call('settings/update', { colorScheme: 'auto' }).catch(() => undefined);
    },
  };
}
