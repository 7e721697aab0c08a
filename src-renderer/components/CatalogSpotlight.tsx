/**
 * Ctrl/Cmd+K: the app's sections plus catalog results from `catalog/search` as one types
 * (debounced), narrowed by type chips; ↑/↓ move, Enter opens, and the last row opens the full
 * results page.
 */
import { Chip, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconArrowRight, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SearchEntityType } from '../../src-main/catalog/catalog-types';
import { useCall } from '../api/hooks';
import { useCatalogScope } from '../catalog-scope';
import { catalogPaths } from '../screens/catalog/catalog-paths';
import { EntityTypeIcon } from '../screens/search/EntityTypeIcon';
import { entityTypeLabel, searchHitPath } from '../screens/search/search-targets';

const typeFilters: readonly { value: string; label: string; types?: SearchEntityType[] }[] = [
  { value: 'all', label: 'All' },
  { value: 'apps', label: 'Apps', types: ['app'] },
  { value: 'sheets', label: 'Sheets', types: ['sheet'] },
  { value: 'charts', label: 'Charts', types: ['object'] },
  { value: 'master', label: 'Master items', types: ['master-measure', 'master-dimension', 'master-visualization'] },
  { value: 'fields', label: 'Fields', types: ['field', 'table'] },
  { value: 'variables', label: 'Variables', types: ['variable'] },
  { value: 'scripts', label: 'Scripts', types: ['script'] },
];

const spotlightLimit = 12;

function matchesQuery(action: SpotlightActionData, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return `${action.label ?? ''} ${action.description ?? ''}`.toLowerCase().includes(q);
}

const actionsListClass = 'qme-spotlight-actions';

/**
 * Mantine selects the first row when the query changes, which is before the catalog results
 * arrive; once they do, the first row must be the selected one again so Enter opens the best hit.
 * Mantine keeps the selection as a DOM attribute plus an index (0 after a query change), so moving
 * the attribute back to row 0 keeps both in step.
 */
function selectFirstRow(): void {
  const list = document.querySelector(`.${actionsListClass}`);
  if (!list) return;
  list.querySelectorAll('[data-action][data-selected]').forEach((row) => row.removeAttribute('data-selected'));
  list.querySelector('[data-action]')?.setAttribute('data-selected', 'true');
}

function selectFirstRowIfNone(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== 'Enter') return;
  if (!document.querySelector(`.${actionsListClass} [data-action][data-selected]`)) selectFirstRow();
}

export function CatalogSpotlight({ navigationActions }: { navigationActions: readonly SpotlightActionData[] }) {
  const navigate = useNavigate();
  const { scope } = useCatalogScope();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState('all');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const types = typeFilters.find((f) => f.value === filter)?.types;
  const ref = scope.status === 'ready' ? scope.ref : null;
  const search = useCall(
    'catalog/search',
    { ...ref, text: debounced, limit: spotlightLimit, ...(types ? { types } : {}) },
    { enabled: ref !== null && debounced.length > 0, placeholderData: keepPreviousData },
  );
  const sections = filter === 'all' ? navigationActions.filter((a) => matchesQuery(a, query)) : [];
  const hits = debounced.length > 0 && query.trim().length > 0 ? (search.data?.hits ?? []) : [];
  const isEmpty = sections.length === 0 && hits.length === 0 && !query.trim();
  const hitsKey = hits.map((h) => `${h.type}:${h.id}`).join('|');
  useEffect(() => {
    if (hitsKey) selectFirstRow();
  }, [hitsKey]);

  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      scrollable
      maxHeight={520}
      onSpotlightClose={() => setFilter('all')}
    >
      <Spotlight.Search
        leftSection={<IconSearch size={18} stroke={1.5} />}
        placeholder="Search apps, sheets, charts, measures, fields…"
        aria-label="Search"
        onKeyDown={selectFirstRowIfNone}
      />
      <Group gap={6} px="sm" py={8} role="group" aria-label="Result types" wrap="wrap">
        <Chip.Group multiple={false} value={filter} onChange={setFilter}>
          {typeFilters.map((f) => (
            <Chip key={f.value} value={f.value} size="xs" variant="light">
              {f.label}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      <Spotlight.ActionsList className={actionsListClass}>
        {sections.length > 0 && (
          <Spotlight.ActionsGroup label="Go to">
            {sections.map(({ id, ...action }) => (
              <Spotlight.Action key={id} {...action} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {hits.length > 0 && (
          <Spotlight.ActionsGroup label="Catalog">
            {hits.map((hit) => (
              <Spotlight.Action
                key={`${hit.type}:${hit.appId ?? ''}:${hit.id}`}
                label={hit.title || hit.id}
                description={[entityTypeLabel(hit.type), hit.appName, hit.spaceName].filter(Boolean).join(' · ')}
                leftSection={<EntityTypeIcon type={hit.type} size={18} />}
                onClick={() => navigate(searchHitPath(hit))}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {query.trim() && (
          <Spotlight.Action
            label={`See all results for “${query.trim()}”`}
            leftSection={<IconArrowRight size={18} stroke={1.5} />}
            onClick={() => navigate(catalogPaths.search(query.trim()))}
          />
        )}
        {isEmpty && <Spotlight.Empty>Type to search the catalog.</Spotlight.Empty>}
      </Spotlight.ActionsList>
      <Group px="sm" py={6} gap="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Text size="xs" c="dimmed">
          ↑ ↓ to move · Enter to open · Esc to close
        </Text>
        {ref === null && (
          <Text size="xs" c="dimmed">
            No crawl yet: only sections are searchable.
          </Text>
        )}
      </Group>
    </Spotlight.Root>
  );
}
