import { Stack } from '@mantine/core';
import { IconFolder, IconFolderQuestion, IconStack2, IconUser } from '@tabler/icons-react';
import { useParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { AppsTable } from './AppsTable';
import { catalogPaths, personalSpaceKey } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { plural } from './format';
import { useCatalogCall } from './use-catalog-call';

export function SpacePage() {
  const { spaceId = '' } = useParams();
  const isPersonal = spaceId === personalSpaceKey;
  const spaces = useCatalogCall('catalog/spaces', {});
  const apps = useCatalogCall('catalog/apps', { spaceId: isPersonal ? null : spaceId });
  const space = spaces.data?.find((s) => s.id === spaceId);

  if (spaces.data && !space && !isPersonal) {
    return (
      <EmptyState icon={IconFolderQuestion} title="This space is not in the snapshot">
        It may have been deleted or created after this crawl. Pick another snapshot, or browse the tree.
      </EmptyState>
    );
  }
  const name = isPersonal ? 'Personal' : (space?.name ?? '…');
  return (
    <Stack>
      <EntityHeader
        crumbs={[{ label: 'Catalog', to: catalogPaths.home() }]}
        title={name}
        kind={isPersonal ? 'personal apps' : `${space?.type ?? ''} space`}
        icon={isPersonal ? <IconUser size={24} aria-hidden /> : <IconFolder size={24} aria-hidden />}
        subtitle={isPersonal ? 'Apps in their owners’ personal spaces.' : space?.description}
      />
      <QueryView query={apps} skeletonRows={8}>
        {(rows) => <AppsTable apps={rows} label={`Apps in ${name} (${plural(rows.length, 'app')})`} />}
      </QueryView>
    </Stack>
  );
}

export function CollectionPage() {
  const { collectionId = '' } = useParams();
  const collections = useCatalogCall('catalog/collections', {});
  const apps = useCatalogCall('catalog/apps', {});
  const collection = collections.data?.find((c) => c.id === collectionId);
  if (collections.data && !collection) {
    return <EmptyState icon={IconFolderQuestion} title="This collection is not in the snapshot" />;
  }
  const members = new Set(collection?.appIds ?? []);
  return (
    <Stack>
      <EntityHeader
        crumbs={[{ label: 'Catalog', to: catalogPaths.home() }]}
        title={collection?.name ?? '…'}
        kind={`${collection?.type ?? ''} collection`}
        icon={<IconStack2 size={24} aria-hidden />}
        subtitle={collection?.description}
      />
      <QueryView query={apps} skeletonRows={6}>
        {(rows) => (
          <AppsTable apps={rows.filter((a) => members.has(a.id))} label={`Apps in ${collection?.name ?? 'collection'}`} showSpace />
        )}
      </QueryView>
    </Stack>
  );
}
