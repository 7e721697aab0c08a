import { Badge, Group, Menu, Paper, Text, UnstyledButton } from '@mantine/core';
import { IconCamera, IconChevronDown, IconPlugConnected } from '@tabler/icons-react';
import { useCall } from '../../api/hooks';
import { useCatalogScope, useReadyScope } from '../../catalog-scope';
import { formatShortDateTime } from './format';

/** "Demo tenant · snapshot #3 · 29 Nov 16:40 · latest", with menus to view another connection or crawl. */
export function ScopeBar() {
  const scope = useReadyScope();
  const { chooseConnection, chooseSnapshot } = useCatalogScope();
  const snapshots = useCall('catalog/snapshots', { connectionId: scope.connection.id });
  const complete = (snapshots.data ?? []).filter((s) => s.status === 'complete');
  const current = snapshots.data?.find((s) => s.id === scope.ref.snapshotId);
  const crawled = scope.connections.filter((c) => c.latestCompleteSnapshotId !== null);

  return (
    <Paper withBorder px="sm" py={6} radius="sm" aria-label="Catalog scope">
      <Group gap="xs" wrap="nowrap">
        <Menu position="bottom-start" disabled={crawled.length < 2}>
          <Menu.Target>
            <UnstyledButton aria-label={`Connection: ${scope.connection.name}. Change connection`}>
              <Group gap={4} wrap="nowrap">
                <IconPlugConnected size={16} aria-hidden />
                <Text fw={600} size="sm">
                  {scope.connection.name}
                </Text>
                {crawled.length > 1 && <IconChevronDown size={14} aria-hidden />}
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            {crawled.map((c) => (
              <Menu.Item key={c.id} onClick={() => chooseConnection(c.id)}>
                {c.name}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Text c="dimmed" size="sm" aria-hidden>
          ·
        </Text>
        <Menu position="bottom-start">
          <Menu.Target>
            <UnstyledButton aria-label={`Snapshot #${scope.ref.snapshotId}. Change snapshot`}>
              <Group gap={4} wrap="nowrap">
                <IconCamera size={16} aria-hidden />
                <Text size="sm">snapshot #{scope.ref.snapshotId}</Text>
                {current && (
                  <Text size="sm" c="dimmed">
                    · {formatShortDateTime(current.finishedAt ?? current.startedAt)}
                  </Text>
                )}
                <IconChevronDown size={14} aria-hidden />
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Complete crawls</Menu.Label>
            <Menu.Item onClick={() => chooseSnapshot(null)}>Always the latest</Menu.Item>
            {complete.map((s) => (
              <Menu.Item key={s.id} onClick={() => chooseSnapshot(s.id)} rightSection={<Text size="xs">{s.kind}</Text>}>
                #{s.id} · {formatShortDateTime(s.finishedAt ?? s.startedAt)} · {s.counts.apps} apps
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        {scope.isLatest ? (
          <Badge size="sm" variant="light" color="teal">
            latest
          </Badge>
        ) : (
          <Badge size="sm" variant="light" color="orange">
            pinned
          </Badge>
        )}
        {current && current.errorCount > 0 && (
          <Badge size="sm" variant="light" color="red">
            {current.errorCount} crawl errors
          </Badge>
        )}
      </Group>
    </Paper>
  );
}
