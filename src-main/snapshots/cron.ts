/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) as cron(5) reads them:
 * `*`, lists, ranges, steps, month and weekday names, 0 or 7 for Sunday. When both day fields are
 * restricted a day matches either one (the classic cron rule). Times are local, like crontab.
 */
import { AppError } from '../api/errors';

export interface CronSchedule {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  readonly isDayOfMonthRestricted: boolean;
  readonly isDayOfWeekRestricted: boolean;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const fields: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

function invalidCron(source: string, why: string): AppError {
  return new AppError({
    code: 'invalid-arguments',
    message: `"${source}" is not a cron expression this app understands: ${why}.`,
    remedy: 'Use five fields: minute hour day-of-month month day-of-week, e.g. "30 6 * * 1-5" for 06:30 on weekdays.',
  });
}

export function parseCron(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) throw invalidCron(source, `it has ${parts.length} fields, not 5`);
  const sets = parts.map((part, i) => parseField(source, part, fields[i]!));
  const daysOfWeek = new Set([...sets[4]!].map((d) => (d === 7 ? 0 : d)));
  return {
    source: parts.join(' '),
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek,
    isDayOfMonthRestricted: parts[2] !== '*' && !parts[2]!.startsWith('*/'),
    isDayOfWeekRestricted: parts[4] !== '*' && !parts[4]!.startsWith('*/'),
  };
}

function parseField(source: string, text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') throw invalidCron(source, `"${item}" in the ${spec.name} field`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw invalidCron(source, `step "${stepText}" in the ${spec.name} field`);
    let low: number;
    let high: number;
    if (range === '*') {
      low = spec.min;
      high = spec.name === 'day of week' ? 6 : spec.max;
    } else {
      const [first, last, more] = range.split('-');
      if (more !== undefined) throw invalidCron(source, `range "${range}" in the ${spec.name} field`);
      low = parseValue(source, first ?? '', spec);
      // "5/15" means "from 5 to the end, every 15".
      high = last !== undefined ? parseValue(source, last, spec) : stepText !== undefined ? spec.max : low;
    }
    if (low > high) throw invalidCron(source, `range "${range}" runs backwards in the ${spec.name} field`);
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

function parseValue(source: string, text: string, spec: FieldSpec): number {
  const byName = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (byName >= 0) return byName + (spec.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) throw invalidCron(source, `"${text}" in the ${spec.name} field`);
  const value = Number(text);
  if (value < spec.min || value > spec.max)
    throw invalidCron(source, `${value} is outside ${spec.min}–${spec.max} in the ${spec.name} field`);
  return value;
}

function matchesDay(cron: CronSchedule, date: Date): boolean {
  const isMonthDay = cron.daysOfMonth.has(date.getDate());
  const isWeekDay = cron.daysOfWeek.has(date.getDay());
  if (cron.isDayOfMonthRestricted && cron.isDayOfWeekRestricted) return isMonthDay || isWeekDay;
  return isMonthDay && isWeekDay;
}

/** Five years: every real date recurs within that (Feb 29 every four); an expression silent that long is refused. */
const SEARCH_LIMIT_DAYS = 366 * 5;

/** The first matching minute strictly after `after`, or null when none comes within five years. */
export function nextCronTime(cron: CronSchedule, after: Date): Date | null {
  const t = new Date(after.getTime());
  t.setSeconds(0, 0);
  t.setMinutes(t.getMinutes() + 1);
  const limit = after.getTime() + SEARCH_LIMIT_DAYS * 86_400_000;
  while (t.getTime() <= limit) {
    if (!cron.months.has(t.getMonth() + 1)) {
      t.setMonth(t.getMonth() + 1, 1);
      t.setHours(0, 0, 0, 0);
      continue;
    }
    if (!matchesDay(cron, t)) {
      t.setDate(t.getDate() + 1);
      t.setHours(0, 0, 0, 0);
      continue;
    }
    if (!cron.hours.has(t.getHours())) {
      t.setHours(t.getHours() + 1, 0, 0, 0);
      continue;
    }
    if (!cron.minutes.has(t.getMinutes())) {
      t.setMinutes(t.getMinutes() + 1, 0, 0);
      continue;
    }
    return t;
  }
  return null;
}

/** Parses and checks that the expression ever fires (e.g. "0 0 31 2 *" never does). */
export function validCron(source: string, now: Date): CronSchedule {
  const cron = parseCron(source);
  if (nextCronTime(cron, now) === null) throw invalidCron(source, 'it never matches a real date');
  return cron;
}
