/** The shape of one `qme` sub-command. Commands live one per file beside this one. */

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
