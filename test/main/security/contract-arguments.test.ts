/**
 * Every contract call with wrong arguments is refused by dispatch() — the one check both
 * transports (Electron IPC, serve's WebSocket) go through — before any handler runs. The wrong
 * arguments are generated from each entry's zod schema: wrong primitive types per field, extra
 * keys, missing required keys, non-object arguments and huge strings.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callNames, contract, type CallName } from '../../../src-main/api/contract';
import { dispatch, type Service } from '../../../src-main/api/dispatch';
import { makeTestService } from '../../support/service';

const HUGE = 'a'.repeat(1 << 20);
const WRONG_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['a number', 12345],
  ['a string', 'text'],
  ['a boolean', true],
  ['null', null],
  ['an array', [1, 'two']],
  ['an object', { nested: { deeper: 1 } }],
  ['a 1 MB string', HUGE],
  ['a negative fraction', -1.5],
];

/** Fields that may legitimately carry a megabyte: the reason each is accepted. */
const LARGE_FIELDS_ALLOWED: Record<string, string> = {
  'snapshots/open-file.gzipBase64': 'a snapshot file uploaded from the browser; bounded by the 4 MB WebSocket frame limit of serve',
};

/** The object shape behind an argument schema (through refinements and defaults), if it has one. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  const def = (schema as unknown as { _zod: { def: { type: string; in?: z.ZodType; innerType?: z.ZodType } } })._zod.def;
  if (def.type === 'pipe' && def.in) return shapeOf(def.in);
  if (def.innerType) return shapeOf(def.innerType);
  return null;
}

function makeGuardedService(): { service: Service; ran: string[] } {
  const { service } = makeTestService();
  const ran: string[] = [];
  const guarded = Object.fromEntries(
    Object.entries(service).map(([name, handler]) => [
      name,
      (args: unknown) => {
        ran.push(name);
        return (handler as (a: unknown) => unknown)(args);
      },
    ]),
  ) as unknown as Service;
  return { service: guarded, ran };
}

async function expectRefused(service: Service, name: CallName, args: unknown, mentions: string): Promise<void> {
  const result = await dispatch(service, name, args);
  expect(result.ok, `${name} accepted ${JSON.stringify(args).slice(0, 120)}`).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid-arguments');
  expect(result.error.message).toContain(name);
  expect(result.error.message).toContain(mentions);
  expect(result.error.remedy.length).toBeGreaterThan(0);
}

describe('wrong arguments for every contract call are refused before any handler runs', () => {
  it.each(callNames)('%s', async (name) => {
    const { service, ran } = makeGuardedService();
    const schema = contract[name].args;
    for (const notAnObject of ['x', 42, [1], true]) await expectRefused(service, name, notAnObject, '');
    const shape = shapeOf(schema);
    if (shape) {
      await expectRefused(service, name, { __unexpected: 1 }, '__unexpected');
      for (const [key, field] of Object.entries(shape)) {
        if (!field.safeParse(undefined).success) await expectRefused(service, name, {}, key);
        for (const [, wrong] of WRONG_VALUES) {
          if (wrong === HUGE && LARGE_FIELDS_ALLOWED[`${name}.${key}`]) continue;
          if (field.safeParse(wrong).success) continue; // a value this field accepts is not wrong for it
          await expectRefused(service, name, { [key]: wrong }, key);
        }
      }
    }
    expect(ran).toEqual([]);
  });

  it('no string field accepts a megabyte unless listed with a reason', () => {
    const unbounded: string[] = [];
    for (const name of callNames) {
      for (const [key, field] of Object.entries(shapeOf(contract[name].args) ?? {})) {
        if (field.safeParse(HUGE).success && !LARGE_FIELDS_ALLOWED[`${name}.${key}`]) unbounded.push(`${name}.${key}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('refuses names outside the contract, including prototype keys', async () => {
    const { service, ran } = makeGuardedService();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'crawl/start/', 'CRAWL/START', 42, null]) {
      const result = await dispatch(service, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    }
    expect(ran).toEqual([]);
  });
});
