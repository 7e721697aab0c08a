import { Group, RingProgress, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { percentDone, phaseLabels, useCrawlJobs } from '../api/crawl-jobs';

/** A small live ring in the header while a crawl runs anywhere; click to open the Crawl page. */
export function CrawlIndicator() {
  const jobs = useCrawlJobs();
  const navigate = useNavigate();
  const running = (jobs.data ?? []).find((j) => j.status === 'running');
  if (!running) return null;
  const percent = percentDone(running);
  return (
    <Tooltip label={`${phaseLabels[running.phase]}: ${running.appsDone} of ${running.appsTotal || '?'} apps`}>
      <UnstyledButton onClick={() => navigate('/crawl')} aria-label={`Crawl of ${running.connectionName} running, ${percent}% done`}>
        <Group gap={6} wrap="nowrap">
          <RingProgress size={28} thickness={3} roundCaps sections={[{ value: percent, color: 'teal' }]} />
          <Text size="sm">Crawling {running.connectionName}…</Text>
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
