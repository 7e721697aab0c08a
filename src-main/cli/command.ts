/** The shape of one `qme` sub-command. Commands live one per file beside this one. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `qme --help`. */
  readonly summary: string;
  /** Full usage text for `qme <name> --help`. */
  readonly usage: string;
  /** Returns the process exit code. Long-running commands resolve when they are stopped. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Thrown for wrong flags: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags strictly (no positionals); an unknown or malformed flag becomes a UsageError. */
export function parseFlags<const O extends FlagOptions>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
