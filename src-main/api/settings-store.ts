/**
 * User settings as a small JSON file in the user data folder. Written atomically (temp file +
 * rename) so a crash mid-write never leaves a half-written file. Holds no secrets.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { colorSchemeSchema } from './contract';
import type { Settings } from './types/app';

const settingsFileSchema = z.object({ colorScheme: colorSchemeSchema.catch('auto') }).partial();

export const defaultSettings: Settings = { colorScheme: 'auto' };

export class SettingsStore {
  private readonly file: string;
  private current: Settings;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'settings.json');
    this.current = this.load();
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    this.current = { ...this.current, ...defined };
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.current, null, 2));
    renameSync(temp, this.file);
    return this.current;
  }

  private load(): Settings {
    try {
      const parsed = settingsFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? { ...defaultSettings, ...parsed.data } : defaultSettings;
    } catch {
      // Missing or unreadable file: start from defaults rather than refusing to start.
      return defaultSettings;
    }
  }
}
