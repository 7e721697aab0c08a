import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconBoxOff, IconLink } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ObjectDetail, ObjectDimensionDetail, ObjectMeasureDetail } from '../../../src-main/catalog/catalog-types';
import { ChartTypeIcon } from '../../components/ChartTypeIcon';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { appCrumbs } from './AppCrumbs';
import { catalogPaths, lineageNodes } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { ExpressionText } from './ExpressionText';
import { useCatalogCall } from './use-catalog-call';

export function ObjectPage() {
  const { appId = '', objectId = '' } = useParams();
  const app = useCatalogCall('catalog/app', { appId });
  const object = useCatalogCall('catalog/object', { appId, objectId });
  const sheets = useCatalogCall('catalog/sheets', { appId });

  return (
    <QueryView query={object} skeletonRows={6}>
      {(detail) => {
        if (!detail) {
          return (
            <EmptyState icon={IconBoxOff} title="This object is not in the snapshot">
              It may have been removed from the sheet after this crawl.
            </EmptyState>
          );
        }
        const sheet = sheets.data?.find((s) => s.id === detail.sheetId);
        return (
          <Stack>
            <EntityHeader
              crumbs={[...appCrumbs(appId, app.data), { label: sheet?.title || 'Sheet', to: catalogPaths.sheet(appId, detail.sheetId) }]}
              title={detail.title || detail.type}
              kind={detail.type}
              icon={<ChartTypeIcon type={detail.type} size={24} />}
              lineageNode={lineageNodes.chart(appId, detail.id)}
              subtitle={detail.subtitle || undefined}
            />
            <ObjectFacts appId={appId} detail={detail} />
            <Title order={3} size="h4">
              Dimensions
            </Title>
            {detail.dimensions.length === 0 ? (
              <Text c="dimmed" size="sm">
                None.
              </Text>
            ) : (
              <DimensionsTable appId={appId} dimensions={detail.dimensions} />
            )}
            <Title order={3} size="h4">
              Measures
            </Title>
            {detail.measures.length === 0 ? (
              <Text c="dimmed" size="sm">
                None.
              </Text>
            ) : (
              <MeasuresTable appId={appId} measures={detail.measures} />
            )}
            {detail.children.length > 0 && (
              <>
                <Title order={3} size="h4">
                  Nested objects
                </Title>
                <Stack gap={4}>
                  {detail.children.map((child) => (
                    <Group key={child.id} gap={6}>
                      <ChartTypeIcon type={child.type} />
                      <Anchor component={Link} to={catalogPaths.object(appId, child.id)} size="sm">
                        {child.title || child.type}
                      </Anchor>
                    </Group>
                  ))}
                </Stack>
              </>
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}

function ObjectFacts({ appId, detail }: { appId: string; detail: ObjectDetail }) {
  const p = detail.position;
  return (
    <Paper withBorder p="sm">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
        <Fact label="Type">{detail.type}</Fact>
        <Fact label="Object id">{detail.id}</Fact>
        <Fact label="Position">
          {p ? `column ${p.col + 1}, row ${p.row + 1} · ${p.colspan}×${p.rowspan} cells` : detail.parentId ? 'inside another object' : '—'}
        </Fact>
        <Fact label="Master visualization">
          {detail.masterVisualization ? (
            <Anchor component={Link} to={catalogPaths.masterItem(appId, detail.masterVisualization.id)} size="sm">
              {detail.masterVisualization.title}
            </Anchor>
          ) : (
            'Not linked'
          )}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function MasterItemLink({ appId, item }: { appId: string; item: { id: string; title: string } }) {
  return (
    <Anchor component={Link} to={catalogPaths.masterItem(appId, item.id)} size="sm" aria-label={`Master item ${item.title}`}>
      <Group gap={4} wrap="nowrap">
        <IconLink size={14} aria-hidden />
        {item.title}
      </Group>
    </Anchor>
  );
}

/** A dimension field definition: a plain field name links to the field; an expression stays text. */
function FieldDef({ appId, def }: { appId: string; def: string }) {
  if (def.startsWith('=')) return <ExpressionText expression={def} />;
  const name = def.replace(/^\[(.*)\]$/, '$1');
  return (
    <Anchor component={Link} to={catalogPaths.field(appId, name)} size="sm" aria-label={`Field ${name}`}>
      {name}
    </Anchor>
  );
}

function DimensionsTable({ appId, dimensions }: { appId: string; dimensions: readonly ObjectDimensionDetail[] }) {
  return (
    <Table aria-label="Dimensions" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Label</Table.Th>
          <Table.Th>Fields</Table.Th>
          <Table.Th>Master item</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {dimensions.map((d, i) => {
          const defs = d.fieldDefs.length > 0 ? d.fieldDefs : (d.masterItem?.fieldDefs ?? []);
          return (
            <Table.Tr key={i}>
              <Table.Td>
                <Text size="sm">{d.label || d.masterItem?.title || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {defs.map((def) => (
                    <FieldDef key={def} appId={appId} def={def} />
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                {d.masterItem ? <MasterItemLink appId={appId} item={d.masterItem} /> : <MissingLibrary libraryId={d.libraryId} />}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function MeasuresTable({ appId, measures }: { appId: string; measures: readonly ObjectMeasureDetail[] }) {
  return (
    <Table aria-label="Measures" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">Label</Table.Th>
          <Table.Th>Expression</Table.Th>
          <Table.Th w="22%">Master item</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {measures.map((m, i) => {
          const expression = m.expression || m.masterItem?.expression || '';
          return (
            <Table.Tr key={i}>
              <Table.Td>
                <Text size="sm">{m.label || m.masterItem?.title || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <ExpressionText expression={expression} label={`Expression of ${m.label || m.masterItem?.title || 'measure'}`} />
                {!m.expression && m.masterItem && (
                  <Text size="xs" c="dimmed" mt={2}>
                    from the master item
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {m.masterItem ? <MasterItemLink appId={appId} item={m.masterItem} /> : <MissingLibrary libraryId={m.libraryId} />}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** A library id whose master item is gone from the app: Qlik then shows "Invalid dimension". */
function MissingLibrary({ libraryId }: { libraryId: string | null }) {
  if (!libraryId)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Badge color="orange" variant="light" size="sm">
      missing master item {libraryId}
    </Badge>
  );
}
