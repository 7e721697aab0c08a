import { Anchor, Badge, Group, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSearch, IconSelector } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AutomationRow } from '../../../src-main/catalog/catalog-types';
import { catalogPaths } from '../catalog/catalog-paths';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { ScopeGate } from '../catalog/ScopeGate';
import { useCatalogCall } from '../catalog/use-catalog-call';
import { distinct, filterAutomations, noFilter, sortAutomations, type AutomationFilter, type AutomationSortKey } from './automation-table';

export const runStatusColors: Record<string, string> = {
  finished: 'green',
  failed: 'red',
  running: 'blue',
  queued: 'gray',
  stopped: 'orange',
};

export function AutomationsScreen() {
  return (
    <ScopeGate>
      <AutomationsList />
    </ScopeGate>
  );
}

const columns: ReadonlyArray<{ key: AutomationSortKey; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'state', label: 'State' },
  { key: 'runMode', label: 'Run mode' },
  { key: 'lastRunAt', label: 'Last run' },
  { key: 'lastRunStatus', label: 'Last status' },
  { key: 'ownerId', label: 'Owner' },
];

function AutomationsList() {
  const automations = useCatalogCall('catalog/automations', {});
  const [filter, setFilter] = useState<AutomationFilter>(noFilter);
  const [sort, setSort] = useState<{ key: AutomationSortKey; descending: boolean }>({ key: 'name', descending: false });
  const rows = useMemo(
    () => sortAutomations(filterAutomations(automations.data ?? [], filter), sort.key, sort.descending),
    [automations.data, filter, sort],
  );
  const all = automations.data ?? [];

  return (
    <Stack maw={1200}>
      <Title order={2}>Automations</Title>
      <Group align="flex-end">
        <TextInput
          label="Filter"
          placeholder="Name or description"
          leftSection={<IconSearch size={14} />}
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
        />
        <Select
          label="Run mode"
          clearable
          data={distinct(all, 'runMode')}
          value={filter.runMode}
          onChange={(v) => setFilter({ ...filter, runMode: v })}
        />
        <Select
          label="Last status"
          clearable
          data={distinct(all, 'lastRunStatus')}
          value={filter.lastRunStatus}
          onChange={(v) => setFilter({ ...filter, lastRunStatus: v })}
        />
        <Select
          label="Owner"
          clearable
          data={distinct(all, 'ownerId')}
          value={filter.ownerId}
          onChange={(v) => setFilter({ ...filter, ownerId: v })}
        />
      </Group>
      {automations.error && <ErrorAlert error={automations.error} />}
      <Table striped highlightOnHover aria-label="Automations">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => {
              const active = sort.key === column.key;
              const Icon = active ? (sort.descending ? IconChevronDown : IconChevronUp) : IconSelector;
              return (
                <Table.Th key={column.key} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <UnstyledButton
                    onClick={() => setSort({ key: column.key, descending: active ? !sort.descending : false })}
                    aria-label={`Sort by ${column.label}`}
                  >
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {column.label}
                      </Text>
                      <Icon size={14} />
                    </Group>
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <AutomationRowView key={row.id} row={row} />
          ))}
        </Table.Tbody>
      </Table>
      {automations.isSuccess && rows.length === 0 && (
        <Text c="dimmed">{all.length ? 'No automation matches the filter.' : 'This tenant has no automations.'}</Text>
      )}
    </Stack>
  );
}

function AutomationRowView({ row }: { row: AutomationRow }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={catalogPaths.automation(row.id)}>
          {row.name}
        </Anchor>
        {row.description && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {row.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{row.state}</Table.Td>
      <Table.Td>{row.runMode}</Table.Td>
      <Table.Td>{formatDateTime(row.lastRunAt)}</Table.Td>
      <Table.Td>
        {row.lastRunStatus ? (
          <Badge variant="light" color={runStatusColors[row.lastRunStatus] ?? 'gray'}>
            {row.lastRunStatus}
          </Badge>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {row.ownerId ?? '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
