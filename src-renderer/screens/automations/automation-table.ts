/** Sorting and filtering of the automations admin table: pure, so it is tested without a browser. */
import type { AutomationRow } from '../../../src-main/catalog/catalog-types';

export type AutomationSortKey = 'name' | 'state' | 'lastRunAt' | 'runMode' | 'ownerId' | 'lastRunStatus';

export interface AutomationFilter {
  readonly text: string;
  readonly runMode: string | null;
  readonly lastRunStatus: string | null;
  readonly ownerId: string | null;
}

export const noFilter: AutomationFilter = { text: '', runMode: null, lastRunStatus: null, ownerId: null };

export function filterAutomations(rows: readonly AutomationRow[], filter: AutomationFilter): AutomationRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!text || row.name.toLowerCase().includes(text) || row.description.toLowerCase().includes(text)) &&
      (!filter.runMode || row.runMode === filter.runMode) &&
      (!filter.lastRunStatus || row.lastRunStatus === filter.lastRunStatus) &&
      (!filter.ownerId || row.ownerId === filter.ownerId),
  );
}

export function sortAutomations(rows: readonly AutomationRow[], key: AutomationSortKey, descending: boolean): AutomationRow[] {
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key] ?? '';
    const y = b[key] ?? '';
    // Missing values (never run) sort last whichever the direction.
    if (x === '' && y !== '') return 1;
    if (y === '' && x !== '') return -1;
    return direction * String(x).localeCompare(String(y), undefined, { sensitivity: 'base' }) || a.name.localeCompare(b.name);
  });
}

/** The distinct values of a column, for the filter menus. */
export function distinct(rows: readonly AutomationRow[], key: 'runMode' | 'lastRunStatus' | 'ownerId'): string[] {
  return [...new Set(rows.map((r) => r[key]).filter((v): v is string => Boolean(v)))].sort();
}
