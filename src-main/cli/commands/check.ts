/**
 * `qme check`: the broken references of a snapshot (charts, master items and bookmarks pointing at
 * a field or master item their app no longer has), for a pipeline step after a reload or a crawl.
 * Exit code 0 when there are none, 1 when there are some, so a schedule or CI job can fail on it.
 */
import { formatError, toErrorShape } from '../../api/errors';
import { openCatalog } from '../../catalog';
import { describeBrokenReference, type AppBrokenReferences } from '../../catalog/broken-references';
import { type CliCommand, parseFlags } from '../command';
import { snapshotFlags, snapshotSelection } from '../snapshot-flags';

const usage = `Usage: qme check [--db FILE] [--snapshot ID] [--connection ID] [--json]

Lists the broken references of a snapshot (default: the latest complete crawl): charts, master
items and bookmarks that point at a field or master item their app no longer has. Exits with 0
when there are none, 1 when there are some, 2 when the check could not run (no such file or
snapshot, a bad option) (docs/snapshots.md, "Broken references").

Options:
  --db FILE          catalog or snapshot file (default: catalog.sqlite in the app's user-data folder)
  --snapshot ID      a snapshot id from the crawl history instead of the latest
  --connection ID    the latest complete snapshot of this connection
  --json             one JSON array of {appId, appName, references[]} instead of text`;

export function formatBrokenReferences(apps: readonly AppBrokenReferences[]): string {
  if (apps.length === 0) return 'No broken references.\n';
  const total = apps.reduce((n, app) => n + app.references.length, 0);
  const lines = [`${total} broken ${total === 1 ? 'reference' : 'references'} in ${apps.length} ${apps.length === 1 ? 'app' : 'apps'}:`];
  for (const app of apps) {
    lines.push('', `app "${app.appName}" (${app.appId})`);
    for (const r of app.references) lines.push(`  ! ${describeBrokenReference(r)}`);
  }
  return lines.join('\n') + '\n';
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'List broken references in a snapshot (exit 1 when there are any, 2 when it cannot check)',
  usage,
  async run(argv, io) {
    const values = parseFlags(argv, { ...snapshotFlags, json: { type: 'boolean' } });
    const { file, ref } = snapshotSelection(values, io.env);
    let apps: AppBrokenReferences[];
    try {
      const catalog = openCatalog(file, { readonly: true });
      try {
        apps = catalog.brokenReferencesOfSnapshot(ref);
      } finally {
        catalog.close();
      }
    } catch (error) {
      // Exit 2, not 1: a pipeline must tell "could not check" from "found broken references".
      io.stderr(`qme check: ${formatError(toErrorShape(error))}\n`);
      return 2;
    }
    io.stdout(values.json ? JSON.stringify(apps, null, 2) + '\n' : formatBrokenReferences(apps));
    return apps.length > 0 ? 1 : 0;
  },
};
