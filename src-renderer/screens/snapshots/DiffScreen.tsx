import { Accordion, Alert, Anchor, Badge, Button, Code, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowsDiff, IconUnlink } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { brokenPhrase, changePhrases, kindNoun } from '../../../src-main/snapshots/change-summary';
import {
  diffEntityKinds,
  type AppChange,
  type EntityChange,
  type FieldChange,
  type SnapshotDiff,
} from '../../../src-main/snapshots/snapshot-diff';
import { useCall } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { ScriptDiffView } from '../../components/ScriptDiffView';
import { formatDateTime } from '../catalog/format';
import { userLabels, userPath } from '../catalog/WhereUsedList';

const changeColor = { added: 'green', removed: 'red', changed: 'yellow' } as const;

/** Reads `?connection=&from=&to=` (and `fromConnection` / `toConnection` for a shared file on one side). */
export function DiffScreen() {
  const [params] = useSearchParams();
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const connectionId = params.get('connection') ?? undefined;
  const fromConnectionId = params.get('fromConnection') ?? undefined;
  const toConnectionId = params.get('toConnection') ?? undefined;
  const isValid = Number.isInteger(from) && from > 0 && Number.isInteger(to) && to > 0;
  const diff = useCall(
    'snapshots/diff',
    {
      from,
      to,
      ...(connectionId ? { connectionId } : {}),
      ...(fromConnectionId ? { fromConnectionId } : {}),
      ...(toConnectionId ? { toConnectionId } : {}),
    },
    { enabled: isValid },
  );
  return (
    <Stack maw={1300}>
      <Group justify="space-between">
        <Title order={2}>Compare snapshots</Title>
        <Button component={Link} to="/snapshots" variant="subtle" leftSection={<IconArrowLeft size={16} />}>
          Snapshots
        </Button>
      </Group>
      {!isValid ? (
        <EmptyState icon={IconArrowsDiff} title="Pick two snapshots">
          Choose two snapshots on the Snapshots page and press Compare.
        </EmptyState>
      ) : (
        <QueryView query={diff} skeletonRows={6}>
          {(data) => <DiffView diff={data} />}
        </QueryView>
      )}
    </Stack>
  );
}

