/**
 * A tiny seeded PRNG (mulberry32) and the id/choice helpers the generator draws from. Every
 * value in the demo tenant comes from here, so the same seed always yields the same tenant.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Lowercase hex string of the given length (space, item and user ids look like this on Qlik Cloud). */
  hex(length: number): string;
  /** RFC 4122 version-4 shaped GUID (app ids, sheet ids). */
  guid(): string;
  /** Short alphanumeric id like the Sense client gives charts and master items ("pQhVa"). */
  shortId(length?: number): string;
}

const alphanumeric = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16);
    return out;
  };
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick() from an empty list');
      return item;
    },
    hex,
    guid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
    shortId: (length = 5) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphanumeric[Math.floor(next() * alphanumeric.length)];
      return out;
    },
  };
}

/** Derives an independent stream for one part of the tenant (e.g. one app), so lazily generated parts do not depend on generation order. */
export function deriveSeed(seed: number, ...parts: readonly (number | string)[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ 0x7f, 0x85ebca6b) >>> 0;
  }
  return h;
}
