/** A `CliIo` that keeps what a command writes, for tests that run `qme` commands in process. */
import type { CliIo } from '../../src-main/cli/command';

export function capturedIo(env: NodeJS.ProcessEnv = {}): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), isTty: false, env },
    out: () => out,
    err: () => err,
  };
}
