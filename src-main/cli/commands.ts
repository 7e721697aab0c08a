/** Every `qme` sub-command, in the order `qme --help` lists them. Add a command: one file + one line here. */
import type { CliCommand } from './command';
import { checkCommand } from './commands/check';
import { crawlCommand } from './commands/crawl';
import { demoTenantCommand } from './commands/demo-tenant';
import { diffCommand } from './commands/diff';
import { exportCommand } from './commands/export';
import { exportSnapshotCommand } from './commands/export-snapshot';
import { lineageCommand } from './commands/lineage';

export const commands: readonly CliCommand[] = [
  crawlCommand,
  exportCommand,
  exportSnapshotCommand,
  diffCommand,
  checkCommand,
  lineageCommand,
  demoTenantCommand,
];
