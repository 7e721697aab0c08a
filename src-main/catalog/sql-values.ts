/** Conversions between TypeScript values and SQLite columns (no booleans or JSON in SQLite). */

export const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

export const bool = (value: unknown): boolean => value === 1 || value === 1n || value === true;

export const json = (value: unknown): string => JSON.stringify(value ?? null);

/** Parses a JSON column the catalog wrote itself; the type is the one it was written with. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
