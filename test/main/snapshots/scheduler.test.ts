import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from '../../../src-main/snapshots/cron';
import { CrawlScheduler, type ScheduledCrawlOutcome } from '../../../src-main/snapshots/crawl-scheduler';
import { armSchedule, nextRunAfter, planTick, type Recurrence, type Schedule } from '../../../src-main/snapshots/schedule-plan';
import { tempDir } from './demo-kit';

/** Local wall-clock time, like cron reads it. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);

function schedule(recurrence: Recurrence, now: Date, isEnabled = true): Schedule {
  return armSchedule({ id: 's1', connectionId: 'demo', recurrence, mode: 'delta', isEnabled, lastRunAt: null, diffFolder: null }, now);
}

describe('cron expressions', () => {
  it('reads lists, ranges, steps and names', () => {
    const cron = parseCron('*/15 9-17 * jan-mar mon-fri');
    expect([...cron.minutes]).toEqual([0, 15, 30, 45]);
    expect([...cron.hours]).toHaveLength(9);
    expect([...cron.months]).toEqual([1, 2, 3]);
    expect([...cron.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('finds the next weekday 06:30 after a Friday evening', () => {
    expect(nextCronTime(parseCron('30 6 * * 1-5'), at(2025, 6, 6, 20, 0))).toEqual(at(2025, 6, 9, 6, 30));
  });

  it('matches either day field when both are restricted, as cron does', () => {
    // The 13th, or any Friday.
    const cron = parseCron('0 0 13 * 5');
    expect(nextCronTime(cron, at(2025, 6, 1))).toEqual(at(2025, 6, 6));
    expect(nextCronTime(cron, at(2025, 6, 12, 1))).toEqual(at(2025, 6, 13));
  });

  it('handles yearly schedules and Sunday as 7', () => {
    expect(nextCronTime(parseCron('0 3 29 2 *'), at(2025, 1, 1))).toEqual(at(2028, 2, 29, 3, 0));
    expect(nextCronTime(parseCron('0 12 * * 7'), at(2025, 6, 2))).toEqual(at(2025, 6, 8, 12, 0));
  });

  it('refuses malformed expressions with the reason and an example', () => {
    expect(() => parseCron('61 * * * *')).toThrow(/outside 0–59 in the minute field/);
    expect(() => parseCron('* * *')).toThrow(/3 fields, not 5/);
    expect(() => schedule({ type: 'cron', expression: '0 0 31 2 *' }, at(2025, 1, 1))).toThrow(/never matches/);
  });
});

describe('interval schedules', () => {
  it('run every N minutes, hours, days, weeks and months from when they were saved', () => {
    const now = at(2025, 1, 31, 10, 0);
    expect(schedule({ type: 'interval', every: 5, unit: 'minutes' }, now).nextRunAt).toBe(at(2025, 1, 31, 10, 5).toISOString());
    expect(schedule({ type: 'interval', every: 2, unit: 'hours' }, now).nextRunAt).toBe(at(2025, 1, 31, 12, 0).toISOString());
    expect(schedule({ type: 'interval', every: 1, unit: 'weeks' }, now).nextRunAt).toBe(at(2025, 2, 7, 10, 0).toISOString());
    // Month ends clamp: Jan 31 → Feb 28 → Mar 31.
    const monthly = { type: 'interval', every: 1, unit: 'months' } as const;
    expect(nextRunAfter(monthly, now, now)).toEqual(at(2025, 2, 28, 10, 0));
    expect(nextRunAfter(monthly, now, at(2025, 2, 28, 10, 0))).toEqual(at(2025, 3, 31, 10, 0));
  });

  it('allow one minute to one year, and nothing outside', () => {
    const now = at(2025, 1, 1);
    expect(() => schedule({ type: 'interval', every: 12, unit: 'months' }, now)).not.toThrow();
    expect(() => schedule({ type: 'interval', every: 13, unit: 'months' }, now)).toThrow(
      /Every 13 months is outside what a schedule allows/,
    );
    expect(() => schedule({ type: 'interval', every: 0, unit: 'minutes' }, now)).toThrow(/Every 0 minutes is outside/);
  });
});

