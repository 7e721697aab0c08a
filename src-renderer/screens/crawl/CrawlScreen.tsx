import { Badge, Button, Card, Collapse, Group, SegmentedControl, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { CrawlHistoryEntry } from '../../../src-main/catalog/catalog-types';
import { useCrawlJobs } from '../../api/crawl-jobs';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatDuration } from '../../format';
import { CrawlProgressCard } from './CrawlProgressCard';
import { ScopePicker, type Scope } from './ScopePicker';

const everything: Scope = { spaceIds: [], appIds: [] };

export function CrawlScreen() {
  const connections = useCall('connections/list', {});
  const [connectionId, setConnectionId] = useState<string>('demo');
  const [mode, setMode] = useState<'full' | 'delta'>('delta');
  const [scopeKind, setScopeKind] = useState<'all' | 'selected'>('all');
  const [scope, setScope] = useState<Scope>(everything);
  const jobs = useCrawlJobs();
  const start = useCallMutation('crawl/start', ['crawl/jobs']);
  const snapshots = useCall('catalog/snapshots', { connectionId });
  const hasSnapshot = (snapshots.data ?? []).some((s) => s.status === 'complete');
  const spaces = useCall('catalog/spaces', { connectionId }, { enabled: hasSnapshot && scopeKind === 'selected' });
  const apps = useCall('catalog/apps', { connectionId }, { enabled: hasSnapshot && scopeKind === 'selected' });
  const running = (jobs.data ?? []).find((j) => j.connectionId === connectionId && j.status === 'running');
  const nothingPicked = scopeKind === 'selected' && scope.spaceIds.length === 0 && scope.appIds.length === 0;

  function startCrawl(): void {
    start.mutate({
      connectionId,
      mode,
      ...(scopeKind === 'selected' ? { spaceIds: [...scope.spaceIds], appIds: [...scope.appIds] } : {}),
    });
  }

  return (
    <Stack maw={1100}>
      <Title order={2}>Crawl</Title>
      <Card withBorder>
        <Stack>
          <Group align="flex-end" wrap="wrap">
            <Select
              label="Connection"
              data={(connections.data ?? []).map((c) => ({ value: c.id, label: c.environment ? `${c.name} (${c.environment})` : c.name }))}
              value={connectionId}
              onChange={(value) => {
                if (value) setConnectionId(value);
                setScope(everything);
              }}
              allowDeselect={false}
              w={320}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="crawl-mode-label">
                Kind
              </Text>
              <SegmentedControl
                aria-labelledby="crawl-mode-label"
                value={mode}
                onChange={(v) => setMode(v as 'full' | 'delta')}
                data={[
                  { value: 'delta', label: 'Delta (changed apps only)' },
                  { value: 'full', label: 'Full' },
                ]}
              />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="crawl-scope-label">
                Scope
              </Text>
              <SegmentedControl
                aria-labelledby="crawl-scope-label"
                value={scopeKind}
                onChange={(v) => setScopeKind(v as 'all' | 'selected')}
                data={[
                  { value: 'all', label: 'All spaces and apps' },
                  { value: 'selected', label: 'Selected', disabled: !hasSnapshot },
                ]}
              />
            </Stack>
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              onClick={startCrawl}
              loading={start.isPending}
              disabled={Boolean(running) || nothingPicked}
            >
              Start crawl
            </Button>
          </Group>
          {!hasSnapshot && snapshots.isSuccess && (
            <Text size="sm" c="dimmed">
              No complete crawl of this connection yet: the first crawl reads everything, and afterwards you can pick spaces and apps.
            </Text>
          )}
          {scopeKind === 'selected' && hasSnapshot && (spaces.isPending || apps.isPending) && <Skeleton h={120} />}
          {scopeKind === 'selected' && spaces.data && apps.data && (
            <ScopePicker spaces={spaces.data} apps={apps.data} value={scope} onChange={setScope} />
          )}
          {start.error && <ErrorAlert error={start.error} title="The crawl did not start" />}
        </Stack>
      </Card>

      {(jobs.data ?? []).slice(0, 3).map((job) => (
        <CrawlProgressCard key={job.jobId} job={job} />
      ))}

      <Title order={3}>History</Title>
      <CrawlHistory connectionId={connectionId} />
    </Stack>
  );
}

const statusColor: Record<CrawlHistoryEntry['status'], string> = {
  complete: 'green',
  running: 'blue',
  failed: 'red',
  cancelled: 'gray',
  interrupted: 'orange',
};

function CrawlHistory({ connectionId }: { connectionId: string }) {
  const history = useCall('catalog/crawl-history', { connectionId });
  const [open, setOpen] = useState<number | null>(null);
  if (history.isPending) return <Skeleton h={80} />;
  if (history.error) return <ErrorAlert error={history.error} />;
  if (history.data.length === 0) return <Text c="dimmed">No crawls of this connection yet.</Text>;
  return (
    <Table striped highlightOnHover aria-label="Crawl history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Started</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Duration</Table.Th>
          <Table.Th>Apps</Table.Th>
          <Table.Th>Errors</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.map((run) => (
          <Fragment key={run.id}>
            <Table.Tr
              onClick={() => setOpen(open === run.id ? null : run.id)}
              style={{ cursor: run.errors.length ? 'pointer' : undefined }}
            >
              <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
              <Table.Td>{run.kind}</Table.Td>
              <Table.Td>
                <Badge color={statusColor[run.status]} variant="light">
                  {run.status}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDuration(run.durationMs)}</Table.Td>
              <Table.Td>
                {run.counts.apps} ({run.counts.crawledApps} crawled, {run.counts.carriedOverApps} unchanged)
              </Table.Td>
              <Table.Td>{run.errorCount || '—'}</Table.Td>
            </Table.Tr>
            {run.errors.length > 0 && (
              <Table.Tr>
                <Table.Td colSpan={6} p={0}>
                  <Collapse expanded={open === run.id}>
                    <Stack p="sm" gap="xs">
                      {run.errors.map((e) => (
                        <ErrorAlert key={e.appId} error={e.error} title={`${e.appName}: ${e.error.message}`} />
                      ))}
                    </Stack>
                  </Collapse>
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}
