/** `qme diff`: what changed between two snapshots, from a catalog or from shared snapshot files. */
import { join } from 'node:path';
import type { Catalog } from '../../catalog';
import { formatDiffText } from '../../snapshots/diff-text';
import { diffSnapshots } from '../../snapshots/snapshot-diff';
import { openCatalogOrSnapshotFile } from '../../snapshots/snapshot-file';
import { defaultUserDataDir } from '../../user-data';
import { UsageError, type CliCommand, parseFlags } from '../command';

const usage = `Usage: qme diff [--db FILE] --from ID --to ID [--format json|text] [--from-db FILE] [--to-db FILE]

Compares two snapshots: apps, sheets, charts, master items, variables, bookmarks, data model,
data connections added / removed / changed (field by field), load scripts line by line, and
lineage edges. docs/snapshots.md describes the output.

Options:
  --db FILE        catalog or snapshot file (default: catalog.sqlite in the app's user-data folder)
  --from ID        the earlier snapshot (default with a snapshot file: the one it holds)
  --to ID          the later snapshot (same default)
  --from-db FILE   read the earlier snapshot from this file instead of --db
  --to-db FILE     read the later snapshot from this file instead of --db
  --format F       text (default) or json`;

function parseId(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a snapshot id (a number), not "${value}".`);
  return Number(value);
}

/** A file's only snapshot, when it holds exactly one (a shared snapshot file). */
function onlySnapshot(catalog: Catalog, flag: string): number {
  const ids = catalog.connections().flatMap((c) =>
    catalog
      .snapshotsOfConnection(c.id)
      .filter((s) => s.status === 'complete')
      .map((s) => s.id),
  );
  if (ids.length !== 1) throw new UsageError(`--${flag} is required: ${catalog.file} holds ${ids.length} snapshots.`);
  return ids[0] as number;
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two snapshots (catalog or snapshot files)',
  usage,
  async run(argv, io) {
    const values = parseFlags(argv, {
      db: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'from-db': { type: 'string' },
      'to-db': { type: 'string' },
      format: { type: 'string' },
    });
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}".`);
    const db = values.db ?? join(defaultUserDataDir(io.env), 'catalog.sqlite');
    const fromFile = values['from-db'] ?? db;
    const toFile = values['to-db'] ?? db;
    const fromCatalog = openCatalogOrSnapshotFile(fromFile);
    const toCatalog = toFile === fromFile ? fromCatalog : openCatalogOrSnapshotFile(toFile);
    try {
      const from = parseId('from', values.from) ?? onlySnapshot(fromCatalog, 'from');
      const to = parseId('to', values.to) ?? onlySnapshot(toCatalog, 'to');
      const diff = diffSnapshots(fromCatalog.snapshotContent(from), toCatalog.snapshotContent(to));
      io.stdout(format === 'json' ? JSON.stringify(diff, null, 2) + '\n' : formatDiffText(diff));
      return 0;
    } finally {
      fromCatalog.close();
      if (toCatalog !== fromCatalog) toCatalog.close();
    }
  },
};
