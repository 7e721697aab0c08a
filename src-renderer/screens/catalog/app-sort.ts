/** Sorting of app lists (space pages, collections, the tenant overview). */
import type { AppRow } from '../../../src-main/catalog/catalog-types';

export type AppSortKey = 'name' | 'modified' | 'reload';
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Apps in the asked order; apps without a date sort last in either direction. */
export function sortApps(apps: readonly AppRow[], key: AppSortKey, direction: SortDirection): AppRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const dateOf = (app: AppRow): string | null => (key === 'modified' ? app.modifiedDate : app.lastReloadTime);
  return [...apps].sort((a, b) => {
    if (key === 'name') return sign * collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
    const da = dateOf(a);
    const db = dateOf(b);
    if (da === db) return collator.compare(a.name, b.name);
    if (da === null) return 1;
    if (db === null) return -1;
    return sign * (Date.parse(da) - Date.parse(db));
  });
}
