/**
 * The catalog as a tree: tenant → spaces / collections → apps → sheets → objects. Each level asks
 * for its rows only when opened, so a tenant with thousands of apps costs nothing until browsed.
 * The tree follows the route: a page reached from search, lineage or a pasted URL opens the tree
 * down to its node and highlights it.
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
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useReadyScope } from '../../catalog-scope';
import { ChartTypeIcon } from '../../components/ChartTypeIcon';
import { catalogPaths, personalSpaceKey } from './catalog-paths';
import { plural } from './format';
import { spaceKeyOf, treeTargetOf } from './tree-target';
import { useCatalogCall } from './use-catalog-call';

/** More rows than this in one level are left to the detail page's virtualized list. */
const levelLimit = 150;

/** The nodes on the way to what the route shows; null where the route goes no deeper. */
interface TreeFocus {
  readonly spaceKey: string | null;
  readonly appId: string | null;
  readonly sheetId: string | null;
  readonly objectId: string | null;
}

const noFocus: TreeFocus = { spaceKey: null, appId: null, sheetId: null, objectId: null };
const FocusContext = createContext<TreeFocus>(noFocus);

/** Resolves the route to its tree path; the app's space and the object's sheet come from the catalog. */
function useTreeFocus(): TreeFocus {
  const { pathname } = useLocation();
  const target = useMemo(() => treeTargetOf(pathname), [pathname]);
  const appId = target && target.kind !== 'space' ? target.appId : null;
  const objectId = target?.kind === 'object' ? target.objectId : null;
  // Same keys as the pages' own calls: the tree reuses what the page loads.
  const app = useCatalogCall('catalog/app', { appId: appId ?? '-' }, { enabled: appId !== null });
  const object = useCatalogCall('catalog/object', { appId: appId ?? '-', objectId: objectId ?? '-' }, { enabled: objectId !== null });
  if (!target) return noFocus;
  if (target.kind === 'space') return { ...noFocus, spaceKey: target.spaceKey };
  return {
    spaceKey: app.data ? spaceKeyOf(app.data.record.spaceId) : null,
    appId: target.appId,
    sheetId: target.kind === 'sheet' ? target.sheetId : (object.data?.sheetId ?? null),
    objectId,
  };
}

export function CatalogTree() {
  const scope = useReadyScope();
  const focus = useTreeFocus();
  return (
    <FocusContext.Provider value={focus}>
      <CatalogTreeNodes connectionName={scope.connection.name} />
    </FocusContext.Provider>
  );
}

function CatalogTreeNodes({ connectionName }: { connectionName: string }) {
  return (
    <nav aria-label="Catalog tree">
      <TreeNode label={connectionName} icon={<IconBuildingWarehouse size={16} aria-hidden />} to={catalogPaths.home()} defaultOpened>
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
  isOnFocusPath = false,
  isFocused = false,
}: {
  label: string;
  description?: string;
  icon: ReactNode;
  to?: string;
  /** Rendered only while the node is open: the lazy level below. */
  children?: () => ReactNode;
  defaultOpened?: boolean;
  /** The route shows something below this node: open it (the user may close it again). */
  isOnFocusPath?: boolean;
  /** The route shows this node's entity, though not at its exact path (an app's tab, its field…). */
  isFocused?: boolean;
}) {
  const [opened, setOpened] = useState(defaultOpened || isOnFocusPath);
  const location = useLocation();
  const navigate = useNavigate();
  const button = useRef<HTMLButtonElement>(null);
  const path = to?.split(/[?#]/)[0];
  const isActive = isFocused || (path !== undefined && location.pathname === path);

  // Opens when the route moves below this node (state adjusted during render, not in an effect).
  const [wasOnFocusPath, setWasOnFocusPath] = useState(isOnFocusPath);
  if (isOnFocusPath !== wasOnFocusPath) {
    setWasOnFocusPath(isOnFocusPath);
    if (isOnFocusPath) setOpened(true);
  }
  useEffect(() => {
    if (isActive && button.current) revealVertically(button.current);
  }, [isActive]);

  return (
    <NavLink
      ref={button}
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
      styles={{ body: { minWidth: 0 }, label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
    >
      {children ? opened ? children() : <span /> : undefined}
    </NavLink>
  );
}

/**
 * Scrolls the tree's scroll box just enough to show the node. Not scrollIntoView: for a label
 * wider than the tree it also scrolls sideways, hiding the start of every row.
 */
function revealVertically(element: HTMLElement): void {
  for (let box = element.parentElement; box; box = box.parentElement) {
    const overflow = getComputedStyle(box).overflowY;
    if (box.scrollHeight <= box.clientHeight || (overflow !== 'auto' && overflow !== 'scroll')) continue;
    const node = element.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    if (node.top < view.top) box.scrollTop -= view.top - node.top;
    else if (node.bottom > view.bottom) box.scrollTop += node.bottom - view.bottom;
    return;
  }
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
  const spaces = useCatalogCall('catalog/spaces', { withPersonal: true });
  const scope = useReadyScope();
  const focus = useContext(FocusContext);
  if (spaces.error) return <LevelMessage>{spaces.error.message}</LevelMessage>;
  if (!spaces.data) return <LevelLoading />;
  if (spaces.data.length === 0) return <LevelMessage>No spaces in {scope.connection.name}.</LevelMessage>;
  return (
    <>
      {spaces.data.map((space) => {
        const isPersonal = space.id === personalSpaceKey && space.type === 'personal';
        return (
          <TreeNode
            key={space.id}
            label={space.name}
            description={`${plural(space.appCount, 'app')} · ${isPersonal ? 'outside shared spaces' : space.type}`}
            icon={isPersonal ? <IconUser size={16} aria-hidden /> : <IconFolder size={16} aria-hidden />}
            to={catalogPaths.space(isPersonal ? null : space.id)}
            isOnFocusPath={focus.appId !== null && focus.spaceKey === space.id}
          >
            {() => <AppsLevel spaceId={isPersonal ? null : space.id} />}
          </TreeNode>
        );
      })}
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
  const focus = useContext(FocusContext);
  if (apps.error) return <LevelMessage>{apps.error.message}</LevelMessage>;
  if (!apps.data) return <LevelLoading />;
  if (apps.data.length === 0) return <LevelMessage>No apps.</LevelMessage>;
  const shown = apps.data.slice(0, levelLimit);
  // The app the route shows is listed even beyond the limit, so the tree can highlight it.
  const focused =
    focus.appId !== null && !shown.some((a) => a.id === focus.appId) ? apps.data.find((a) => a.id === focus.appId) : undefined;
  if (focused) shown.push(focused);
  return (
    <>
      {shown.map((app) => (
        <TreeNode
          key={app.id}
          label={app.name}
          icon={<IconAppWindow size={16} aria-hidden />}
          to={catalogPaths.app(app.id)}
          isOnFocusPath={focus.appId === app.id && focus.sheetId !== null}
          isFocused={focus.appId === app.id && focus.sheetId === null}
        >
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
  const focus = useContext(FocusContext);
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
          isOnFocusPath={focus.appId === appId && focus.sheetId === sheet.id && focus.objectId !== null}
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
