/**
 * The engine's method signatures, read from the schema enigma.js ships (protocol doc §1.1): In
 * names give positional parameter order, Out names the keys of `result` (`qReturn` when none).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface SchemaParam {
  readonly Name: string;
  readonly DefaultValue?: unknown;
  readonly Optional?: boolean;
}

interface SchemaMethod {
  readonly In: readonly SchemaParam[];
  readonly Out: readonly { readonly Name: string }[];
}

export interface EngineSchema {
  readonly structs: Readonly<Record<string, Readonly<Record<string, SchemaMethod>>>>;
}

export const engineSchemaVersion = '12.2027.0';

let loaded: EngineSchema | null = null;

export function engineSchema(): EngineSchema {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const path = require.resolve(`enigma.js/schemas/${engineSchemaVersion}.json`);
    loaded = JSON.parse(readFileSync(path, 'utf8')) as EngineSchema;
  }
  return loaded;
}

export function schemaMethod(qType: string, method: string): SchemaMethod | undefined {
  return engineSchema().structs[qType]?.[method];
}

/** Positional (enigma) or named params → one value per In parameter, defaults filled in. */
export function normalizeParams(method: SchemaMethod, params: unknown): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (params !== undefined && params !== null && typeof params !== 'object') return null;
  const isArray = Array.isArray(params);
  method.In.forEach((p, i) => {
    const given = isArray ? (params as unknown[])[i] : params ? (params as Record<string, unknown>)[p.Name] : undefined;
    out[p.Name] = given === undefined ? structuredClone(p.DefaultValue) : given;
  });
  return out;
}
