/**
 * `--db FILE [--snapshot ID | --connection ID]`, as `qme export`, `export-snapshot` and `check`
 * take them: the catalog file (default: the app's own) and the snapshot they name (default: the
 * latest complete one).
 */
import { join } from 'node:path';
import type { SnapshotRef } from '../catalog';
import { defaultUserDataDir } from '../user-data';
import { UsageError } from './command';

export const snapshotFlags = {
  db: { type: 'string' },
  snapshot: { type: 'string' },
  connection: { type: 'string' },
} as const;

export function snapshotSelection(
  values: { readonly db?: string | undefined; readonly snapshot?: string | undefined; readonly connection?: string | undefined },
  env: NodeJS.ProcessEnv,
): { file: string; ref: SnapshotRef } {
  if (values.snapshot !== undefined && !/^\d+$/.test(values.snapshot)) {
    throw new UsageError(`--snapshot must be a snapshot id (a number), not "${values.snapshot}".`);
  }
  return {
    file: values.db ?? join(defaultUserDataDir(env), 'catalog.sqlite'),
    ref: {
      ...(values.snapshot !== undefined ? { snapshotId: Number(values.snapshot) } : {}),
      ...(values.connection !== undefined ? { connectionId: values.connection } : {}),
    },
  };
}