function DiffView({ diff }: { diff: SnapshotDiff }) {
  const phrases = changePhrases(diff);
  const broken = brokenPhrase(diff);
  return (
    <Stack>
      <Paper withBorder p="md">
        <Text size="sm">
          <b>{diff.from.connectionName}</b> snapshot {diff.from.snapshotId} ({formatDateTime(diff.from.startedAt)}) →{' '}
          <b>{diff.to.connectionName}</b> snapshot {diff.to.snapshotId} ({formatDateTime(diff.to.startedAt)})
        </Text>
        <Text fw={600} mt={6} aria-label="Summary">
          {diff.isEmpty ? 'No changes.' : `${phrases.join(', ')}.`}
        </Text>
        {broken && (
          <Alert color="red" variant="light" mt="sm" icon={<IconUnlink size={18} />} title={`${broken} by these changes`}>
            Charts, master items or bookmarks now point at a field or master item the later snapshot no longer has. Each app below lists its
            own.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} mt="sm" spacing="xs">
          {diffEntityKinds
            .filter((kind) => {
              const c = diff.counts[kind];
              return c.added + c.removed + c.changed > 0;
            })
            .map((kind) => {
              const c = diff.counts[kind];
              return (
                <Paper key={kind} withBorder p={6} radius="sm">
                  <Text size="xs" c="dimmed" tt="capitalize">
                    {kindNoun(kind, 2)}
                  </Text>
                  <Group gap={4}>
                    {c.added > 0 && (
                      <Badge color="green" variant="light">
                        +{c.added}
                      </Badge>
                    )}
                    {c.removed > 0 && (
                      <Badge color="red" variant="light">
                        −{c.removed}
                      </Badge>
                    )}
                    {c.changed > 0 && (
                      <Badge color="yellow" variant="light">
                        ~{c.changed}
                      </Badge>
                    )}
                  </Group>
                </Paper>
              );
            })}
        </SimpleGrid>
      </Paper>

      {diff.apps.length > 0 && (
        <>
          <Title order={3}>Apps</Title>
          <Accordion multiple variant="separated" defaultValue={diff.apps.filter((a) => a.change === 'changed').map((a) => a.appId)}>
            {diff.apps.map((app) => (
              <AppChangeItem key={app.appId} app={app} diff={diff} />
            ))}
          </Accordion>
        </>
      )}

      {diff.tenant.length > 0 && (
        <>
          <Title order={3}>Spaces, collections, data connections and automations</Title>
          <Paper withBorder p="sm">
            <ItemList items={diff.tenant} />
          </Paper>
        </>
      )}

      {(diff.lineage.added.length > 0 || diff.lineage.removed.length > 0) && (
        <>
          <Title order={3}>Lineage</Title>
          <Accordion variant="separated">
            <Accordion.Item value="lineage">
              <Accordion.Control>
                {diff.lineage.removed.length} edges removed, {diff.lineage.added.length} added
              </Accordion.Control>
              <Accordion.Panel>
                <Table fz="xs" aria-label="Lineage changes">
                  <Table.Tbody>
                    {[
                      ...diff.lineage.removed.map((e) => ({ ...e, change: 'removed' as const })),
                      ...diff.lineage.added.map((e) => ({ ...e, change: 'added' as const })),
                    ]
                      .slice(0, 300)
                      .map((edge, i) => (
                        <Table.Tr key={i}>
                          <Table.Td w={90}>
                            <Badge size="xs" color={changeColor[edge.change]} variant="light">
                              {edge.change}
                            </Badge>
                          </Table.Td>
                          <Table.Td>{edge.fromLabel}</Table.Td>
                          <Table.Td c="dimmed">{edge.kind}</Table.Td>
                          <Table.Td>{edge.toLabel}</Table.Td>
                        </Table.Tr>
                      ))}
                  </Table.Tbody>
                </Table>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </>
      )}
    </Stack>
  );
}

function AppChangeItem({ app, diff }: { app: AppChange; diff: SnapshotDiff }) {
  const summary =
    app.change === 'changed'
      ? [app.items.length ? `${app.items.length} ${app.items.length === 1 ? 'item' : 'items'}` : null, app.script ? 'script' : null]
          .filter(Boolean)
          .join(', ') || 'attributes'
      : app.change;
  return (
    <Accordion.Item value={app.appId}>
      <Accordion.Control>
        <Group gap="xs">
          <Badge color={changeColor[app.change]} variant="light" w={80}>
            {app.change}
          </Badge>
          <Text fw={600}>{app.title}</Text>
          <Text size="sm" c="dimmed">
            {summary}
          </Text>
          {app.broken.length > 0 && (
            <Badge color="red" variant="light" leftSection={<IconUnlink size={12} />}>
              {app.broken.length} broken
            </Badge>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          {app.broken.length > 0 && (
            <Stack gap={4} aria-label={`${app.title}: references broken`}>
              <Text fw={600} size="sm" c="red">
                Broken by this change
              </Text>
              <List size="sm" spacing={2}>
                {app.broken.map((b) => (
                  <List.Item key={`${b.user}:${b.id}:${b.problem}:${b.reference}`}>
                    {userLabels[b.user]}{' '}
                    <Anchor component={Link} to={userPath(app.appId, b)} size="sm">
                      {b.title || b.id}
                    </Anchor>
                    {b.sheetTitle ? ` on ${b.sheetTitle}` : ''} {b.message}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
          {app.fields.length > 0 && <FieldTable fields={app.fields} label={`${app.title} attributes`} />}
          {app.items.length > 0 && <ItemList items={app.items} />}
          {app.script && (
            <Stack gap={4}>
              <Text fw={600} size="sm">
                Load script
              </Text>
              <ScriptDiffView
                diff={app.script}
                beforeLabel={`Snapshot ${diff.from.snapshotId}`}
                afterLabel={`Snapshot ${diff.to.snapshotId}`}
              />
            </Stack>
          )}
          {app.change === 'changed' && (
            <Anchor component={Link} to={`/catalog/app/${encodeURIComponent(app.appId)}`} size="sm">
              Open the app in the catalog
            </Anchor>
          )}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function ItemList({ items }: { items: readonly EntityChange[] }) {
  return (
    <Stack gap={6}>
      {items.map((item) => (
        <Stack key={`${item.kind}:${item.id}`} gap={2}>
          <Group gap="xs">
            <Badge size="sm" color={changeColor[item.change]} variant="light" w={80}>
              {item.change}
            </Badge>
            <Text size="sm" c="dimmed" w={150}>
              {kindNoun(item.kind, 1)}
            </Text>
            <Text size="sm" fw={500}>
              {item.title || item.id}
            </Text>
          </Group>
          {item.fields.length > 0 && <FieldTable fields={item.fields} label={`${item.title} changes`} />}
        </Stack>
      ))}
    </Stack>
  );
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function FieldTable({ fields, label }: { fields: readonly FieldChange[]; label: string }) {
  return (
    <Table fz="xs" withTableBorder w="calc(100% - 88px)" ml={88} maw={1000} aria-label={label} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((f) => (
          <Table.Tr key={f.field}>
            <Table.Td>{f.field}</Table.Td>
            <Table.Td bg="var(--mantine-color-red-light)">
              <Code bg="transparent" fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {shown(f.before)}
              </Code>
            </Table.Td>
            <Table.Td bg="var(--mantine-color-green-light)">
              <Code bg="transparent" fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {shown(f.after)}
              </Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
