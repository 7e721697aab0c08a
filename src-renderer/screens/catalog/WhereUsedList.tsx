/** The charts, master items, variables and bookmarks of an app that use a field, master item or variable. */
import { Anchor, Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconZoomQuestion } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { WhereUsedHit, WhereUsedTarget } from '../../../src-main/catalog/catalog-types';
import { ChartTypeIcon } from '../../components/ChartTypeIcon';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { useCatalogCall } from './use-catalog-call';

export const userLabels: Record<WhereUsedHit['user'], string> = {
  object: 'Chart',
  'master-measure': 'Master measure',
  'master-dimension': 'Master dimension',
  'master-visualization': 'Master visualization',
  variable: 'Variable',
  bookmark: 'Bookmark',
};

/** The catalog page of a chart, master item, variable or bookmark (the app's Bookmarks tab). */
export function userPath(appId: string, hit: Pick<WhereUsedHit, 'user' | 'id'>): string {
  switch (hit.user) {
    case 'object':
      return catalogPaths.object(appId, hit.id);
    case 'master-measure':
    case 'master-dimension':
    case 'master-visualization':
      return catalogPaths.masterItem(appId, hit.id);
    case 'variable':
      return catalogPaths.variable(appId, hit.id);
    case 'bookmark':
      return catalogPaths.app(appId, 'bookmarks');
  }
}

/** `library:<id>` means the chart links the master item itself rather than repeating its expression. */
function ViaText({ via }: { via: string }) {
  if (via.startsWith('library:')) return <Text size="sm">links the master item</Text>;
  if (via.startsWith('selection:')) return <Text size="sm">selects values in this field</Text>;
  return <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{via}</Code>;
}

export function WhereUsedList({ appId, target, what }: { appId: string; target: WhereUsedTarget; what: string }) {
  const hits = useCatalogCall('catalog/where-used', { appId, target });
  return (
    <QueryView query={hits}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState icon={IconZoomQuestion} title="Not used in this app">
            No chart, master item or variable of this app refers to {what}. It may still be used by other apps reading this app’s QVDs.
          </EmptyState>
        ) : (
          <Table aria-label={`Where ${what} is used`} verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Used by</Table.Th>
                <Table.Th>Sheet</Table.Th>
                <Table.Th>Through</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((hit) => (
                <Table.Tr key={`${hit.user}:${hit.id}`}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap={6} wrap="nowrap">
                        {hit.type && <ChartTypeIcon type={hit.type} />}
                        <Anchor component={Link} to={userPath(appId, hit)} size="sm">
                          {hit.title || hit.type || hit.id}
                        </Anchor>
                      </Group>
                      <Badge size="xs" variant="light" color="gray" w="fit-content">
                        {userLabels[hit.user]}
                        {hit.type ? ` · ${hit.type}` : ''}
                      </Badge>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {hit.sheetId ? (
                      <Anchor component={Link} to={catalogPaths.sheet(appId, hit.sheetId)} size="sm">
                        {hit.sheetTitle ?? hit.sheetId}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ViaText via={hit.via} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryView>
  );
}
