/**
 * Apps as a sortable, virtualized table: only the rows in view are in the DOM, so a space with a
 * thousand apps scrolls as smoothly as one with ten.
 */
import { Anchor, Badge, Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AppRow } from '../../../src-main/catalog/catalog-types';
import { sortApps, type AppSortKey, type SortDirection } from './app-sort';
import { catalogPaths } from './catalog-paths';
import { formatDate, formatDateTime } from './format';

const rowHeight = 52;

export function AppsTable({ apps, label, showSpace = false }: { apps: readonly AppRow[]; label: string; showSpace?: boolean }) {
  const [sort, setSort] = useState<{ key: AppSortKey; direction: SortDirection }>({ key: 'name', direction: 'asc' });
  const sorted = useMemo(() => sortApps(apps, sort.key, sort.direction), [apps, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design.
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const columns = showSpace ? 'minmax(220px, 3fr) 1.2fr 1.2fr 1.3fr 1.5fr 0.6fr' : 'minmax(220px, 3fr) 1.2fr 1.3fr 1.5fr 0.6fr';

  const toggle = (key: AppSortKey): void =>
    setSort((current) => ({
      key,
      direction: current.key === key && current.direction === 'asc' ? 'desc' : key === 'name' ? 'asc' : 'desc',
    }));

  const header = (key: AppSortKey | null, text: string) => {
    if (!key) return <div role="columnheader">{text}</div>;
    const isSorted = sort.key === key;
    const SortIcon = !isSorted ? IconArrowsSort : sort.direction === 'asc' ? IconArrowUp : IconArrowDown;
    return (
      <div role="columnheader" aria-sort={isSorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <UnstyledButton onClick={() => toggle(key)} aria-label={`Sort by ${text}`}>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" fw={700} tt="uppercase" c={isSorted ? undefined : 'dimmed'}>
              {text}
            </Text>
            <SortIcon size={12} aria-hidden />
          </Group>
        </UnstyledButton>
      </div>
    );
  };

  return (
    <Box
      role="table"
      aria-label={label}
      aria-rowcount={sorted.length + 1}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
    >
      <Box
        role="row"
        px="sm"
        py={8}
        style={{
          display: 'grid',
          gridTemplateColumns: columns,
          gap: 12,
          borderBottom: '1px solid var(--mantine-color-default-border)',
          fontSize: 12,
        }}
      >
        {header('name', 'Name')}
        {showSpace && header(null, 'Space')}
        {header(null, 'Owner')}
        {header('modified', 'Modified')}
        {header('reload', 'Last reload')}
        {header(null, 'Sheets')}
      </Box>
      <div ref={scrollRef} style={{ maxHeight: 'min(62vh, 640px)', overflow: 'auto' }} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const app = sorted[item.index] as AppRow;
            return (
              <Box
                key={app.id}
                role="row"
                aria-rowindex={item.index + 2}
                px="sm"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: columns,
                  gap: 12,
                  alignItems: 'center',
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                <div role="cell" style={{ minWidth: 0 }}>
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} to={catalogPaths.app(app.id)} size="sm" fw={500} truncate>
                      {app.name}
                    </Anchor>
                    {app.published && (
                      <Badge size="xs" variant="light">
                        published
                      </Badge>
                    )}
                    {app.source !== 'crawled' && (
                      <Badge size="xs" variant="light" color={app.source === 'kept-after-failure' ? 'orange' : 'gray'}>
                        {app.source}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" truncate>
                    {app.description || ' '}
                  </Text>
                </div>
                {showSpace && (
                  <Text role="cell" size="sm" truncate>
                    {app.spaceName ?? 'Personal'}
                  </Text>
                )}
                <Text role="cell" size="sm" truncate>
                  {app.ownerName ?? '—'}
                </Text>
                <Text role="cell" size="sm" title={formatDateTime(app.modifiedDate)}>
                  {formatDate(app.modifiedDate)}
                </Text>
                <Text role="cell" size="sm">
                  {formatDateTime(app.lastReloadTime)}
                </Text>
                <Text role="cell" size="sm">
                  {app.sheetCount}
                </Text>
              </Box>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
