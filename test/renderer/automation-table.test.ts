import { describe, expect, it } from 'vitest';
import type { AutomationRow } from '../../src-main/catalog/catalog-types';
import { distinct, filterAutomations, noFilter, sortAutomations } from '../../src-renderer/screens/automations/automation-table';

function row(partial: Partial<AutomationRow> & { name: string }): AutomationRow {
  return {
    id: partial.name,
    description: '',
    state: 'available',
    runMode: 'manual',
    schedule: null,
    ownerId: 'u1',
    spaceId: null,
    lastRunAt: null,
    lastRunStatus: null,
    createdAt: null,
    updatedAt: null,
    definition: null,
    strippedSecrets: [],
    runs: [],
    ...partial,
  };
}

const rows = [
  row({ name: 'Nightly reload chain', runMode: 'scheduled', lastRunAt: '2026-11-28T02:00:00Z', lastRunStatus: 'finished', ownerId: 'u2' }),
  row({ name: 'Refresh on new file', runMode: 'webhook', lastRunAt: '2026-11-29T09:00:00Z', lastRunStatus: 'failed' }),
  row({ name: 'export inventory', description: 'Run by hand before audits' }),
];

describe('automations table', () => {
  it('sorts by name case-insensitively and by last run with never-run last in both directions', () => {
    expect(sortAutomations(rows, 'name', false).map((r) => r.name)).toEqual([
      'export inventory',
      'Nightly reload chain',
      'Refresh on new file',
    ]);
    expect(sortAutomations(rows, 'lastRunAt', true).map((r) => r.name)).toEqual([
      'Refresh on new file',
      'Nightly reload chain',
      'export inventory',
    ]);
    expect(sortAutomations(rows, 'lastRunAt', false).map((r) => r.name)).toEqual([
      'Nightly reload chain',
      'Refresh on new file',
      'export inventory',
    ]);
  });

  it('filters by text in name or description, run mode, status and owner together', () => {
    expect(filterAutomations(rows, { ...noFilter, text: 'AUDIT' }).map((r) => r.name)).toEqual(['export inventory']);
    expect(filterAutomations(rows, { ...noFilter, runMode: 'webhook' }).map((r) => r.name)).toEqual(['Refresh on new file']);
    expect(filterAutomations(rows, { ...noFilter, lastRunStatus: 'failed', ownerId: 'u2' })).toEqual([]);
    expect(distinct(rows, 'runMode')).toEqual(['manual', 'scheduled', 'webhook']);
  });
});
