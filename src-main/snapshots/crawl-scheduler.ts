/**
 * Runs scheduled crawls while the app is open. State lives in schedules.json in the user data
 * folder (no secrets: connection ids, recurrences, times). The decisions are schedule-plan.ts's;
 * this class owns the timer, the file and the calls out. Clock and timer are injected for tests.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../api/errors';
import { readJsonFile, writeJsonFile } from './json-file';
import { armSchedule, describeMissedRuns, planTick, type MissedRuns, type Recurrence, type Schedule } from './schedule-plan';
import type { ScheduleRunResult } from './snapshot-views';

export interface ScheduledCrawlOutcome {
  readonly status: 'complete' | 'cancelled' | 'failed';
  readonly snapshotId: number | null;
  readonly error: string | null;
}

export interface SchedulerDeps {
  readonly file: string;
  readonly now: () => Date;
  /** Calls `run` after `ms`; returns a cancel function. */
  readonly setTimer: (run: () => void, ms: number) => () => void;
  /** Starts a crawl and resolves when it ends; throws when it cannot start (one is already running). */
  readonly startCrawl: (connectionId: string, mode: 'full' | 'delta') => Promise<ScheduledCrawlOutcome>;
  /** After a scheduled crawl completed: returns the summary line stored as the last result. */
  readonly onCompleted: (schedule: Schedule, snapshotId: number) => Promise<string> | string;
  readonly connectionName: (connectionId: string) => string;
}

export interface ScheduleInput {
  readonly id?: string | undefined;
  readonly connectionId: string;
  readonly recurrence: Recurrence;
  readonly mode: 'full' | 'delta';
  readonly isEnabled: boolean;
  readonly diffFolder: string | null;
}

const recurrenceSchema = z.union([
  z.object({ type: z.literal('interval'), every: z.number(), unit: z.enum(['minutes', 'hours', 'days', 'weeks', 'months']) }),
  z.object({ type: z.literal('cron'), expression: z.string() }),
]);
const scheduleSchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  recurrence: recurrenceSchema,
  mode: z.enum(['full', 'delta']),
  isEnabled: z.boolean(),
  anchorAt: z.string(),
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  diffFolder: z.string().nullable(),
});
const resultSchema = z.object({
  at: z.string(),
  status: z.enum(['complete', 'cancelled', 'failed', 'skipped']),
  snapshotId: z.number().nullable(),
  summary: z.string(),
});
const fileSchema = z.object({
  version: z.literal(1),
  schedules: z.array(scheduleSchema),
  lastResults: z.record(z.string(), resultSchema),
});
type SchedulesFile = z.infer<typeof fileSchema>;
const emptyFile: SchedulesFile = { version: 1, schedules: [], lastResults: {} };

/** Polls at least this often, so a changed system clock or a resumed laptop is noticed soon. */
const MAX_SLEEP_MS = 60_000;

export function schedulesFile(userDataDir: string): string {
  return join(userDataDir, 'schedules.json');
}

