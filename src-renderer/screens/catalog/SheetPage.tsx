import { Anchor, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconLayoutDashboard, IconLayoutOff } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { ChartTypeIcon } from '../../components/ChartTypeIcon';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths, lineageNodes } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { formatDateTime } from './format';
import { SheetPreview } from './SheetPreview';
import { useCatalogCall } from './use-catalog-call';

export function SheetPage() {
  const { appId = '', sheetId = '' } = useParams();
  const app = useCatalogCall('catalog/app', { appId });
  const sheets = useCatalogCall('catalog/sheets', { appId });
  const objects = useCatalogCall('catalog/sheet-objects', { appId, sheetId });
  const sheet = sheets.data?.find((s) => s.id === sheetId);

  if (sheets.data && !sheet) {
    return <EmptyState icon={IconLayoutOff} title="This sheet is not in the snapshot" />;
  }
  const title = sheet ? sheet.title || 'Untitled sheet' : '…';
  const record = app.data?.record;
  return (
    <Stack>
      <EntityHeader
        crumbs={[
          { label: 'Catalog', to: catalogPaths.home() },
          { label: app.data?.spaceName ?? 'Personal', to: catalogPaths.space(record?.spaceId ?? null) },
          { label: record?.name ?? '…', to: catalogPaths.app(appId) },
        ]}
        title={title}
        kind="sheet"
        icon={<IconLayoutDashboard size={24} aria-hidden />}
        lineageNode={lineageNodes.sheet(appId, sheetId)}
        subtitle={
          sheet
            ? `${sheet.description ? `${sheet.description} · ` : ''}${sheet.published ? 'published' : 'private'} · modified ${formatDateTime(sheet.modifiedDate)}`
            : undefined
        }
      />
      <QueryView query={objects} skeletonRows={6}>
        {(rows) => (
          <Stack>
            {sheet && <SheetPreview appId={appId} grid={sheet} objects={rows} label={`Sheet preview: ${title}`} />}
            <Title order={3} size="h5">
              Objects on this sheet
            </Title>
            <List spacing={4} listStyleType="none" aria-label="Objects on this sheet">
              {rows.map((o) => (
                <List.Item key={o.id}>
                  <Group gap={6} wrap="nowrap">
                    <ChartTypeIcon type={o.type} />
                    <Anchor component={Link} to={catalogPaths.object(appId, o.id)} size="sm">
                      {o.title || o.type}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {o.type}
                      {o.parentId ? ' · nested' : ''}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
