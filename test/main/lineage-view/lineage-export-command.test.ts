import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineageCommand } from '../../../src-main/cli/commands/lineage';
import { demoLineageCatalog } from './demo-lineage-catalog';

const demo = demoLineageCatalog();
demo.catalog.close();
const out = mkdtempSync(join(tmpdir(), 'qme-lineage-export-'));

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await lineageCommand.run(argv, { stdout: () => undefined, stderr: (t) => (stderr += t), isTty: false, env: {} });
  return { code, stderr };
}

describe('qme lineage --export', () => {
  it('writes a PNG of a node neighbourhood at the chosen scale', async () => {
    const file = join(out, 'orders.png');
    const result = await run([
      '--db',
      demo.file,
      '--node',
      'db:snowflake_prod:sales.public.orders',
      '--depth',
      '3',
      '--export',
      'png',
      '--out',
      file,
      '--scale',
      '1',
    ]);
    expect(result.code).toBe(0);
    const bytes = readFileSync(file);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [, width, height] = /(\d+)×(\d+) px/.exec(result.stderr) ?? [];
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([Number(width), Number(height)]);
  });

  it('writes the whole snapshot as OpenLineage JSON lines', async () => {
    const file = join(out, 'all.jsonl');
    expect((await run(['--db', demo.file, '--export', 'openlineage', '--out', file])).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(JSON.parse(lines[0] as string)).toHaveProperty('eventType', 'COMPLETE');
  });

  it('the query form still works beside the export form', async () => {
    expect((await run(['--db', demo.file, '--node', 'db:snowflake_prod:sales.public.orders', '--downstream', '--depth', '1'])).code).toBe(
      0,
    );
  });

  it('refuses an unknown format and a missing --out', async () => {
    await expect(run(['--db', demo.file, '--export', 'pdf', '--out', join(out, 'x')])).rejects.toThrow(/--export must be one of/);
    await expect(run(['--db', demo.file, '--export', 'svg'])).rejects.toThrow(/--out/);
  });
});
