import { Alert, Anchor, Badge, Button, Card, Code, CopyButton, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconDatabaseOff, IconKey, IconTable } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { DataModelTable } from '../../../src-main/catalog/catalog-types';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { dropFieldsStatement } from './drop-fields';
import { formatCount } from './format';
import { useCatalogCall } from './use-catalog-call';

export function DataModelTab({ appId }: { appId: string }) {
  const model = useCatalogCall('catalog/data-model', { appId });
  const location = useLocation();

  // Links such as …/data-model#table-Orders land on that table.
  useEffect(() => {
    if (!model.data || !location.hash) return;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [model.data, location.hash]);

  return (
    <QueryView query={model} skeletonRows={6}>
      {(data) =>
        data.tables.length === 0 ? (
          <EmptyState icon={IconDatabaseOff} title="No data model">
            The app holds no data: it was never reloaded, or the crawl could not open it with data.
          </EmptyState>
        ) : (
          <Stack>
            <Group gap="xs">
              <Text size="sm">
                {data.tables.length} tables · {data.fields.length} fields · {data.keyFields.length} key fields
              </Text>
            </Group>
            {data.keyFields.length > 0 && (
              <Group gap={6} aria-label="Key fields">
                <IconKey size={16} aria-hidden />
                <Text size="sm" fw={600}>
                  Keys:
                </Text>
                {data.keyFields.map((f) => (
                  <Badge
                    key={f.name}
                    component={Link}
                    to={catalogPaths.field(appId, f.name)}
                    color="yellow"
                    variant="light"
                    style={{ cursor: 'pointer', textTransform: 'none' }}
                  >
                    {f.name} ({f.tables.length})
                  </Badge>
                ))}
              </Group>
            )}
            <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
              {data.tables.map((table) => (
                <TableCard key={table.name} appId={appId} table={table} />
              ))}
            </SimpleGrid>
            <UnusedFields appId={appId} />
          </Stack>
        )
      }
    </QueryView>
  );
}

function TableCard({ appId, table }: { appId: string; table: DataModelTable }) {
  return (
    <Card withBorder padding="sm" id={`table-${table.name}`} aria-label={`Table ${table.name}`}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <IconTable size={16} aria-hidden />
          <Text fw={600} truncate>
            {table.name}
          </Text>
          {table.isSynthetic && (
            <Badge size="xs" color="orange" variant="light">
              synthetic
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {formatCount(table.rowCount)} rows
        </Text>
      </Group>
      {table.comment && (
        <Text size="xs" c="dimmed">
          {table.comment}
        </Text>
      )}
      <Table verticalSpacing={2} mt={6} aria-label={`Fields of ${table.name}`}>
        <Table.Tbody>
          {table.fields.map((f) => (
            <Table.Tr key={f.name} bg={f.isKey ? 'var(--mantine-color-yellow-light)' : undefined}>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {f.isKey && <IconKey size={13} aria-label="key field" color="var(--mantine-color-yellow-7)" />}
                  <Anchor component={Link} to={catalogPaths.field(appId, f.name)} size="sm" fw={f.isKey ? 600 : 400}>
                    {f.name}
                  </Anchor>
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="xs" c="dimmed">
                  {formatCount(f.cardinal)} distinct
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Fields no chart, master item, variable or bookmark of the app refers to: candidates to drop from the load. */
function UnusedFields({ appId }: { appId: string }) {
  const result = useCatalogCall('catalog/unused-fields', { appId });
  return (
    <Stack gap={6} aria-label="Unused fields">
      <Title order={3} size="h5">
        Unused fields
      </Title>
      {result.error ? (
        <Alert color="orange" variant="light">
          Could not check the fields: {result.error.message}
        </Alert>
      ) : !result.data ? (
        <Text size="sm" c="dimmed">
          Checking the fields…
        </Text>
      ) : result.data.unused.length === 0 ? (
        <Text size="sm" c="dimmed">
          Every non-key field is used by a chart, master item, variable or bookmark.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {result.data.unused.length} of {result.data.checkedCount} non-key fields are used by no chart, master item, variable or bookmark
            of this app (other apps may read them from its QVDs).
          </Text>
          <Group gap={6}>
            {result.data.unused.map((name) => (
              <Badge
                key={name}
                component={Link}
                to={catalogPaths.field(appId, name)}
                variant="outline"
                color="gray"
                style={{ cursor: 'pointer', textTransform: 'none' }}
              >
                {name}
              </Badge>
            ))}
          </Group>
          <DropFieldsStatement fields={result.data.unused} />
        </>
      )}
    </Stack>
  );
}

/** The statement to paste at the end of the load script, after its last STORE so QVDs keep the fields. */
function DropFieldsStatement({ fields }: { fields: readonly string[] }) {
  const { statement, skipped } = dropFieldsStatement(fields);
  if (!statement) return null;
  return (
    <Stack gap={4}>
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" style={{ flex: 1 }}>
          To drop them, add this at the end of the load script, after its last STORE, so the QVDs other apps read keep these fields:
        </Text>
        <CopyButton value={statement}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="default"
              onClick={copy}
              leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              style={{ flexShrink: 0 }}
            >
              {copied ? 'Copied' : 'Copy statement'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block aria-label="DROP FIELDS statement">
        {statement}
      </Code>
      {skipped.length > 0 && (
        <Text size="xs" c="dimmed">
          Left out: {skipped.join(', ')} (the name holds every quote character Qlik accepts).
        </Text>
      )}
    </Stack>
  );
}
