import { Badge, Button, Card, Group, List, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import type { CrawlJobView } from '../../../src-main/api/types/crawl';
import { percentDone, phaseLabels } from '../../api/crawl-jobs';
import { useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDuration } from '../../format';

const statusColors: Record<CrawlJobView['status'], string> = { running: 'blue', complete: 'green', cancelled: 'gray', failed: 'red' };

/** One crawl job: live bar while it runs, outcome and per-app errors when it ends. */
export function CrawlProgressCard({ job }: { job: CrawlJobView }) {
  const cancel = useCallMutation('crawl/cancel');
  const counts = job.summary?.counts;
  const running = job.status === 'running';
  return (
    <Card withBorder aria-label={`Crawl of ${job.connectionName}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{job.connectionName}</Text>
            <Badge variant="light">{job.mode === 'full' ? 'Full crawl' : 'Delta crawl'}</Badge>
            <Badge color={statusColors[job.status]}>{job.status}</Badge>
          </Group>
          {running && (
            <Button
              variant="light"
              color="red"
              size="xs"
              leftSection={<IconPlayerStop size={14} />}
              loading={cancel.isPending}
              onClick={() => cancel.mutate({ jobId: job.jobId })}
            >
              Cancel
            </Button>
          )}
        </Group>
        <Progress
          value={percentDone(job)}
          animated={running}
          color={statusColors[job.status]}
          aria-label="Crawl progress"
          role="progressbar"
          aria-valuenow={percentDone(job)}
        />
        <Group justify="space-between">
          <Text size="sm" aria-live="polite">
            {phaseLabels[job.phase]}
            {job.appsTotal > 0 && ` · ${job.appsDone} of ${job.appsTotal} apps`}
            {job.currentApp && running && ` · ${job.currentApp.name}`}
          </Text>
          <Text size="sm" c={job.failures.length ? 'red' : 'dimmed'}>
            {job.failures.length} {job.failures.length === 1 ? 'error' : 'errors'}
          </Text>
        </Group>
        {counts && job.summary && (
          <Text size="sm" c="dimmed">
            {counts.appsCrawled} crawled · {counts.appsCarriedOver} unchanged · {counts.appsDeleted} deleted · {counts.sheets} sheets ·{' '}
            {counts.objects} objects · {formatDuration(job.summary.durationMs)}
          </Text>
        )}
        {job.notices.length > 0 && (
          <List size="xs" c="dimmed">
            {job.notices.slice(-3).map((notice, i) => (
              <List.Item key={i}>{notice}</List.Item>
            ))}
          </List>
        )}
        {job.error && job.status !== 'complete' && <ErrorAlert error={job.error} />}
        {job.failures.map((failure) => (
          <ErrorAlert key={failure.appId} error={failure.error} title={`${failure.appName}: ${failure.error.message}`} />
        ))}
        {cancel.error && <ErrorAlert error={cancel.error} />}
      </Stack>
    </Card>
  );
}
