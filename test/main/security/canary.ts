/**
 * A canary API key and a byte-wise scan for it: in UTF-8, UTF-16 and base64 (an Authorization
 * header or a JSON blob could carry any of them), in files, folders and captured output.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function canaryKey(): string {
  return `qme-canary-${randomBytes(12).toString('hex')}`;
}

/** Base64 of the canary at each of the three byte alignments it can have inside a longer blob. */
function base64Forms(canary: string): string[] {
  const forms: string[] = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(canary)]).toString('base64');
    const inner = encoded.slice([0, 2, 3][shift], -4);
    forms.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

function needles(canary: string): Buffer[] {
  return [Buffer.from(canary, 'utf8'), Buffer.from(canary, 'utf16le'), ...base64Forms(canary).map((form) => Buffer.from(form))];
}

export function containsCanary(bytes: Buffer | string, canary: string): boolean {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return needles(canary).some((needle) => buffer.includes(needle));
}

/** Every file under `dir` (WAL and SHM files included); returns those that hold the canary. */
export function filesHoldingCanary(dir: string, canary: string): { scanned: string[]; leaking: string[] } {
  const scanned: string[] = [];
  const leaking: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else {
        scanned.push(full);
        if (containsCanary(readFileSync(full), canary)) leaking.push(full);
      }
    }
  };
  walk(dir);
  return { scanned, leaking };
}
