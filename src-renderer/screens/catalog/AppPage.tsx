import { AppAutomations } from '../automations/AppAutomations';
import { Alert, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconAppWindow, IconUnlink } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AppDetail } from '../../../src-main/catalog/catalog-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';
import { AppConnectionsTab } from './AppConnectionsTab';
import { BookmarksTab } from './BookmarksTab';
import { catalogPaths, lineageNodes, type AppTab } from './catalog-paths';
import { DataModelTab } from './DataModelTab';
import { EntityHeader } from './EntityHeader';
import { formatBytes, formatDateTime } from './format';
import { MasterItemsTab } from './MasterItemsTab';
import { ScriptViewer } from './ScriptViewer';
import { SheetsTab } from './SheetsTab';
import { useCatalogCall } from './use-catalog-call';
import { VariablesTab } from './VariablesTab';
import { userLabels, userPath } from './WhereUsedList';

const tabs: readonly { value: AppTab; label: string; count?: (d: AppDetail) => number }[] = [
  { value: 'sheets', label: 'Sheets', count: (d) => d.counts.sheets },
  { value: 'master-items', label: 'Master items', count: (d) => d.counts.masterItems },
  { value: 'variables', label: 'Variables', count: (d) => d.counts.variables },
  { value: 'bookmarks', label: 'Bookmarks', count: (d) => d.counts.bookmarks },
  { value: 'data-model', label: 'Data model', count: (d) => d.counts.tables },
  { value: 'script', label: 'Script' },
  { value: 'connections', label: 'Connections used' },
];

function isAppTab(value: string | undefined): value is AppTab {
  return tabs.some((t) => t.value === value);
}

