import { Anchor, Badge, Code, Group, Switch, Stack, Table } from '@mantine/core';
import { IconVariable } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { useCatalogCall } from './use-catalog-call';

export function VariablesTab({ appId }: { appId: string }) {
  const variables = useCatalogCall('catalog/variables', { appId });
  // Reserved variables (ThousandSep, DateFormat…) are in every app and rarely what one looks for.
  const [showReserved, setShowReserved] = useState(false);
  return (
    <QueryView query={variables}>
      {(rows) => {
        const shown = showReserved ? rows : rows.filter((v) => !v.isReserved);
        return (
          <Stack gap="xs">
            <Switch
              label={`Show reserved system variables (${rows.length - rows.filter((v) => !v.isReserved).length})`}
              checked={showReserved}
              onChange={(e) => setShowReserved(e.currentTarget.checked)}
            />
            {shown.length === 0 ? (
              <EmptyState icon={IconVariable} title="No variables">
                Only Qlik’s reserved variables are defined in this app.
              </EmptyState>
            ) : (
              <Table aria-label="Variables" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Definition</Table.Th>
                    <Table.Th>Origin</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>
                        <Anchor component={Link} to={catalogPaths.variable(appId, v.id)} size="sm">
                          {v.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v.definition}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="xs" variant="light" color={v.isScriptCreated ? 'teal' : 'blue'}>
                            {v.isScriptCreated ? 'script' : 'app'}
                          </Badge>
                          {v.isReserved && (
                            <Badge size="xs" variant="light" color="gray">
                              reserved
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}
