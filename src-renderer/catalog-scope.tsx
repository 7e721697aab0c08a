/**
 * Which connection and snapshot the catalog screens show. Defaults to the demo connection (or the
 * first with a complete crawl) at its latest complete snapshot; the user may pin an older one.
 * Queries always carry an explicit snapshot id, so a new crawl changes their keys and they refetch.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ConnectionRow } from '../src-main/catalog/catalog-types';
import { useCall } from './api/hooks';
import type { CallError } from './api/client';

export interface SnapshotScope {
  readonly connectionId: string;
  readonly snapshotId: number;
}

export type CatalogScopeState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: CallError }
  | { readonly status: 'empty'; readonly connections: readonly ConnectionRow[] }
  | {
      readonly status: 'ready';
      readonly connections: readonly ConnectionRow[];
      readonly connection: ConnectionRow;
      /** What every catalog call passes. */
      readonly ref: SnapshotScope;
      /** True when the user has not pinned a snapshot: the view follows new crawls. */
      readonly isLatest: boolean;
    };

interface CatalogScopeContext {
  readonly scope: CatalogScopeState;
  readonly chooseConnection: (connectionId: string) => void;
  /** null follows the latest complete snapshot. */
  readonly chooseSnapshot: (snapshotId: number | null) => void;
}

const Context = createContext<CatalogScopeContext | null>(null);

/** The connection shown when the user has not chosen one: the demo tenant first, then any crawled one. */
export function defaultConnection(connections: readonly ConnectionRow[]): ConnectionRow | null {
  const crawled = connections.filter((c) => c.latestCompleteSnapshotId !== null);
  return crawled.find((c) => c.id === 'demo') ?? crawled[0] ?? null;
}

export function CatalogScopeProvider({ children }: { children: ReactNode }) {
  // A crawl may land at any time (the Crawl screen, `serve --demo`): poll the cheap list.
  const connections = useCall('catalog/connections', {}, { refetchInterval: 10_000 });
  const [chosenConnectionId, setChosenConnectionId] = useState<string | null>(null);
  const [chosenSnapshotId, setChosenSnapshotId] = useState<number | null>(null);

  const scope = useMemo<CatalogScopeState>(() => {
    if (connections.error) return { status: 'error', error: connections.error };
    if (!connections.data) return { status: 'loading' };
    const list = connections.data;
    const connection =
      list.find((c) => c.id === chosenConnectionId && (c.latestCompleteSnapshotId !== null || chosenSnapshotId !== null)) ??
      defaultConnection(list);
    const snapshotId = chosenSnapshotId ?? connection?.latestCompleteSnapshotId ?? null;
    if (!connection || snapshotId === null) return { status: 'empty', connections: list };
    return {
      status: 'ready',
      connections: list,
      connection,
      ref: { connectionId: connection.id, snapshotId },
      isLatest: chosenSnapshotId === null,
    };
  }, [connections.data, connections.error, chosenConnectionId, chosenSnapshotId]);

  const value = useMemo<CatalogScopeContext>(
    () => ({
      scope,
      chooseConnection: (connectionId) => {
        setChosenConnectionId(connectionId);
        setChosenSnapshotId(null);
      },
      chooseSnapshot: setChosenSnapshotId,
    }),
    [scope],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useCatalogScope(): CatalogScopeContext {
  const context = useContext(Context);
  if (!context) throw new Error('useCatalogScope needs a CatalogScopeProvider above it (Shell renders one).');
  return context;
}

/** The snapshot every catalog query reads, or null while there is none (screens show the scope's state). */
export function useSnapshotRef(): SnapshotScope | null {
  const { scope } = useCatalogScope();
  return scope.status === 'ready' ? scope.ref : null;
}

/** For screens rendered only once the scope is ready (inside the catalog's scope gate). */
export function useReadyScope(): Extract<CatalogScopeState, { status: 'ready' }> {
  const { scope } = useCatalogScope();
  if (scope.status !== 'ready') throw new Error('useReadyScope is used outside the catalog scope gate.');
  return scope;
}
