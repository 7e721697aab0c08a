import { Code, Stack, Table, Text } from '@mantine/core';
import { IconPlug } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { formatDate } from './format';
import { useCatalogCall } from './use-catalog-call';

export function DataConnectionsPage() {
  const connections = useCatalogCall('catalog/data-connections', {});
  const spaces = useCatalogCall('catalog/spaces', {});
  const spaceName = (id: string | null) => (id === null ? 'Personal' : (spaces.data?.find((s) => s.id === id)?.name ?? id));
  return (
    <Stack>
      <EntityHeader
        crumbs={[{ label: 'Catalog', to: catalogPaths.home() }]}
        title="Data connections"
        kind="tenant"
        icon={<IconPlug size={24} aria-hidden />}
      />
      <QueryView query={connections}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState icon={IconPlug} title="No data connections">
              The crawl found no data connections the crawling user may see.
            </EmptyState>
          ) : (
            <Table striped highlightOnHover aria-label="Data connections">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Space</Table.Th>
                  <Table.Th>Connect statement (secrets masked)</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id} id={`data-connection-${c.id}`}>
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {c.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.type}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{spaceName(c.spaceId)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Code style={{ wordBreak: 'break-all' }}>{c.connectStatement}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(c.updatedAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryView>
    </Stack>
  );
}
