import { Anchor, Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconChartDots3 } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { MasterItemRow } from '../../../src-main/catalog/catalog-types';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { useCatalogCall } from './use-catalog-call';

const groups: readonly { kind: MasterItemRow['kind']; title: string }[] = [
  { kind: 'measure', title: 'Measures' },
  { kind: 'dimension', title: 'Dimensions' },
  { kind: 'visualization', title: 'Visualizations' },
];

function definitionOf(item: MasterItemRow): string {
  switch (item.kind) {
    case 'measure':
      return item.expression;
    case 'dimension':
      return item.fieldDefs.join(' → ');
    case 'visualization':
      return item.type;
  }
}

export function MasterItemsTab({ appId }: { appId: string }) {
  const items = useCatalogCall('catalog/master-items', { appId });
  return (
    <QueryView query={items}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState icon={IconChartDots3} title="No master items">
            Charts in this app define their expressions inline.
          </EmptyState>
        ) : (
          <Stack>
            {groups.map((group) => {
              const inGroup = rows.filter((r) => r.kind === group.kind);
              if (inGroup.length === 0) return null;
              return (
                <Stack key={group.kind} gap={4}>
                  <Title order={3} size="h5">
                    {group.title} ({inGroup.length})
                  </Title>
                  <Table aria-label={`Master ${group.title.toLowerCase()}`} verticalSpacing={4}>
                    <Table.Tbody>
                      {inGroup.map((item) => (
                        <Table.Tr key={item.id}>
                          <Table.Td w="30%">
                            <Anchor component={Link} to={catalogPaths.masterItem(appId, item.id)} size="sm">
                              {item.title}
                            </Anchor>
                            <Group gap={4}>
                              {item.tags.map((t) => (
                                <Badge key={t} size="xs" variant="outline">
                                  {t}
                                </Badge>
                              ))}
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{definitionOf(item)}</Code>
                          </Table.Td>
                          <Table.Td w="30%">
                            <Text size="xs" c="dimmed" lineClamp={2}>
                              {item.description}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Stack>
              );
            })}
          </Stack>
        )
      }
    </QueryView>
  );
}
