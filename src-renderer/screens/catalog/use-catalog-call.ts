/** useCall for catalog/* calls, with the viewed snapshot filled in. */
import type { UseQueryOptions } from '@tanstack/react-query';
import type { CallArgs, CallName, CallResult } from '../../../src-main/api/contract';
import type { CallError } from '../../api/client';
import { useCall } from '../../api/hooks';
import { useReadyScope } from '../../catalog-scope';

type CatalogCall = Extract<CallName, `catalog/${string}`>;
type WithoutRef<N extends CatalogCall> = Omit<CallArgs<N>, 'connectionId' | 'snapshotId'>;

export function useCatalogCall<N extends CatalogCall>(
  name: N,
  args: WithoutRef<N>,
  options?: Omit<UseQueryOptions<CallResult<N>, CallError>, 'queryKey' | 'queryFn'>,
) {
  const { ref } = useReadyScope();
  return useCall(name, { ...ref, ...args } as CallArgs<N>, options);
}
