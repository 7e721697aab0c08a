import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconColumns, IconKey } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { appCrumbs } from './AppCrumbs';
import { catalogPaths, lineageNodes } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { formatCount } from './format';
import { useCatalogCall } from './use-catalog-call';
import { WhereUsedList } from './WhereUsedList';

export function FieldPage() {
  const { appId = '', fieldName = '' } = useParams();
  const app = useCatalogCall('catalog/app', { appId });
  const model = useCatalogCall('catalog/data-model', { appId });
  return (
    <QueryView query={model} skeletonRows={5}>
      {(data) => {
        const field = data.fields.find((f) => f.name === fieldName);
        const crumbs = [...appCrumbs(appId, app.data), { label: 'Data model', to: catalogPaths.app(appId, 'data-model') }];
        return (
          <Stack>
            <EntityHeader
              crumbs={crumbs}
              title={fieldName}
              kind={field?.isKey ? 'key field' : 'field'}
              icon={field?.isKey ? <IconKey size={24} aria-hidden /> : <IconColumns size={24} aria-hidden />}
              lineageNode={lineageNodes.field(appId, fieldName)}
              subtitle={field?.comment || undefined}
            />
            {field ? (
              <Paper withBorder p="sm">
                <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
                  <div>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                      In tables
                    </Text>
                    <Group gap={6}>
                      {field.tables.map((t) => (
                        <Anchor key={t} component={Link} to={catalogPaths.table(appId, t)} size="sm">
                          {t}
                        </Anchor>
                      ))}
                    </Group>
                  </div>
                  <div>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                      Distinct values
                    </Text>
                    <Text size="sm">{formatCount(field.cardinal)}</Text>
                  </div>
                  <div>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                      Key
                    </Text>
                    <Text size="sm">{field.isKey ? field.keyType.replace('_', ' ').toLowerCase() : 'no'}</Text>
                  </div>
                  <div>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                      Tags
                    </Text>
                    <Group gap={4}>
                      {field.tags.length === 0 ? (
                        <Text size="sm">—</Text>
                      ) : (
                        field.tags.map((t) => (
                          <Badge key={t} size="xs" variant="outline">
                            {t}
                          </Badge>
                        ))
                      )}
                    </Group>
                  </div>
                </SimpleGrid>
              </Paper>
            ) : (
              <EmptyState icon={IconColumns} title="Not in this app’s data model">
                The chart refers to a field the last reload did not load, or the name is an expression.
              </EmptyState>
            )}
            <Title order={3} size="h4">
              Where used
            </Title>
            <WhereUsedList appId={appId} target={{ kind: 'field', name: fieldName }} what={`the field ${fieldName}`} />
          </Stack>
        );
      }}
    </QueryView>
  );
}
