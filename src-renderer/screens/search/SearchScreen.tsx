/**
 * The full search page: /search?q=…&type=…&space=…&app=…&owner=… — every filter lives in the URL
 * so a result list can be shared or reopened.
 */
import { Anchor, Badge, Checkbox, Group, Paper, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconSearch, IconSearchOff } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { FacetCount, SearchEntityType, SearchHit } from '../../../src-main/catalog/catalog-types';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { ScopeGate } from '../catalog/ScopeGate';
import { useCatalogCall } from '../catalog/use-catalog-call';
import { EntityTypeIcon } from './EntityTypeIcon';
import { entityTypeLabel, searchHitPath } from './search-targets';
import { Snippet } from './Snippet';

const resultLimit = 200;

export function SearchScreen() {
  return (
    <ScopeGate>
      <SearchPage />
    </ScopeGate>
  );
}

function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [draft, setDraft] = useState(query);
  const [debounced] = useDebouncedValue(draft, 250);
  const types = params.getAll('type') as SearchEntityType[];
  const spaceId = params.get('space') ?? undefined;
  const appId = params.get('app') ?? undefined;
  const ownerId = params.get('owner') ?? undefined;

  // The typed text reaches the URL (and the query) once typing pauses.
  useEffect(() => {
    if (debounced === (params.get('q') ?? '')) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, params, setParams]);

  const update = (mutate: (next: URLSearchParams) => void): void =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      mutate(next);
      return next;
    });

  return (
    <Stack maw={1200}>
      <Title order={2}>Search</Title>
      <TextInput
        aria-label="Search the catalog"
        placeholder="Names, titles, expressions, scripts…"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        size="md"
        autoFocus
      />
      {query.trim() ? (
        <SearchResults
          query={query}
          types={types}
          spaceId={spaceId}
          appId={appId}
          ownerId={ownerId}
          onToggleType={(type) =>
            update((next) => {
              const current = next.getAll('type');
              next.delete('type');
              for (const t of current.includes(type) ? current.filter((x) => x !== type) : [...current, type]) next.append('type', t);
            })
          }
          onPick={(facet, value) =>
            update((next) => {
              if (next.get(facet) === value) next.delete(facet);
              else next.set(facet, value);
            })
          }
          onClear={() =>
            update((next) => {
              for (const key of ['type', 'space', 'app', 'owner']) next.delete(key);
            })
          }
        />
      ) : (
        <EmptyState icon={IconSearch} title="Search the whole catalog">
          Apps, sheets, charts, master items, variables, fields, tables, load scripts, data connections and automations. Ctrl+K searches
          from anywhere.
        </EmptyState>
      )}
    </Stack>
  );
}

type SingleFacet = 'space' | 'app' | 'owner';

