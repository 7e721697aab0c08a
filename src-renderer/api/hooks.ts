/** TanStack Query over the contract: query keys are [callName, args]. */
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CallArgs, CallName, CallResult, EventName, EventPayload } from '../../src-main/api/contract';
import { call, subscribe, type CallError } from './client';

export function useCall<N extends CallName>(
  name: N,
  args: CallArgs<N>,
  options?: Omit<UseQueryOptions<CallResult<N>, CallError>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<CallResult<N>, CallError>({ queryKey: [name, args], queryFn: () => call(name, args), ...options });
}

/** A mutation over one call; invalidates the named queries when it succeeds. */
export function useCallMutation<N extends CallName>(name: N, invalidates: readonly CallName[] = []) {
  const client = useQueryClient();
  return useMutation<CallResult<N>, CallError, CallArgs<N>>({
    mutationFn: (args) => call(name, args),
    onSuccess: async () => {
      await Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: [key] })));
    },
  });
}

export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  useEffect(() => subscribe(event, listener), [event, listener]);
}
