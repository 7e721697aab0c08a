/**
 * The data connections an app uses. Lineage says which connections its tables read from and store
 * into; snapshots written without lineage fall back to the lib:// names in the script.
 */
import { Anchor, Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlugOff } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { AppConnectionUse, ConnectionAccess } from '../../../src-main/catalog/explorer-queries';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths, lineagePath } from './catalog-paths';
import { connectionsUsedByScript } from './connections-used';
import { useCatalogCall } from './use-catalog-call';

const accessLabels: Record<ConnectionAccess, string> = {
  reads: 'reads',
  stores: 'stores',
  'reads-and-stores': 'reads and stores',
};

export function AppConnectionsTab({ appId }: { appId: string }) {
  const fromLineage = useCatalogCall('catalog/app-data-connections', { appId });
  return (
    <QueryView query={fromLineage}>
      {(result) =>
        result.hasLineage ? (
          result.uses.length === 0 ? (
            <EmptyState icon={IconPlugOff} title="No data connections in this app's lineage">
              Its tables read from no data connection the crawl could trace (inline data, RESIDENT loads or generated rows only).
            </EmptyState>
          ) : (
            <ConnectionsTable appId={appId} uses={result.uses} source="lineage" />
          )
        ) : (
          <ConnectionsFromScript appId={appId} />
        )
      }
    </QueryView>
  );
}

/** Snapshots without lineage: the connections the script names, matched by name. */
function ConnectionsFromScript({ appId }: { appId: string }) {
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
            const asUses = uses.map((u): AppConnectionUse => ({
              nodeId: '',
              label: u.connection.name,
              connection: u.connection,
              access: 'reads',
              lines: u.lines,
            }));
            return <ConnectionsTable appId={appId} uses={asUses} source="script" />;
          }}
        </QueryView>
      )}
    </QueryView>
  );
}

function ConnectionsTable({ appId, uses, source }: { appId: string; uses: readonly AppConnectionUse[]; source: 'lineage' | 'script' }) {
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {source === 'lineage'
          ? 'From lineage: the connections this app’s tables read from or store into.'
          : 'This snapshot holds no lineage for the app: connections matched by the names its script uses.'}
      </Text>
      <Table aria-label="Data connections used" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Connection</Table.Th>
            {source === 'lineage' && <Table.Th>Use</Table.Th>}
            <Table.Th>Connect statement</Table.Th>
            <Table.Th>Script lines</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {uses.map((use) => (
            <Table.Tr key={use.nodeId || use.connection?.id || use.label}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={catalogPaths.dataConnections()} size="sm">
                    {use.connection?.name ?? use.label}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {use.connection ? use.connection.type : 'not in this snapshot'}
                  </Text>
                  {use.nodeId && (
                    <Anchor component={Link} to={lineagePath(use.nodeId)} size="xs">
                      Lineage
                    </Anchor>
                  )}
                </Stack>
              </Table.Td>
              {source === 'lineage' && (
                <Table.Td>
                  <Badge variant="light" color={use.access === 'reads' ? 'teal' : 'grape'} size="sm" style={{ textTransform: 'none' }}>
                    {accessLabels[use.access]}
                  </Badge>
                </Table.Td>
              )}
              <Table.Td>
                {use.connection ? <Code style={{ wordBreak: 'break-all' }}>{use.connection.connectStatement}</Code> : '—'}
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {use.lines.length === 0 && (
                    <Text size="xs" c="dimmed">
                      engine lineage only
                    </Text>
                  )}
                  {use.lines.map((line) => (
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
    </Stack>
  );
}
