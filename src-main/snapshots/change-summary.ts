/**
 * Diffs in words: the one place that turns counts into "3 apps changed, 2 sheets added", for the
 * desktop notification after a scheduled crawl, the CLI's text output and the diff page header.
 */
import { diffEntityKinds, type ChangeKind, type DiffEntityKind, type SnapshotDiff } from './snapshot-diff';

const nouns: Record<DiffEntityKind, [singular: string, plural: string]> = {
  app: ['app', 'apps'],
  sheet: ['sheet', 'sheets'],
  object: ['chart', 'charts'],
  'master-measure': ['master measure', 'master measures'],
  'master-dimension': ['master dimension', 'master dimensions'],
  'master-visualization': ['master visualization', 'master visualizations'],
  variable: ['variable', 'variables'],
  bookmark: ['bookmark', 'bookmarks'],
  table: ['table', 'tables'],
  field: ['field', 'fields'],
  script: ['script', 'scripts'],
  space: ['space', 'spaces'],
  collection: ['collection', 'collections'],
  'data-connection': ['data connection', 'data connections'],
  automation: ['automation', 'automations'],
};

export function kindNoun(kind: DiffEntityKind, count: number): string {
  return nouns[kind][count === 1 ? 0 : 1];
}

const changeOrder: readonly ChangeKind[] = ['changed', 'added', 'removed'];

/** "3 apps changed", "2 sheets added"… in kind order, at most `limit` phrases. */
export function changePhrases(diff: SnapshotDiff, limit = Infinity): string[] {
  const phrases: string[] = [];
  for (const kind of diffEntityKinds) {
    for (const change of changeOrder) {
      const n = diff.counts[kind][change];
      if (n > 0) phrases.push(`${n} ${kindNoun(kind, n)} ${change}`);
    }
  }
  const lineage = diff.lineage.added.length + diff.lineage.removed.length;
  if (lineage > 0) phrases.push(`${lineage} lineage ${lineage === 1 ? 'link' : 'links'} changed`);
  if (phrases.length <= limit) return phrases;
  return [...phrases.slice(0, limit), `and ${phrases.length - limit} more`];
}

/** References the diff's changes broke, over all apps. */
export function brokenCount(diff: SnapshotDiff): number {
  return diff.apps.reduce((sum, app) => sum + app.broken.length, 0);
}

/** "5 references broken", or null: said first, it is what a reader must act on. */
export function brokenPhrase(diff: SnapshotDiff): string | null {
  const n = brokenCount(diff);
  return n > 0 ? `${n} ${n === 1 ? 'reference' : 'references'} broken` : null;
}

/** The desktop notification for a finished scheduled crawl. */
export function describeChanges(diff: SnapshotDiff): { title: string; body: string } {
  const name = diff.to.connectionName;
  if (diff.isEmpty) return { title: `${name}: no changes`, body: `Nothing changed since snapshot ${diff.from.snapshotId}.` };
  const broken = brokenPhrase(diff);
  return {
    title: `${name}: changes since the last crawl`,
    body: `${[...(broken ? [broken] : []), ...changePhrases(diff, 4)].join(', ')}.`,
  };
}
