import { Anchor, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconLayoutOff } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { SheetRow } from '../../../src-main/catalog/catalog-types';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { catalogPaths } from './catalog-paths';
import { plural } from './format';
import { SheetPreview } from './SheetPreview';
import { useCatalogCall } from './use-catalog-call';

export function SheetsTab({ appId }: { appId: string }) {
  const sheets = useCatalogCall('catalog/sheets', { appId });
  return (
    <QueryView query={sheets}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState icon={IconLayoutOff} title="No sheets">
            Extract and transform apps often have none: their work is in the load script.
          </EmptyState>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {rows.map((sheet) => (
              <SheetCard key={sheet.id} appId={appId} sheet={sheet} />
            ))}
          </SimpleGrid>
        )
      }
    </QueryView>
  );
}

function SheetCard({ appId, sheet }: { appId: string; sheet: SheetRow }) {
  const objects = useCatalogCall('catalog/sheet-objects', { appId, sheetId: sheet.id });
  const title = sheet.title || 'Untitled sheet';
  return (
    <Card withBorder padding="sm">
      <Stack gap={6}>
        <Anchor component={Link} to={catalogPaths.sheet(appId, sheet.id)} fw={600} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Anchor>
        <QueryView query={objects} skeletonRows={1}>
          {(rows) => <SheetPreview appId={appId} grid={sheet} objects={rows} compact label={`Preview of ${title}`} />}
        </QueryView>
        <Text size="xs" c="dimmed">
          {plural(sheet.objectCount, 'object')}
          {sheet.published ? ' · published' : ' · private'}
          {sheet.approved ? ' · approved' : ''}
        </Text>
      </Stack>
    </Card>
  );
}