function SearchResults({
  query,
  types,
  spaceId,
  appId,
  ownerId,
  onToggleType,
  onPick,
  onClear,
}: {
  query: string;
  types: SearchEntityType[];
  spaceId: string | undefined;
  appId: string | undefined;
  ownerId: string | undefined;
  onToggleType: (type: string) => void;
  onPick: (facet: SingleFacet, value: string) => void;
  onClear: () => void;
}) {
  // Keeps the previous results on screen while a filter change loads, so facets never flicker away.
  const result = useCatalogCall(
    'catalog/search',
    {
      text: query,
      limit: resultLimit,
      ...(types.length > 0 ? { types } : {}),
      ...(spaceId ? { spaceId } : {}),
      ...(appId ? { appId } : {}),
      ...(ownerId ? { ownerId } : {}),
    },
    { placeholderData: keepPreviousData },
  );
  const hasFilters = types.length > 0 || spaceId || appId || ownerId;

  return (
    <QueryView query={result} skeletonRows={8}>
      {(data) => (
        <Group align="flex-start" wrap="nowrap" gap="lg">
          <Stack w={250} style={{ flexShrink: 0 }} gap="md" aria-label="Filters" role="group">
            <Facet title="Type">
              {data.facets.type.map((f) => (
                <Checkbox
                  key={f.value}
                  size="xs"
                  checked={types.includes(f.value as SearchEntityType)}
                  onChange={() => onToggleType(f.value)}
                  label={
                    <Group gap={4} wrap="nowrap">
                      {entityTypeLabel(f.value)}
                      <Text span size="xs" c="dimmed">
                        {f.count}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Facet>
            <PickFacet title="Space" facet="space" values={data.facets.space} selected={spaceId} onPick={onPick} />
            <PickFacet title="App" facet="app" values={data.facets.app} selected={appId} onPick={onPick} />
            {/* Owner labels are names where the snapshot knows them (catalog/search does the lookup). */}
            <PickFacet title="Owner" facet="owner" values={data.facets.owner} selected={ownerId} onPick={onPick} />
            {hasFilters && (
              <Anchor component="button" size="sm" onClick={onClear} ta="left">
                Clear filters
              </Anchor>
            )}
          </Stack>
          <Stack style={{ flex: 1, minWidth: 0 }} gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite">
              {data.hits.length === 0
                ? 'No results'
                : `${data.hits.length}${data.hits.length >= resultLimit ? '+' : ''} result${data.hits.length === 1 ? '' : 's'}${hasFilters ? ` (filtered from ${data.total})` : ''}`}
            </Text>
            {data.hits.length === 0 ? (
              <EmptyState icon={IconSearchOff} title={`Nothing matches “${query}”`}>
                {hasFilters
                  ? 'Clear the filters, or try fewer words.'
                  : 'Try fewer or shorter words: a word matches from its start (rev finds Revenue).'}
              </EmptyState>
            ) : (
              <Stack gap={6} role="list" aria-label="Search results">
                {data.hits.map((hit) => (
                  <ResultRow key={`${hit.type}:${hit.appId ?? ''}:${hit.id}`} hit={hit} query={query} />
                ))}
              </Stack>
            )}
          </Stack>
        </Group>
      )}
    </QueryView>
  );
}

function ResultRow({ hit, query }: { hit: SearchHit; query: string }) {
  const context = [hit.appName, hit.spaceName].filter(Boolean).join(' · ');
  return (
    <Paper withBorder p="xs" role="listitem">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge variant="light" color="gray" leftSection={<EntityTypeIcon type={hit.type} size={12} />} style={{ flexShrink: 0 }} w={150}>
          {entityTypeLabel(hit.type)}
        </Badge>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={searchHitPath(hit)} fw={500} style={{ overflowWrap: 'anywhere' }}>
            {hit.title || hit.id}
          </Anchor>
          {context && (
            <Text size="xs" c="dimmed">
              {context}
            </Text>
          )}
          {hit.snippet && <Snippet snippet={hit.snippet} query={query} />}
        </Stack>
      </Group>
    </Paper>
  );
}

function Facet({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} role="group" aria-label={`${title} filter`}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function PickFacet({
  title,
  facet,
  values,
  selected,
  onPick,
}: {
  title: string;
  facet: SingleFacet;
  values: readonly FacetCount[];
  selected: string | undefined;
  onPick: (facet: SingleFacet, value: string) => void;
}) {
  if (values.length === 0) return null;
  return (
    <Facet title={title}>
      {values.slice(0, 12).map((f) => {
        const isSelected = selected === f.value;
        return (
          <UnstyledButton
            key={f.value}
            onClick={() => onPick(facet, f.value)}
            aria-pressed={isSelected}
            aria-label={`${title}: ${f.label} (${f.count})`}
          >
            <Group gap={4} wrap="nowrap" justify="space-between">
              <Text size="sm" fw={isSelected ? 700 : 400} c={isSelected ? 'teal' : undefined} truncate>
                {f.label}
              </Text>
              <Text size="xs" c="dimmed">
                {f.count}
              </Text>
            </Group>
          </UnstyledButton>
        );
      })}
    </Facet>
  );
}