export function AppPage() {
  const { appId = '', tab } = useParams();
  const navigate = useNavigate();
  const app = useCatalogCall('catalog/app', { appId });
  const active: AppTab = isAppTab(tab) ? tab : 'sheets';

  return (
    <QueryView query={app} skeletonRows={6}>
      {(detail) => (
        <Stack>
          <AppHeader detail={detail} />
          <Tabs value={active} onChange={(value) => value && navigate(catalogPaths.app(appId, value as AppTab))} keepMounted={false}>
            <Tabs.List aria-label="App contents">
              {tabs.map((t) => (
                <Tabs.Tab
                  key={t.value}
                  value={t.value}
                  rightSection={
                    t.count ? (
                      <Badge size="xs" variant="light" color="gray">
                        {t.count(detail)}
                      </Badge>
                    ) : undefined
                  }
                >
                  {t.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="sheets" pt="md">
              <SheetsTab appId={appId} />
            </Tabs.Panel>
            <Tabs.Panel value="master-items" pt="md">
              <MasterItemsTab appId={appId} />
            </Tabs.Panel>
            <Tabs.Panel value="variables" pt="md">
              <VariablesTab appId={appId} />
            </Tabs.Panel>
            <Tabs.Panel value="bookmarks" pt="md">
              <BookmarksTab appId={appId} />
            </Tabs.Panel>
            <Tabs.Panel value="data-model" pt="md">
              <DataModelTab appId={appId} />
            </Tabs.Panel>
            <Tabs.Panel value="script" pt="md">
              <ScriptViewer appId={appId} />
            </Tabs.Panel>
            <Tabs.Panel value="connections" pt="md">
              <AppConnectionsTab appId={appId} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </QueryView>
  );
}

function AppHeader({ detail }: { detail: AppDetail }) {
  const r = detail.record;
  const facts: [string, string][] = [
    ['Owner', r.ownerName ?? r.ownerId ?? '—'],
    ['Created', formatDateTime(r.createdDate)],
    ['Modified', formatDateTime(r.modifiedDate)],
    ['Last reload', formatDateTime(r.lastReloadTime)],
    ['Published', r.published ? formatDateTime(r.publishTime) : 'No'],
    ['File size', formatBytes(r.fileSizeBytes)],
    ['Memory', formatBytes(r.memoryBytes)],
    [
      'Contents',
      `${detail.counts.sheets} sheets · ${detail.counts.objects} objects · ${detail.counts.tables} tables · ${detail.counts.fields} fields`,
    ],
  ];
  return (
    <Stack gap="sm">
      <EntityHeader
        crumbs={[
          { label: 'Catalog', to: catalogPaths.home() },
          { label: detail.spaceName ?? 'Personal', to: catalogPaths.space(r.spaceId) },
        ]}
        title={r.name}
        kind="app"
        icon={<IconAppWindow size={24} aria-hidden />}
        lineageNode={lineageNodes.app(r.id)}
        subtitle={r.description || undefined}
      />
      <Group gap={6}>
        {r.tags.map((tag) => (
          <Badge key={tag} variant="outline" size="sm">
            {tag}
          </Badge>
        ))}
        {r.customProperties?.map((property) => (
          <Badge key={`${property.name}=${property.value}`} variant="light" color="gray" size="sm" tt="none" title="Custom property">
            {property.name}: {property.value}
          </Badge>
        ))}
        {r.hasSectionAccess && (
          <Badge color="grape" variant="light" size="sm">
            section access
          </Badge>
        )}
        {r.isDirectQueryMode && (
          <Badge color="blue" variant="light" size="sm">
            direct query
          </Badge>
        )}
        {detail.source !== 'crawled' && (
          <Badge color={detail.source === 'kept-after-failure' ? 'orange' : 'gray'} variant="light" size="sm">
            {detail.source} from snapshot #{detail.versionCrawledBySnapshotId}
          </Badge>
        )}
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" verticalSpacing={6}>
          {facts.map(([label, value]) => (
            <div key={label}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {label}
              </Text>
              <Text size="sm">{value}</Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      <AppAutomations appId={r.id} />
      {detail.errors.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="The crawl could not read this app completely">
          <Stack gap={4}>
            {detail.errors.map((e) => (
              <Text key={`${e.snapshotId}-${e.recordedAt}`} size="sm">
                Snapshot #{e.snapshotId}: {e.error.message} {e.error.remedy}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {detail.scriptError && <ErrorAlert error={detail.scriptError} title="The load script could not be read" />}
      <UnreadableSheetsAlert listed={r.repositorySheetCount} read={detail.counts.sheets} sheets={r.unreadableSheets ?? []} />
      <BrokenReferencesAlert appId={r.id} />
    </Stack>
  );
}

/** Client-managed: the repository lists every owner's sheets; the engine showed the crawl account fewer. */
function UnreadableSheetsAlert({
  listed,
  read,
  sheets,
}: {
  listed: number | undefined;
  read: number;
  sheets: ReadonlyArray<{ title: string; ownerName: string | null }>;
}) {
  if (listed === undefined || listed <= read) return null;
  const missing = listed - read;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={`${missing} of ${listed} sheets are not in the catalog`}
    >
      <Text size="sm">
        The repository lists {listed} sheets for this app, but the crawl account could read only {read}. The others are private sheets of
        other users, or sheets a security rule hides from that account, so their charts are missing from search, lineage and where-used. To
        include them, give the crawl account a security rule that reads every sheet of the app, then crawl again.
      </Text>
      {sheets.length > 0 && (
        <List size="sm" mt={4} aria-label="Sheets not in the catalog">
          {sheets.map((sheet, i) => (
            <List.Item key={`${sheet.title}-${i}`}>
              {sheet.title || '(untitled)'}
              {sheet.ownerName ? ` · ${sheet.ownerName}` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Charts, master items and bookmarks that point at something the app no longer has. */
function BrokenReferencesAlert({ appId }: { appId: string }) {
  const broken = useCatalogCall('catalog/broken-references', { appId });
  const rows = broken.data ?? [];
  if (rows.length === 0) return null;
  const users = new Set(rows.map((b) => `${b.user}:${b.id}`)).size;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconUnlink size={18} />}
      title={`${users} ${users === 1 ? 'item points' : 'items point'} at something this app no longer has`}
    >
      <Stack gap={6}>
        <Text size="sm">
          Qlik keeps these and shows them as invalid or empty. Restore the field or master item, or edit each one to use what the app has
          now.
        </Text>
        <Table withRowBorders={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            {rows.map((b) => (
              <Table.Tr key={`${b.user}:${b.id}:${b.problem}:${b.reference}`}>
                <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <Text size="xs" c="dimmed" span>
                    {userLabels[b.user]}
                  </Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Anchor component={Link} to={userPath(appId, b)} size="sm">
                    {b.title || b.id}
                  </Anchor>
                  {b.sheetTitle && (
                    <Text size="xs" c="dimmed" span>
                      {' '}
                      on {b.sheetTitle}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>{b.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Alert>
  );
}
