import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineageCommand } from '../../../src-main/cli/commands/lineage';
import { UsageError, type CliIo } from '../../../src-main/cli/command';
import { corpusDir } from './corpus-expectations';

function capture(isTty = false): { io: CliIo; out: () => string } {
  let out = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (out += t), isTty, env: {} },
    out: () => out,
  };
}

const script = join(corpusDir, '012__SanAkhGIT__qlik-qvd-architecture__01_raw.qvs');

describe('qme lineage', () => {
  it('prints sources and stores of a script as JSON', async () => {
    const { io, out } = capture();
    expect(await lineageCommand.run(['--script', script, '--format', 'json'], io)).toBe(0);
    const json = JSON.parse(out()) as { sources: { kind: string; written: string }[]; stores: { path: string }[] };
    expect(json.sources.map((s) => s.written)).toEqual([
      '[$(vSourcePath)customers.csv]',
      '[$(vSourcePath)products.csv]',
      '[$(vSourcePath)orders.csv]',
    ]);
    expect(json.stores.map((s) => s.path)).toEqual([
      '$(vRawQvdPath)Customers.qvd',
      '$(vRawQvdPath)Products.qvd',
      '$(vRawQvdPath)Orders.qvd',
    ]);
  });

  it('prints a readable summary as text', async () => {
    const { io, out } = capture(true);
    await lineageCommand.run(['--script', script], io);
    expect(out()).toContain('Stores (3)');
    expect(out()).toContain('Customers_Raw → $(vRawQvdPath)Customers.qvd (qvd)');
  });

  it('rejects a query without a direction', async () => {
    const { io } = capture();
    await expect(lineageCommand.run(['--db', 'x.sqlite', '--node', 'app:1'], io)).rejects.toBeInstanceOf(UsageError);
  });
});
