/** A snapshot diff as plain text for `qme diff --format text`: summary, then app by app. */
import { brokenPhrase, changePhrases, kindNoun } from './change-summary';
import { describeBrokenReference } from '../catalog/broken-references';
import type { EntityChange, FieldChange, SnapshotDiff } from './snapshot-diff';

const marks = { added: '+', removed: '-', changed: '~' } as const;

function value(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function fieldLines(fields: readonly FieldChange[], indent: string): string[] {
  return fields.map((f) => `${indent}${f.field}: ${value(f.before)} -> ${value(f.after)}`);
}

function itemLines(item: EntityChange, indent: string): string[] {
  return [
    `${indent}${marks[item.change]} ${kindNoun(item.kind, 1)} "${item.title}" (${item.id})`,
    ...fieldLines(item.fields, `${indent}    `),
  ];
}

export function formatDiffText(diff: SnapshotDiff): string {
  const lines = [
    `Snapshot ${diff.from.snapshotId} (${diff.from.startedAt}) -> snapshot ${diff.to.snapshotId} (${diff.to.startedAt}), ${diff.to.connectionName}`,
    diff.isEmpty ? 'No changes.' : `${changePhrases(diff).join(', ')}.`,
  ];
  const broken = brokenPhrase(diff);
  if (broken) lines.push(`${broken}: see the lines marked ! below.`);
  for (const app of diff.apps) {
    lines.push('', `${marks[app.change]} app "${app.title}" (${app.appId})`, ...fieldLines(app.fields, '    '));
    for (const item of app.items) lines.push(...itemLines(item, '  '));
    for (const b of app.broken) lines.push(`  ! ${describeBrokenReference(b)}`);
    if (app.script) {
      lines.push(`  ~ script: ${app.script.addedLines} lines added, ${app.script.removedLines} removed`);
      for (const row of app.script.rows) {
        if (row.kind === 'skipped') lines.push(`      ... ${row.count} unchanged lines`);
        else if (row.kind === 'same') lines.push(`      ${row.leftLine}  ${row.left}`);
        else {
          if (row.left !== null) lines.push(`    - ${row.leftLine}  ${row.left}`);
          if (row.right !== null) lines.push(`    + ${row.rightLine}  ${row.right}`);
        }
      }
    }
  }
  if (diff.tenant.length) lines.push('', 'Tenant:');
  for (const item of diff.tenant) lines.push(...itemLines(item, '  '));
  if (diff.lineage.added.length || diff.lineage.removed.length) {
    lines.push('', `Lineage: ${diff.lineage.added.length} edges added, ${diff.lineage.removed.length} removed`);
    for (const e of diff.lineage.removed) lines.push(`  - ${e.fromLabel} -[${e.kind}]-> ${e.toLabel}`);
    for (const e of diff.lineage.added) lines.push(`  + ${e.fromLabel} -[${e.kind}]-> ${e.toLabel}`);
  }
  return lines.join('\n') + '\n';
}