describe('ticks and missed runs', () => {
  const hourly = { type: 'interval', every: 1, unit: 'hours' } as const;

  it('reports runs missed while the app was closed and runs none of them', () => {
    const saved = schedule(hourly, at(2025, 6, 1, 8, 0));
    const plan = planTick([saved], at(2025, 6, 1, 10, 30), true);
    expect(plan.due).toHaveLength(0);
    expect(plan.missed).toEqual([
      { scheduleId: 's1', connectionId: 'demo', count: 2, nextRunAt: at(2025, 6, 1, 11, 0).toISOString(), whileClosed: true },
    ]);
    expect(plan.schedules[0]?.nextRunAt).toBe(at(2025, 6, 1, 11, 0).toISOString());
  });

  it('runs a due schedule once however late, and counts the extra runs it slept through', () => {
    const saved = schedule(hourly, at(2025, 6, 1, 8, 0));
    const onTime = planTick([saved], at(2025, 6, 1, 9, 0), false);
    expect(onTime.due).toHaveLength(1);
    expect(onTime.missed).toHaveLength(0);
    const late = planTick([saved], at(2025, 6, 1, 12, 10), false);
    expect(late.due).toHaveLength(1);
    expect(late.missed[0]).toMatchObject({ count: 3, whileClosed: false });
  });

  it('never runs a disabled schedule, and shows no next run for it', () => {
    const off = schedule(hourly, at(2025, 6, 1, 8, 0), false);
    expect(off.nextRunAt).toBeNull();
    expect(planTick([off], at(2026, 1, 1), false).due).toHaveLength(0);
  });
});

describe('the scheduler with a fake clock', () => {
  function setup() {
    const dir = tempDir();
    let now = at(2025, 6, 1, 8, 0);
    const crawls: string[] = [];
    const timers: number[] = [];
    let snapshotId = 0;
    const deps = {
      file: join(dir, 'schedules.json'),
      now: () => now,
      setTimer: (_run: () => void, ms: number) => {
        timers.push(ms);
        return () => undefined;
      },
      startCrawl: async (connectionId: string, mode: 'full' | 'delta'): Promise<ScheduledCrawlOutcome> => {
        crawls.push(`${connectionId}:${mode}`);
        return { status: 'complete', snapshotId: ++snapshotId, error: null };
      },
      onCompleted: () => '1 app changed',
      connectionName: () => 'Demo tenant',
    };
    return { dir, deps, crawls, timers, setNow: (d: Date) => (now = d) };
  }

  it('starts due crawls, records the result, and keeps state in schedules.json across restarts', async () => {
    const { deps, crawls, setNow } = setup();
    const scheduler = new CrawlScheduler(deps);
    scheduler.start();
    const saved = scheduler.save({
      connectionId: 'demo',
      recurrence: { type: 'interval', every: 30, unit: 'minutes' },
      mode: 'delta',
      isEnabled: true,
      diffFolder: null,
    });
    expect(saved.nextRunAt).toBe(at(2025, 6, 1, 8, 30).toISOString());

    setNow(at(2025, 6, 1, 8, 30));
    await scheduler.tick();
    expect(crawls).toEqual(['demo:delta']);
    expect(scheduler.lastResult(saved.id)).toMatchObject({ status: 'complete', snapshotId: 1, summary: '1 app changed' });
    expect(scheduler.list()[0]?.nextRunAt).toBe(at(2025, 6, 1, 9, 0).toISOString());

    // Closed at 08:31, opened again at 10:15: 09:00, 09:30 and 10:00 were missed, not run.
    setNow(at(2025, 6, 1, 10, 15));
    const reopened = new CrawlScheduler(deps);
    reopened.start();
    await reopened.tick();
    expect(crawls).toEqual(['demo:delta']);
    expect(reopened.notices(() => '10:30')).toEqual(['Demo tenant: 3 runs missed while the app was closed; the next runs at 10:30.']);
    const file = JSON.parse(readFileSync(deps.file, 'utf8')) as { schedules: Schedule[] };
    expect(file.schedules[0]?.nextRunAt).toBe(at(2025, 6, 1, 10, 30).toISOString());
    expect(JSON.stringify(file)).not.toMatch(/key|token|password/i);
  });

  it('stops running a schedule once disabled, and deleting removes it from the file', async () => {
    const { deps, crawls, setNow } = setup();
    const scheduler = new CrawlScheduler(deps);
    scheduler.start();
    const saved = scheduler.save({
      connectionId: 'demo',
      recurrence: { type: 'cron', expression: '0 * * * *' },
      mode: 'full',
      isEnabled: true,
      diffFolder: null,
    });
    scheduler.save({ ...saved, isEnabled: false });
    setNow(at(2025, 6, 1, 12, 0));
    await scheduler.tick();
    expect(crawls).toEqual([]);
    scheduler.delete(saved.id);
    expect(existsSync(deps.file) && JSON.parse(readFileSync(deps.file, 'utf8')).schedules).toEqual([]);
  });

  it('sleeps until the next run, at most a minute', () => {
    const { deps, timers } = setup();
    const scheduler = new CrawlScheduler(deps);
    scheduler.start();
    scheduler.save({
      connectionId: 'demo',
      recurrence: { type: 'interval', every: 1, unit: 'days' },
      mode: 'delta',
      isEnabled: true,
      diffFolder: null,
    });
    expect(timers.at(-1)).toBe(60_000);
  });
});
