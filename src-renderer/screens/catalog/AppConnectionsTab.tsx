import { Anchor, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlugOff } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { connectionsUsedByScript } from './connections-used';
import { useCatalogCall } from './use-catalog-call';

export function AppConnectionsTab({ appId }: { appId: string }) {
  const script = useCatalogCall('catalog/script', { appId });
  const connections = useCatalogCall('catalog/data-connections', {});
  const spaces = useCatalogCall('catalog/spaces', {});
  return (
    <QueryView query={script}>
      {(s) => (
        <QueryView query={connections}>
          {(list) => {
            const uses = connectionsUsedByScript(s.text ?? '', list, spaces.data ?? []);
            if (uses.length === 0) {
              return (
                <EmptyState icon={IconPlugOff} title="No data connections named in the script">
                  {s.text === null
                    ? 'The load script could not be read.'
                    : 'The script reads no lib:// path or LIB CONNECT the catalog knows.'}
                </EmptyState>
              );
            }
            return (
              <Table aria-label="Data connections used" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Connection</Table.Th>
                    <Table.Th>Connect statement</Table.Th>
                    <Table.Th>Script lines</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {uses.map(({ connection, lines }) => (
                    <Table.Tr key={connection.id}>
                      <Table.Td>
                        <Stack gap={0}>
                          <Anchor component={Link} to={catalogPaths.dataConnections()} size="sm">
                            {connection.name}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {connection.type}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Code style={{ wordBreak: 'break-all' }}>{connection.connectStatement}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          {lines.map((line) => (
                            <Anchor
                              key={line}
                              component={Link}
                              to={catalogPaths.script(appId, { start: line })}
                              size="sm"
                              aria-label={`Script line ${line}`}
                            >
                              {line}
                            </Anchor>
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            );
          }}
        </QueryView>
      )}
    </QueryView>
  );
}
