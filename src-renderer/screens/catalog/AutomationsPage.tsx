import { Badge, Stack, Table, Text } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { formatDateTime } from './format';
import { useCatalogCall } from './use-catalog-call';

function statusColor(status: string | null): string {
  if (!status) return 'gray';
  return /fail|error/i.test(status) ? 'red' : /finish|success|complete/i.test(status) ? 'teal' : 'gray';
}

export function AutomationsPage() {
  const automations = useCatalogCall('catalog/automations', {});
  return (
    <Stack>
      <EntityHeader
        crumbs={[{ label: 'Catalog', to: catalogPaths.home() }]}
        title="Automations"
        kind="tenant"
        icon={<IconBolt size={24} aria-hidden />}
      />
      <QueryView query={automations}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState icon={IconBolt} title="No automations">
              The crawl found no automations the crawling user may see.
            </EmptyState>
          ) : (
            <Table striped highlightOnHover aria-label="Automations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Runs</Table.Th>
                  <Table.Th>Last run</Table.Th>
                  <Table.Th>Secrets stripped</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {a.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.description}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.state}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {a.runMode}
                        {a.schedule ? ` · ${a.schedule}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {a.lastRunStatus ? (
                        <Badge size="sm" variant="light" color={statusColor(a.lastRunStatus)}>
                          {a.lastRunStatus}
                        </Badge>
                      ) : (
                        '—'
                      )}
                      <Text size="xs" c="dimmed">
                        {formatDateTime(a.lastRunAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.strippedSecrets.length}</Text>
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
