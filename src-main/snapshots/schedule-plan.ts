/**
 * Scheduled crawls, the pure part: when a schedule runs next, which schedules are due at a given
 * moment, and how many runs were missed while the app was closed. No timers, no clock: `now` is
 * always passed in, so the scheduler is tested with a fake clock.
 */
import { AppError } from '../api/errors';
import { nextCronTime, validCron } from './cron';

export type IntervalUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months';

export type Recurrence =
  | { readonly type: 'interval'; readonly every: number; readonly unit: IntervalUnit }
  | { readonly type: 'cron'; readonly expression: string };

export interface Schedule {
  readonly id: string;
  readonly connectionId: string;
  readonly recurrence: Recurrence;
  readonly mode: 'full' | 'delta';
  readonly isEnabled: boolean;
  /** Intervals count from here (when the schedule was saved or re-enabled). */
  readonly anchorAt: string;
  /** The next run; null while disabled. */
  readonly nextRunAt: string | null;
  readonly lastRunAt: string | null;
  /** Folder to write each scheduled crawl's diff JSON into, or null. */
  readonly diffFolder: string | null;
}

/** The upper bound per unit: every interval lies between one minute and one year. */
export const intervalLimits: Readonly<Record<IntervalUnit, number>> = {
  minutes: 525_600,
  hours: 8_760,
  days: 366,
  weeks: 52,
  months: 12,
};

export function checkRecurrence(recurrence: Recurrence, now: Date): void {
  if (recurrence.type === 'cron') {
    validCron(recurrence.expression, now);
    return;
  }
  const max = intervalLimits[recurrence.unit];
  if (!Number.isInteger(recurrence.every) || recurrence.every < 1 || recurrence.every > max) {
    throw new AppError({
      code: 'invalid-arguments',
      message: `Every ${recurrence.every} ${recurrence.unit} is outside what a schedule allows.`,
      remedy: `Choose from 1 to ${max} ${recurrence.unit}: schedules run from every minute to once a year.`,
    });
  }
}

/** The occurrence `n` periods after the anchor (calendar months keep the anchor's day where they can). */
function occurrence(anchor: Date, every: number, unit: IntervalUnit, n: number): Date {
  const t = new Date(anchor.getTime());
  switch (unit) {
    case 'minutes':
      return new Date(anchor.getTime() + n * every * 60_000);
    case 'hours':
      return new Date(anchor.getTime() + n * every * 3_600_000);
    case 'days':
      t.setDate(t.getDate() + n * every);
      return t;
    case 'weeks':
      t.setDate(t.getDate() + n * every * 7);
      return t;
    case 'months': {
      const day = t.getDate();
      t.setDate(1);
      t.setMonth(t.getMonth() + n * every);
      const lastDay = new Date(t.getFullYear(), t.getMonth() + 1, 0).getDate();
      t.setDate(Math.min(day, lastDay));
      return t;
    }
  }
}

const approximateMs: Record<IntervalUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
  months: 28 * 86_400_000,
};

/** The first run strictly after `after`. */
export function nextRunAfter(recurrence: Recurrence, anchor: Date, after: Date): Date {
  if (recurrence.type === 'cron') {
    const next = nextCronTime(validCron(recurrence.expression, after), after);
    // validCron guarantees a match; this only satisfies the type.
    return next ?? new Date(after.getTime() + 366 * 86_400_000);
  }
  const { every, unit } = recurrence;
  if (after.getTime() < anchor.getTime()) return occurrence(anchor, every, unit, 1);
  // Jump close to `after` arithmetically, then step: a minutely schedule a year old is 525,600 steps otherwise.
  let n = Math.max(1, Math.floor((after.getTime() - anchor.getTime()) / (every * approximateMs[unit])) - 1);
  while (occurrence(anchor, every, unit, n).getTime() > after.getTime() && n > 1) n--;
  while (occurrence(anchor, every, unit, n).getTime() <= after.getTime()) n++;
  return occurrence(anchor, every, unit, n);
}

/** How many runs fall in [from, until], counted up to `cap` (a year of minutely runs is not worth counting). */
export function countRunsBetween(recurrence: Recurrence, anchor: Date, from: Date, until: Date, cap = 10_000): number {
  if (from.getTime() > until.getTime()) return 0;
  let count = 1;
  let t = from;
  while (count < cap) {
    t = nextRunAfter(recurrence, anchor, t);
    if (t.getTime() > until.getTime()) break;
    count++;
  }
  return count;
}

export interface MissedRuns {
  readonly scheduleId: string;
  readonly connectionId: string;
  readonly count: number;
  readonly nextRunAt: string;
  /** True when the app was closed; false when it was open but asleep (a suspended laptop). */
  readonly whileClosed: boolean;
}

export interface TickPlan {
  /** Schedules to start a crawl for now (at most one run each, however late). */
  readonly due: readonly Schedule[];
  readonly missed: readonly MissedRuns[];
  /** Every schedule with its next run moved past `now`. */
  readonly schedules: readonly Schedule[];
}

/**
 * What to do at `now`. On the first tick after the app starts (`isStartup`), runs that fell due
 * while it was closed are reported as missed and NOT run: a laptop opened after a week must not
 * fire a week of crawls. Later ticks run a due schedule once and report any extra runs it slept
 * through.
 */
export function planTick(schedules: readonly Schedule[], now: Date, isStartup: boolean): TickPlan {
  const due: Schedule[] = [];
  const missed: MissedRuns[] = [];
  const next = schedules.map((schedule) => {
    if (!schedule.isEnabled || schedule.nextRunAt === null) return schedule;
    const dueAt = new Date(schedule.nextRunAt);
    if (dueAt.getTime() > now.getTime()) return schedule;
    const anchor = new Date(schedule.anchorAt);
    const fellDue = countRunsBetween(schedule.recurrence, anchor, dueAt, now);
    const nextRunAt = nextRunAfter(schedule.recurrence, anchor, now).toISOString();
    const missedCount = isStartup ? fellDue : fellDue - 1;
    if (missedCount > 0)
      missed.push({ scheduleId: schedule.id, connectionId: schedule.connectionId, count: missedCount, nextRunAt, whileClosed: isStartup });
    if (!isStartup) due.push(schedule);
    return { ...schedule, nextRunAt, ...(isStartup ? {} : { lastRunAt: now.toISOString() }) };
  });
  return { due, missed, schedules: next };
}

/** A schedule as saved: enabling (re)anchors it at `now` and computes its next run. */
export function armSchedule(schedule: Omit<Schedule, 'anchorAt' | 'nextRunAt'> & { anchorAt?: string }, now: Date): Schedule {
  checkRecurrence(schedule.recurrence, now);
  const anchorAt = schedule.anchorAt ?? now.toISOString();
  const nextRunAt = schedule.isEnabled ? nextRunAfter(schedule.recurrence, new Date(anchorAt), now).toISOString() : null;
  return { ...schedule, anchorAt, nextRunAt };
}

/** "Demo tenant: 2 runs missed while the app was closed; the next runs at 2025-06-02 14:30." */
export function describeMissedRuns(missed: MissedRuns, connectionName: string, formatTime: (iso: string) => string): string {
  const runs = missed.count >= 10_000 ? '10,000 or more runs' : `${missed.count} ${missed.count === 1 ? 'run' : 'runs'}`;
  const why = missed.whileClosed ? 'while the app was closed' : 'while the computer was asleep';
  return `${connectionName}: ${runs} missed ${why}; the next runs at ${formatTime(missed.nextRunAt)}.`;
}
