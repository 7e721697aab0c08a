/**
 * Live crawl jobs: the `crawl/jobs` query kept current by `crawl/progress` events, and catalog
 * queries refreshed when a crawl ends. Mounted once in the shell.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CrawlJobView } from '../../src-main/api/types/crawl';
import { useCall, useEvent } from './hooks';

export function useCrawlJobs() {
  return useCall('crawl/jobs', {});
}

/** Keeps every window's view of crawl jobs live and refreshes catalog views after a crawl. */
export function useCrawlJobSync(): void {
  const client = useQueryClient();
  const onProgress = useCallback(
    (job: CrawlJobView) => {
      client.setQueryData<CrawlJobView[]>(['crawl/jobs', {}], (jobs = []) => {
        const others = jobs.filter((j) => j.jobId !== job.jobId);
        return [job, ...others].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      });
    },
    [client],
  );
  const onFinished = useCallback(
    () => void client.invalidateQueries({ predicate: (query) => String(query.queryKey[0]).startsWith('catalog/') }),
    [client],
  );
  useEvent('crawl/progress', onProgress);
  useEvent('crawl/finished', onFinished);
}

export function percentDone(job: CrawlJobView): number {
  if (job.status !== 'running') return 100;
  if (job.appsTotal === 0) return job.phase === 'connecting' || job.phase === 'listing' ? 2 : 0;
  return Math.min(100, Math.round((job.appsDone / job.appsTotal) * 100));
}

export const phaseLabels: Record<CrawlJobView['phase'], string> = {
  connecting: 'Connecting',
  listing: 'Listing apps',
  apps: 'Reading apps',
  'tenant-objects': 'Reading spaces, collections, connections and automations',
  lineage: 'Building lineage',
  committing: 'Saving the snapshot',
  done: 'Done',
};
