/**
 * The catalog as a tree: tenant → spaces / collections → apps → sheets → objects. Each level asks
 * for its rows only when opened, so a tenant with thousands of apps costs nothing until browsed.
 */
import { Anchor, NavLink, Skeleton, Text } from '@mantine/core';
import {
  IconAppWindow,
  IconBolt,
  IconBuildingWarehouse,
  IconFolder,
  IconFolders,
  IconLayoutDashboard,
  IconPlug,
  IconStack2,
  IconUser,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useReadyScope } from '../../catalog-scope';
import { ChartTypeIcon } from '../../components/ChartTypeIcon';
import { catalogPaths } from './catalog-paths';
import { plural } from './format';
import { useCatalogCall } from './use-catalog-call';

/** More rows than this in one level are left to the detail page's virtualized list. */
const levelLimit = 150;

export function CatalogTree() {
  const scope = useReadyScope();
  return (
    <nav aria-label="Catalog tree">
      <TreeNode label={scope.connection.name} icon={<IconBuildingWarehouse size={16} aria-hidden />} to={catalogPaths.home()} defaultOpened>
        {() => (
          <>
            <TreeNode label="Spaces" icon={<IconFolders size={16} aria-hidden />} defaultOpened>
              {() => <SpacesLevel />}
            </TreeNode>
            <TreeNode label="Collections" icon={<IconStack2 size={16} aria-hidden />}>
              {() => <CollectionsLevel />}
            </TreeNode>
            <TreeNode label="Data connections" icon={<IconPlug size={16} aria-hidden />} to={catalogPaths.dataConnections()} />
            <TreeNode label="Automations" icon={<IconBolt size={16} aria-hidden />} to={catalogPaths.automations()} />
          </>
        )}
      </TreeNode>
    </nav>
  );
}

function TreeNode({
  label,
  description,
  icon,
  to,
  children,
  defaultOpened = false,
}: {
  label: string;
  description?: string;
  icon: ReactNode;
  to?: string;
  /** Rendered only while the node is open: the lazy level below. */
  children?: () => ReactNode;
  defaultOpened?: boolean;
}) {
  const [opened, setOpened] = useState(defaultOpened);
  const location = useLocation();
  const navigate = useNavigate();
  const path = to?.split(/[?#]/)[0];
  const isActive = path !== undefined && location.pathname === path;
  return (
    <NavLink
      component="button"
      type="button"
      label={label}
      description={description}
      leftSection={icon}
      active={isActive}
      aria-current={isActive ? 'page' : undefined}
      opened={opened}
      onChange={setOpened}
      onClick={to ? () => navigate(to) : undefined}
      childrenOffset={14}
      py={4}
      styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
    >
      {children ? opened ? children() : <span /> : undefined}
    </NavLink>
  );
}

function LevelLoading() {
  return <Skeleton h={22} my={4} mx="xs" aria-label="Loading" />;
}

function LevelMessage({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" c="dimmed" px="sm" py={4}>
      {children}
    </Text>
  );
}

function SpacesLevel() {
  const spaces = useCatalogCall('catalog/spaces', {});
  const scope = useReadyScope();
  const apps = useCatalogCall('catalog/apps', { spaceId: null });
  if (spaces.error) return <LevelMessage>{spaces.error.message}</LevelMessage>;
  if (!spaces.data) return <LevelLoading />;
  const personalCount = apps.data?.length ?? 0;
  return (
    <>
      {spaces.data.map((space) => (
        <TreeNode
          key={space.id}
          label={space.name}
          description={`${plural(space.appCount, 'app')} · ${space.type}`}
          icon={<IconFolder size={16} aria-hidden />}
          to={catalogPaths.space(space.id)}
        >
          {() => <AppsLevel spaceId={space.id} />}
        </TreeNode>
      ))}
      {personalCount > 0 && (
        <TreeNode
          label="Personal"
          description={`${plural(personalCount, 'app')} · outside shared spaces`}
          icon={<IconUser size={16} aria-hidden />}
          to={catalogPaths.space(null)}
        >
          {() => <AppsLevel spaceId={null} />}
        </TreeNode>
      )}
      {spaces.data.length === 0 && personalCount === 0 && <LevelMessage>No spaces in {scope.connection.name}.</LevelMessage>}
    </>
  );
}

function CollectionsLevel() {
  const collections = useCatalogCall('catalog/collections', {});
  if (collections.error) return <LevelMessage>{collections.error.message}</LevelMessage>;
  if (!collections.data) return <LevelLoading />;
  if (collections.data.length === 0) return <LevelMessage>No collections.</LevelMessage>;
  return (
    <>
      {collections.data.map((collection) => (
        <TreeNode
          key={collection.id}
          label={collection.name}
          description={plural(collection.appIds.length, 'app')}
          icon={<IconStack2 size={16} aria-hidden />}
          to={catalogPaths.collection(collection.id)}
        />
      ))}
    </>
  );
}

function AppsLevel({ spaceId }: { spaceId: string | null }) {
  const apps = useCatalogCall('catalog/apps', { spaceId });
  if (apps.error) return <LevelMessage>{apps.error.message}</LevelMessage>;
  if (!apps.data) return <LevelLoading />;
  if (apps.data.length === 0) return <LevelMessage>No apps.</LevelMessage>;
  const shown = apps.data.slice(0, levelLimit);
  return (
    <>
      {shown.map((app) => (
        <TreeNode key={app.id} label={app.name} icon={<IconAppWindow size={16} aria-hidden />} to={catalogPaths.app(app.id)}>
          {() => <SheetsLevel appId={app.id} />}
        </TreeNode>
      ))}
      {apps.data.length > shown.length && (
        <LevelMessage>
          <Anchor component={Link} to={catalogPaths.space(spaceId)} size="xs">
            All {apps.data.length} apps…
          </Anchor>
        </LevelMessage>
      )}
    </>
  );
}

function SheetsLevel({ appId }: { appId: string }) {
  const sheets = useCatalogCall('catalog/sheets', { appId });
  if (sheets.error) return <LevelMessage>{sheets.error.message}</LevelMessage>;
  if (!sheets.data) return <LevelLoading />;
  if (sheets.data.length === 0) return <LevelMessage>No sheets.</LevelMessage>;
  return (
    <>
      {sheets.data.map((sheet) => (
        <TreeNode
          key={sheet.id}
          label={sheet.title || 'Untitled sheet'}
          icon={<IconLayoutDashboard size={16} aria-hidden />}
          to={catalogPaths.sheet(appId, sheet.id)}
        >
          {() => <ObjectsLevel appId={appId} sheetId={sheet.id} />}
        </TreeNode>
      ))}
    </>
  );
}

function ObjectsLevel({ appId, sheetId }: { appId: string; sheetId: string }) {
  const objects = useCatalogCall('catalog/sheet-objects', { appId, sheetId });
  if (objects.error) return <LevelMessage>{objects.error.message}</LevelMessage>;
  if (!objects.data) return <LevelLoading />;
  if (objects.data.length === 0) return <LevelMessage>No objects.</LevelMessage>;
  return (
    <>
      {objects.data.map((object) => (
        <TreeNode
          key={object.id}
          label={object.title || object.type}
          icon={<ChartTypeIcon type={object.type} />}
          to={catalogPaths.object(appId, object.id)}
        />
      ))}
    </>
  );
}
