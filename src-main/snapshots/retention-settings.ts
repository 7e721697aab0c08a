/**
 * The retention policy the user chose (Settings → Snapshots), kept in snapshot-settings.json, and
 * how it maps onto the catalog's pruneSnapshots policy.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS, type RetentionPolicy } from '../catalog';
import { readJsonFile, writeJsonFile } from './json-file';
import type { RetentionSettings } from './snapshot-views';

export const defaultRetention: RetentionSettings = { keepLast: null, keepDays: DEFAULT_RETENTION_DAYS };

/** "No age limit" for the catalog, whose policy always has one: a century. */
const NO_AGE_LIMIT_DAYS = 36_500;

const fileSchema = z.object({
  retention: z.object({ keepLast: z.number().int().min(1).nullable(), keepDays: z.number().int().min(1).nullable() }),
});

export function retentionFile(userDataDir: string): string {
  return join(userDataDir, 'snapshot-settings.json');
}

export function readRetention(userDataDir: string): RetentionSettings {
  return readJsonFile(retentionFile(userDataDir), fileSchema, { retention: defaultRetention }).retention;
}

export function writeRetention(userDataDir: string, retention: RetentionSettings): RetentionSettings {
  writeJsonFile(retentionFile(userDataDir), { retention });
  return retention;
}

export function retentionPolicy(settings: RetentionSettings): RetentionPolicy {
  return {
    keepDays: settings.keepDays ?? NO_AGE_LIMIT_DAYS,
    ...(settings.keepLast !== null ? { keepLast: settings.keepLast } : {}),
  };
}
