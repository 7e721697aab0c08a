/** `qme export-snapshot`: one snapshot of a catalog as a shareable snapshot file (docs/snapshot-file.md). */
import { openCatalog } from '../../catalog';
import { exportSnapshotFile } from '../../snapshots/snapshot-file';
import { UsageError, type CliCommand, parseFlags } from '../command';
import { snapshotFlags, snapshotSelection } from '../snapshot-flags';

const usage = `Usage: qme export-snapshot [--db FILE] [--snapshot ID | --connection ID] --out FILE

Writes one complete snapshot to a single SQLite-based snapshot file that anyone can open in the
app (Snapshots > Open file) or read with \`qme diff\` / \`qme export\` --db, with no connection.
The file holds no secrets, no connection credentials and no other snapshots.

Options:
  --db FILE          catalog file (default: catalog.sqlite in the app's user-data folder)
  --snapshot ID      the snapshot to export (default: the latest complete one)
  --connection ID    the latest complete snapshot of this connection
  --out FILE         the snapshot file to write (.qmesnap by convention)`;

export const exportSnapshotCommand: CliCommand = {
  name: 'export-snapshot',
  summary: 'Export one snapshot as a shareable snapshot file',
  usage,
  async run(argv, io) {
    const values = parseFlags(argv, { ...snapshotFlags, out: { type: 'string' } });
    if (values.out === undefined) throw new UsageError('--out FILE is required.');
    const { file, ref } = snapshotSelection(values, io.env);
    // Exporting reads the catalog only; it may even run while the app crawls into it.
    const catalog = openCatalog(file, { readonly: true });
    try {
      const snapshotId = catalog.snapshotIdOf(ref);
      const written = exportSnapshotFile(catalog, snapshotId, values.out);
      io.stderr(`Exported snapshot ${snapshotId} to ${written.path} (${written.sizeBytes} bytes).\n`);
      return 0;
    } finally {
      catalog.close();
    }
  },
};
