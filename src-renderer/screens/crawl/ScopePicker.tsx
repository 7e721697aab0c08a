import { ActionIcon, Checkbox, Collapse, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { AppRow, SpaceRow } from '../../../src-main/catalog/catalog-types';

export interface Scope {
  readonly spaceIds: readonly string[];
  readonly appIds: readonly string[];
}

interface Props {
  readonly spaces: readonly SpaceRow[];
  readonly apps: readonly AppRow[];
  readonly value: Scope;
  readonly onChange: (scope: Scope) => void;
}

const PERSONAL = 'personal';

/**
 * Spaces and their apps (as of the last snapshot) with checkboxes. A whole space selected is sent
 * as a space id, so apps added to it since the last crawl are crawled too.
 */
export function ScopePicker({ spaces, apps, value, onChange }: Props) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const appsBySpace = useMemo(() => {
    const grouped = new Map<string, AppRow[]>();
    for (const app of apps) {
      const key = app.spaceId ?? PERSONAL;
      grouped.set(key, [...(grouped.get(key) ?? []), app]);
    }
    return grouped;
  }, [apps]);
  const spaceIds = new Set(value.spaceIds);
  const appIds = new Set(value.appIds);

  function toggleSpace(id: string, checked: boolean): void {
    const members = (appsBySpace.get(id) ?? []).map((a) => a.id);
    onChange({
      spaceIds: checked ? [...spaceIds, id] : [...spaceIds].filter((s) => s !== id),
      appIds: [...appIds].filter((a) => !members.includes(a)),
    });
  }

  function toggleApp(spaceId: string, id: string, checked: boolean): void {
    if (spaceIds.has(spaceId)) {
      // Unticking one app of a fully selected space: select the others one by one.
      const others = (appsBySpace.get(spaceId) ?? []).map((a) => a.id).filter((a) => a !== id);
      onChange({ spaceIds: [...spaceIds].filter((s) => s !== spaceId), appIds: [...appIds, ...others] });
      return;
    }
    onChange({ spaceIds: [...spaceIds], appIds: checked ? [...appIds, id] : [...appIds].filter((a) => a !== id) });
  }

  const rows = [...spaces.map((s) => ({ id: s.id, name: s.name, type: s.type }))];
  if (appsBySpace.has(PERSONAL) && !rows.some((r) => r.id === PERSONAL)) rows.push({ id: PERSONAL, name: 'Personal', type: 'personal' });

  return (
    <ScrollArea.Autosize mah={360} type="auto">
      <Stack gap={4}>
        {rows.map((space) => {
          const members = appsBySpace.get(space.id) ?? [];
          const picked = members.filter((a) => appIds.has(a.id)).length;
          const whole = spaceIds.has(space.id);
          return (
            <div key={space.id}>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  onClick={() => setOpen({ ...open, [space.id]: !open[space.id] })}
                  aria-label={`${open[space.id] ? 'Collapse' : 'Expand'} ${space.name}`}
                  aria-expanded={Boolean(open[space.id])}
                >
                  {open[space.id] ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                </ActionIcon>
                <Checkbox
                  label={`${space.name} (${members.length} ${members.length === 1 ? 'app' : 'apps'})`}
                  checked={whole}
                  indeterminate={!whole && picked > 0}
                  onChange={(e) => toggleSpace(space.id, e.currentTarget.checked)}
                />
                <Text size="xs" c="dimmed">
                  {space.type}
                </Text>
              </Group>
              <Collapse expanded={Boolean(open[space.id])}>
                <Stack gap={2} pl={52} py={4}>
                  {members.map((app) => (
                    <Checkbox
                      key={app.id}
                      size="xs"
                      label={app.name}
                      checked={whole || appIds.has(app.id)}
                      onChange={(e) => toggleApp(space.id, app.id, e.currentTarget.checked)}
                    />
                  ))}
                </Stack>
              </Collapse>
            </div>
          );
        })}
      </Stack>
    </ScrollArea.Autosize>
  );
}
