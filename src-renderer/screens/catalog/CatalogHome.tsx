import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingWarehouse, IconFolder, IconStack2, IconUnlink } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useCall } from '../../api/hooks';
import { useReadyScope } from '../../catalog-scope';
import { QueryView } from '../../components/QueryView';
import { AppsTable } from './AppsTable';
import { catalogPaths } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { formatDateTime, plural } from './format';
import { useCatalogCall } from './use-catalog-call';

/** The tenant at a glance: what the snapshot holds, its spaces and collections, every app. */
export function CatalogHome() {
  const scope = useReadyScope();
  const snapshots = useCall('catalog/snapshots', { connectionId: scope.connection.id });
  const snapshot = snapshots.data?.find((s) => s.id === scope.ref.snapshotId);
  const spaces = useCatalogCall('catalog/spaces', {});
  const collections = useCatalogCall('catalog/collections', {});
  const apps = useCatalogCall('catalog/apps', {});
  const broken = useCatalogCall('catalog/broken-references-summary', {});

  return (
    <Stack>
      <EntityHeader
        crumbs={[]}
        title={scope.connection.name}
        kind="tenant"
        icon={<IconBuildingWarehouse size={24} aria-hidden />}
        subtitle={
          snapshot
            ? `${scope.connection.url} · crawled ${formatDateTime(snapshot.finishedAt)} as ${snapshot.userName ?? 'unknown user'}`
            : scope.connection.url
        }
      />
      {snapshot && (
        <SimpleGrid cols={{ base: 2, md: 4, lg: 7 }} spacing="xs">
          <Stat label="Apps" value={snapshot.counts.apps} />
          <Stat label="Spaces" value={snapshot.counts.spaces} to={undefined} />
          <Stat label="Collections" value={snapshot.counts.collections} />
          <Stat label="Data connections" value={snapshot.counts.dataConnections} to={catalogPaths.dataConnections()} />
          <Stat label="Automations" value={snapshot.counts.automations} to={catalogPaths.automations()} />
          <Stat label="Crawl errors" value={snapshot.errorCount} />
          {broken.data && <Stat label="Broken references" value={broken.data.reduce((n, app) => n + app.references.length, 0)} />}
        </SimpleGrid>
      )}
      {broken.data && broken.data.length > 0 && <BrokenReferencesByApp apps={broken.data} />}

      <Title order={3} size="h4">
        Spaces
      </Title>
      <QueryView query={spaces}>
        {(rows) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
            {rows.map((space) => (
              <Card
                key={space.id}
                withBorder
                padding="sm"
                component={Link}
                to={catalogPaths.space(space.id)}
                aria-label={`Space ${space.name}`}
              >
                <Group gap="xs" wrap="nowrap">
                  <IconFolder size={18} aria-hidden />
                  <Text fw={600} truncate>
                    {space.name}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {space.type} · {plural(space.appCount, 'app')}
                </Text>
                <Text size="sm" lineClamp={2} mt={4}>
                  {space.description}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </QueryView>

      <QueryView query={collections}>
        {(rows) =>
          rows.length > 0 && (
            <Stack gap="xs">
              <Title order={3} size="h4">
                Collections
              </Title>
              <Group gap="xs">
                {rows.map((c) => (
                  <Anchor key={c.id} component={Link} to={catalogPaths.collection(c.id)} size="sm">
                    <Group gap={4} wrap="nowrap">
                      <IconStack2 size={14} aria-hidden />
                      {c.name} ({c.appIds.length})
                    </Group>
                  </Anchor>
                ))}
              </Group>
            </Stack>
          )
        }
      </QueryView>

      <Title order={3} size="h4">
        All apps
      </Title>
      <QueryView query={apps} skeletonRows={6}>
        {(rows) => <AppsTable apps={rows} label="All apps" showSpace />}
      </QueryView>
    </Stack>
  );
}

function Stat({ label, value, to }: { label: string; value: number; to?: string | undefined }) {
  const body = (
    <>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={22} fw={600}>
        {value.toLocaleString()}
      </Text>
    </>
  );
  return to ? (
    <Card withBorder padding="xs" component={Link} to={to}>
      {body}
    </Card>
  ) : (
    <Card withBorder padding="xs">
      {body}
    </Card>
  );
}

/** The apps whose charts, master items or bookmarks point at something gone; each app page has the details. */
function BrokenReferencesByApp({ apps }: { apps: ReadonlyArray<{ appId: string; appName: string; references: readonly unknown[] }> }) {
  const total = apps.reduce((n, app) => n + app.references.length, 0);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconUnlink size={18} />}
      title={`${plural(total, 'reference')} broken in ${plural(apps.length, 'app')}`}
    >
      <Text size="sm">Charts, master items or bookmarks point at a field or master item their app no longer has:</Text>
      <Group gap="md" mt={4}>
        {apps.map((app) => (
          <Anchor key={app.appId} component={Link} to={catalogPaths.app(app.appId)} size="sm">
            {app.appName} ({app.references.length})
          </Anchor>
        ))}
      </Group>
    </Alert>
  );
}
