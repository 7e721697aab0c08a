import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { IconBookmark } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { formatDate } from './format';
import { useCatalogCall } from './use-catalog-call';

export function BookmarksTab({ appId }: { appId: string }) {
  const bookmarks = useCatalogCall('catalog/bookmarks', { appId });
  const sheets = useCatalogCall('catalog/sheets', { appId });
  const sheetTitle = (id: string) => sheets.data?.find((s) => s.id === id)?.title || 'Sheet';
  return (
    <QueryView query={bookmarks}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState icon={IconBookmark} title="No bookmarks" />
        ) : (
          <Table aria-label="Bookmarks" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Selections in</Table.Th>
                <Table.Th>Sheet</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {b.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {b.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {b.selectionFields.map((f) => (
                        <Badge
                          key={f}
                          component={Link}
                          to={catalogPaths.field(appId, f)}
                          size="sm"
                          variant="light"
                          style={{ cursor: 'pointer' }}
                        >
                          {f}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {b.sheetId ? (
                      <Anchor component={Link} to={catalogPaths.sheet(appId, b.sheetId)} size="sm">
                        {sheetTitle(b.sheetId)}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(b.createdDate)}</Text>
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
