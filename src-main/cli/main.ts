/**
 * `qme`: the headless entry (crawl, export, lineage, demo tenant) for schedules, CI and
 * machines without a desktop. Runs under plain Node; never imports Electron.
 */
import { formatError, toErrorShape } from '../api/errors';
import { appVersion } from '../version';
import { UsageError, type CliIo } from './command';
import { commands } from './commands';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'qme: Qlik Metadata Explorer on the command line',
    '',
    'Usage: qme <command> [options]',
    '       qme --help | --version',
    '',
    'Commands:',
    ...(lines.length ? lines : ['  (none yet)']),
    '',
    'Run `qme <command> --help` for the options of one command.',
    'The API key is read from the OS keychain or the QME_API_KEY environment variable, never from a flag.',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(helpText() + '\n');
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${appVersion}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.stderr(`qme: unknown command "${first}".\n\n${helpText()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`qme ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`qme ${command.name}: ${formatError(toErrorShape(error))}\n`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && /(?:^|[\\/])cli\.(?:js|mjs|cjs)$/.test(process.argv[1]);
if (isEntry) {
  // `qme export --format json | head`: the reader has what it wanted; stop quietly instead of
  // dying on an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`qme: ${formatError(toErrorShape(error))}\n`);
      process.exitCode = 1;
    },
  );
}
