import { Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { CallError } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/** A query's three faces: a skeleton while loading, the error with its remedy, or the data. */
export function QueryView<T>({
  query,
  children,
  skeletonRows = 3,
  errorTitle,
}: {
  query: UseQueryResult<T, CallError>;
  children: (data: T) => ReactNode;
  skeletonRows?: number;
  errorTitle?: string;
}) {
  if (query.error) return <ErrorAlert error={query.error} {...(errorTitle ? { title: errorTitle } : {})} />;
  if (query.data === undefined)
    return (
      <Stack gap="xs" aria-busy="true" aria-label="Loading">
        {Array.from({ length: skeletonRows }, (_, i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  return <>{children(query.data)}</>;
}
