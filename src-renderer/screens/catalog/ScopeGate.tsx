import { Button, Group, Skeleton, Stack } from '@mantine/core';
import { IconDatabaseOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useCatalogScope } from '../../catalog-scope';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScopeBar } from './ScopeBar';

/** Renders its children only once there is a snapshot to show; otherwise says why and what to do. */
export function ScopeGate({ children }: { children: ReactNode }) {
  const { scope } = useCatalogScope();
  switch (scope.status) {
    case 'loading':
      return (
        <Stack aria-busy="true" aria-label="Loading the catalog">
          <Skeleton h={34} />
          <Skeleton h={300} />
        </Stack>
      );
    case 'error':
      return <ErrorAlert error={scope.error} title="The catalog could not be read" />;
    case 'empty':
      return (
        <EmptyState
          icon={IconDatabaseOff}
          title="No crawl in the catalog yet"
          actions={
            <Group>
              <Button component={Link} to="/crawl">
                Crawl a tenant
              </Button>
              <Button component={Link} to="/connections" variant="default">
                Connections
              </Button>
            </Group>
          }
        >
          The catalog fills when a crawl of a connection completes. Start one on the Crawl screen; the built-in demo tenant needs no key.
        </EmptyState>
      );
    case 'ready':
      return (
        <Stack gap="sm" h="100%">
          <ScopeBar />
          {children}
        </Stack>
      );
  }
}
