/** Content addressing of app versions: same record + content, same hash, one stored copy. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so the hash ignores property order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Bump when the stored shape of a version changes, so old and new never share by accident. */
const VERSION_LAYOUT = 1;

export function appContentHash(app: unknown, content: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ layout: VERSION_LAYOUT, app, content }))
    .digest('hex');
}