export class CrawlScheduler {
  private state: SchedulesFile;
  private missed: MissedRuns[] = [];
  private cancelTimer: (() => void) | null = null;
  private readonly running = new Set<string>();
  private isStopped = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.state = readJsonFile(deps.file, fileSchema, emptyFile);
  }

  /** The first tick: runs due while the app was closed are reported, not run; then the timer starts. */
  start(): void {
    this.apply(planTick(this.state.schedules, this.deps.now(), true));
    this.arm();
  }

  stop(): void {
    this.isStopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** One pass: starts every due schedule once. Resolves when the crawls it started have ended. */
  async tick(): Promise<void> {
    const plan = planTick(this.state.schedules, this.deps.now(), false);
    this.apply(plan);
    await Promise.all(plan.due.map((schedule) => this.run(schedule)));
  }

  list(): Schedule[] {
    return [...this.state.schedules];
  }

  lastResult(scheduleId: string): ScheduleRunResult | null {
    return this.state.lastResults[scheduleId] ?? null;
  }

  /** Missed-run notices since the app started, newest last. */
  notices(formatTime: (iso: string) => string = (iso) => iso.slice(0, 16).replace('T', ' ') + ' UTC'): string[] {
    return this.missed.map((m) => describeMissedRuns(m, this.deps.connectionName(m.connectionId), formatTime));
  }

  save(input: ScheduleInput): Schedule {
    const existing = input.id ? this.state.schedules.find((s) => s.id === input.id) : undefined;
    if (input.id && !existing) throw unknownSchedule(input.id);
    const isSameTiming = existing && existing.isEnabled && input.isEnabled && sameRecurrence(existing.recurrence, input.recurrence);
    const schedule = armSchedule(
      {
        id: existing?.id ?? randomUUID(),
        connectionId: input.connectionId,
        recurrence: input.recurrence,
        mode: input.mode,
        isEnabled: input.isEnabled,
        lastRunAt: existing?.lastRunAt ?? null,
        diffFolder: input.diffFolder,
        // Editing anything but the timing keeps the rhythm; a new timing or re-enabling starts it now.
        ...(isSameTiming ? { anchorAt: existing.anchorAt } : {}),
      },
      this.deps.now(),
    );
    const schedules = existing
      ? this.state.schedules.map((s) => (s.id === schedule.id ? schedule : s))
      : [...this.state.schedules, schedule];
    this.persist({ ...this.state, schedules });
    this.arm();
    return schedule;
  }

  delete(id: string): void {
    if (!this.state.schedules.some((s) => s.id === id)) throw unknownSchedule(id);
    const { [id]: _dropped, ...lastResults } = this.state.lastResults;
    this.persist({ ...this.state, schedules: this.state.schedules.filter((s) => s.id !== id), lastResults });
    this.missed = this.missed.filter((m) => m.scheduleId !== id);
    this.arm();
  }

  private apply(plan: ReturnType<typeof planTick>): void {
    if (plan.missed.length)
      this.missed = [...this.missed.filter((m) => !plan.missed.some((n) => n.scheduleId === m.scheduleId)), ...plan.missed];
    if (plan.due.length || plan.missed.length || plan.schedules.some((s, i) => s !== this.state.schedules[i])) {
      this.persist({ ...this.state, schedules: [...plan.schedules] });
    }
  }

  private async run(schedule: Schedule): Promise<void> {
    const at = this.deps.now().toISOString();
    if (this.running.has(schedule.id))
      return this.record(schedule.id, { at, status: 'skipped', snapshotId: null, summary: 'The previous run was still going.' });
    this.running.add(schedule.id);
    try {
      const outcome = await this.deps.startCrawl(schedule.connectionId, schedule.mode);
      if (outcome.status !== 'complete' || outcome.snapshotId === null) {
        return this.record(schedule.id, {
          at,
          status: outcome.status,
          snapshotId: outcome.snapshotId,
          summary: outcome.error ?? `Crawl ${outcome.status}.`,
        });
      }
      const summary = await this.deps.onCompleted(schedule, outcome.snapshotId);
      this.record(schedule.id, { at, status: 'complete', snapshotId: outcome.snapshotId, summary });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.record(schedule.id, { at, status: 'skipped', snapshotId: null, summary: message });
    } finally {
      this.running.delete(schedule.id);
    }
  }

  private record(scheduleId: string, result: ScheduleRunResult): void {
    if (!this.state.schedules.some((s) => s.id === scheduleId)) return;
    this.persist({ ...this.state, lastResults: { ...this.state.lastResults, [scheduleId]: result } });
  }

  private persist(next: SchedulesFile): void {
    this.state = next;
    writeJsonFile(this.deps.file, next);
  }

  /** Sleeps until the next due run (at most a minute), then ticks and sleeps again. */
  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.isStopped) return;
    const nextTimes = this.state.schedules.filter((s) => s.isEnabled && s.nextRunAt).map((s) => Date.parse(s.nextRunAt as string));
    if (nextTimes.length === 0) return;
    const wait = Math.max(0, Math.min(MAX_SLEEP_MS, Math.min(...nextTimes) - this.deps.now().getTime()));
    this.cancelTimer = this.deps.setTimer(() => {
      // tick() moves every due schedule's next run synchronously; crawls then run without blocking the timer.
      const runs = this.tick();
      this.arm();
      void runs;
    }, wait);
  }
}

function sameRecurrence(a: Recurrence, b: Recurrence): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function unknownSchedule(id: string): AppError {
  return new AppError({
    code: 'not-found',
    message: 'That schedule does not exist any more.',
    remedy: 'Reload the Snapshots page.',
    detail: id,
  });
}

/** A real timer that never keeps the process alive by itself (serve and the CLI exit normally). */
export function unrefTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
}
