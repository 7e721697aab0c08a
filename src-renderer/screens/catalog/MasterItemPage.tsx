import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconBookmarkOff, IconChartDots3 } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import type { MasterItemRow } from '../../../src-main/catalog/catalog-types';
import type { ObjectDimension, ObjectMeasure } from '../../../src-main/crawl/records';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { appCrumbs } from './AppCrumbs';
import { catalogPaths, lineageNodes } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { ExpressionText } from './ExpressionText';
import { useCatalogCall } from './use-catalog-call';
import { WhereUsedList } from './WhereUsedList';

const kindLabels: Record<MasterItemRow['kind'], string> = {
  measure: 'master measure',
  dimension: 'master dimension',
  visualization: 'master visualization',
};

function lineageNodeOf(appId: string, item: MasterItemRow): string {
  switch (item.kind) {
    case 'measure':
      return lineageNodes.masterMeasure(appId, item.id);
    case 'dimension':
      return lineageNodes.masterDimension(appId, item.id);
    case 'visualization':
      return lineageNodes.masterVisualization(appId, item.id);
  }
}

export function MasterItemPage() {
  const { appId = '', itemId = '' } = useParams();
  const app = useCatalogCall('catalog/app', { appId });
  const items = useCatalogCall('catalog/master-items', { appId });
  return (
    <QueryView query={items} skeletonRows={5}>
      {(rows) => {
        const item = rows.find((r) => r.id === itemId);
        if (!item) return <EmptyState icon={IconBookmarkOff} title="This master item is not in the snapshot" />;
        return (
          <Stack>
            <EntityHeader
              crumbs={[...appCrumbs(appId, app.data), { label: 'Master items', to: `${catalogPaths.app(appId, 'master-items')}` }]}
              title={item.title}
              kind={kindLabels[item.kind]}
              icon={<IconChartDots3 size={24} aria-hidden />}
              lineageNode={lineageNodeOf(appId, item)}
              subtitle={item.description || undefined}
            />
            {item.tags.length > 0 && (
              <Group gap={6}>
                {item.tags.map((tag) => (
                  <Badge key={tag} variant="outline" size="sm">
                    {tag}
                  </Badge>
                ))}
              </Group>
            )}
            <MasterItemDefinition appId={appId} item={item} titleOf={(id) => rows.find((r) => r.id === id)?.title ?? id} />
            <Title order={3} size="h4">
              Where used
            </Title>
            <WhereUsedList appId={appId} target={{ kind: 'master-item', id: item.id }} what={`the master item ${item.title}`} />
          </Stack>
        );
      }}
    </QueryView>
  );
}

function MasterItemDefinition({ appId, item, titleOf }: { appId: string; item: MasterItemRow; titleOf: (id: string) => string }) {
  switch (item.kind) {
    case 'measure':
      return (
        <Stack gap={4}>
          <Title order={3} size="h5">
            Expression
          </Title>
          <ExpressionText expression={item.expression} label={`Expression of ${item.title}`} />
          {item.label && item.label !== item.title && (
            <Text size="sm" c="dimmed">
              Label: {item.label}
            </Text>
          )}
        </Stack>
      );
    case 'dimension':
      return (
        <Stack gap={4}>
          <Title order={3} size="h5">
            {item.grouping === 'H' ? 'Drill-down fields' : item.grouping === 'C' ? 'Cyclic fields' : 'Field'}
          </Title>
          <Group gap="xs">
            {item.fieldDefs.map((def) =>
              def.startsWith('=') ? (
                <ExpressionText key={def} expression={def} />
              ) : (
                <Anchor
                  key={def}
                  component={Link}
                  to={catalogPaths.field(appId, def.replace(/^\[(.*)\]$/, '$1'))}
                  aria-label={`Field ${def}`}
                >
                  {def}
                </Anchor>
              ),
            )}
          </Group>
        </Stack>
      );
    case 'visualization':
      return <VisualizationParts appId={appId} type={item.type} dimensions={item.dimensions} measures={item.measures} titleOf={titleOf} />;
  }
}

function VisualizationParts({
  appId,
  type,
  dimensions,
  measures,
  titleOf,
}: {
  appId: string;
  titleOf: (id: string) => string;
  type: string;
  dimensions: readonly ObjectDimension[];
  measures: readonly ObjectMeasure[];
}) {
  return (
    <Stack gap={4}>
      <Text size="sm">Chart type: {type}</Text>
      <Title order={3} size="h5">
        Dimensions
      </Title>
      {dimensions.map((d, i) => (
        <Text key={i} size="sm">
          {d.libraryId ? (
            <Anchor component={Link} to={catalogPaths.masterItem(appId, d.libraryId)} size="sm">
              {d.label || titleOf(d.libraryId)}
            </Anchor>
          ) : (
            d.label || d.fieldDefs.join(', ') || '—'
          )}
        </Text>
      ))}
      <Title order={3} size="h5">
        Measures
      </Title>
      {measures.map((m, i) => (
        <Stack key={i} gap={2}>
          <Text size="sm">
            {m.libraryId ? (
              <Anchor component={Link} to={catalogPaths.masterItem(appId, m.libraryId)} size="sm">
                {m.label || titleOf(m.libraryId)}
              </Anchor>
            ) : (
              m.label || '—'
            )}
          </Text>
          {m.expression && <ExpressionText expression={m.expression} />}
        </Stack>
      ))}
    </Stack>
  );
}
