/** `qme export`: a whole snapshot of the catalog as one JSON or XML file (docs/export-format.md). */
import { renameSync, writeFileSync } from 'node:fs';
import { exportSnapshot, openCatalog, type ExportFormat } from '../../catalog';
import { UsageError, type CliCommand, parseFlags } from '../command';
import { snapshotFlags, snapshotSelection } from '../snapshot-flags';

const usage = `Usage: qme export [--db FILE] --format json|xml [--out FILE] [--snapshot ID] [--connection ID]

Writes one snapshot of the catalog (default: the latest complete crawl) as JSON or XML.
The format is documented in docs/export-format.md; neither format ever contains a secret.

Options:
  --db FILE          catalog file (default: catalog.sqlite in the app's user-data folder)
  --format FORMAT    json or xml (default json)
  --out FILE         file to write (default: standard output)
  --snapshot ID      a snapshot id from the crawl history instead of the latest
  --connection ID    the latest complete snapshot of this connection`;

function parseFormat(value: string | undefined): ExportFormat {
  if (value === undefined || value === 'json') return 'json';
  if (value === 'xml') return 'xml';
  throw new UsageError(`--format must be json or xml, not "${value}".`);
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a catalog snapshot as JSON or XML',
  usage,
  async run(argv, io) {
    const values = parseFlags(argv, { ...snapshotFlags, format: { type: 'string' }, out: { type: 'string' } });
    const format = parseFormat(values.format);
    const { file, ref } = snapshotSelection(values, io.env);
    // Read-only: exporting never changes the catalog, and works on a shared snapshot file too.
    const catalog = openCatalog(file, { readonly: true });
    try {
      const text = exportSnapshot(catalog, { format, ...ref });
      if (values.out === undefined) {
        io.stdout(text);
        return 0;
      }
      // Write beside the target and rename, so a reader never sees half a file.
      const partial = `${values.out}.partial`;
      writeFileSync(partial, text, 'utf8');
      renameSync(partial, values.out);
      io.stderr(`Exported snapshot to ${values.out} (${format}, ${Buffer.byteLength(text)} bytes).\n`);
      return 0;
    } finally {
      catalog.close();
    }
  },
};
