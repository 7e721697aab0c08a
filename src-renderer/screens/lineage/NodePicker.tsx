/** Finds a lineage node by name (lineage/search) and hands back its id. */
import { Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { LineageNodeKind } from '../../../src-main/lineage/graph-model';
import { nodeKindStyles } from '../../../src-main/lineage-view/lineage-style';
import { useCall } from '../../api/hooks';
import type { SnapshotArgs } from './lineage-params';

interface Props {
  readonly label: string;
  readonly placeholder?: string;
  readonly kinds?: readonly LineageNodeKind[];
  readonly snapshot: SnapshotArgs;
  readonly onPick: (id: string) => void;
  readonly width?: number | string;
}

export function NodePicker({ label, placeholder, kinds, snapshot, onPick, width = 360 }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const hits = useCall(
    'lineage/search',
    { ...snapshot, text: debounced, limit: 30, ...(kinds ? { kinds: [...kinds] } : {}) },
    { enabled: debounced.trim().length >= 2 },
  );
  const data: ComboboxItem[] = (hits.data ?? []).map((hit) => ({
    value: hit.id,
    label: `${hit.label} · ${nodeKindStyles[hit.kind].name}${hit.appLabel ? ` · ${hit.appLabel}` : ''}`,
  }));
  return (
    <Select
      aria-label={label}
      placeholder={placeholder ?? 'Find a node by name…'}
      searchable
      clearable
      data={data}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={debounced.trim().length >= 2 && !hits.isFetching ? 'No node by that name' : undefined}
      onChange={(value) => {
        if (!value) return;
        setSearch('');
        onPick(value);
      }}
      w={width}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
