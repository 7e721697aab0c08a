/**
 * The catalog browser: the scope bar on top, the lazy tree beside the detail pane, one route per
 * entity (see catalog-paths.ts).
 */
import { Box, Group, ScrollArea } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AppPage } from './AppPage';
import { catalogPaths } from './catalog-paths';
import { CatalogHome } from './CatalogHome';
import { CatalogTree } from './CatalogTree';
import { DataConnectionsPage } from './DataConnectionsPage';
import { FieldPage } from './FieldPage';
import { MasterItemPage } from './MasterItemPage';
import { ObjectPage } from './ObjectPage';
import { ScopeGate } from './ScopeGate';
import { SheetPage } from './SheetPage';
import { CollectionPage, SpacePage } from './SpacePage';
import { VariablePage } from './VariablePage';

export function CatalogScreen() {
  return (
    <ScopeGate>
      <Group align="flex-start" wrap="nowrap" gap="md" style={{ minHeight: 0 }}>
        <Box
          w={280}
          style={{
            flexShrink: 0,
            position: 'sticky',
            top: 'calc(var(--app-shell-header-height) + 16px)',
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 4,
          }}
          visibleFrom="md"
        >
          {/* The content keeps the tree's width, so long names end in an ellipsis instead of widening every row. */}
          <ScrollArea.Autosize
            mah="calc(100vh - var(--app-shell-header-height) - 110px)"
            type="hover"
            scrollbars="y"
            styles={{ content: { width: '100%', minWidth: 0 } }}
          >
            <CatalogTree />
          </ScrollArea.Autosize>
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Routes>
            <Route index element={<CatalogHome />} />
            <Route path="space/:spaceId" element={<SpacePage />} />
            <Route path="collection/:collectionId" element={<CollectionPage />} />
            <Route path="data-connections" element={<DataConnectionsPage />} />
            <Route path="automations" element={<Navigate to={catalogPaths.automations()} replace />} />
            <Route path="app/:appId/sheet/:sheetId" element={<SheetPage />} />
            <Route path="app/:appId/object/:objectId" element={<ObjectPage />} />
            <Route path="app/:appId/master-item/:itemId" element={<MasterItemPage />} />
            <Route path="app/:appId/variable/:variableId" element={<VariablePage />} />
            <Route path="app/:appId/field/:fieldName" element={<FieldPage />} />
            <Route path="app/:appId/:tab?" element={<AppPage />} />
            <Route path="*" element={<CatalogHome />} />
          </Routes>
        </Box>
      </Group>
    </ScopeGate>
  );
}
