/**
 * The one place where a call from any transport is checked and run: the name must be in the
 * contract, the arguments must match its schema, and whatever the handler throws becomes an
 * error envelope with a cause and a remedy.
 */
import { type z } from 'zod';
import { contract, isCallName, type CallName, type CallResult, type Envelope, type ParsedArgs } from './contract';
import { AppError, toErrorShape } from './errors';

/** The service: one handler per contract entry, taking already-validated arguments. */
export type Service = {
  readonly [N in CallName]: (args: ParsedArgs<N>) => Promise<CallResult<N>> | CallResult<N>;
};

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(arguments)'}: ${issue.message}`).join('; ');
}

/** Validates `name` and `args` against the contract. Throws AppError with a clear message. */
export function parseCall(name: unknown, args: unknown): { name: CallName; args: unknown } {
  if (!isCallName(name)) {
    throw new AppError({
      code: 'unknown-call',
      message: `"${String(name).slice(0, 80)}" is not a call this app offers.`,
      remedy: 'Update the app: the window and the main process come from different versions.',
    });
  }
  const parsed = contract[name].args.safeParse(args ?? {});
  if (!parsed.success) {
    throw new AppError({
      code: 'invalid-arguments',
      message: `The arguments of ${name} are not valid: ${describeIssues(parsed.error)}.`,
      remedy: 'This is a bug in the caller; the call was refused and nothing was changed.',
    });
  }
  return { name, args: parsed.data };
}

export async function dispatch(service: Service, name: unknown, args: unknown): Promise<Envelope> {
  try {
    const call = parseCall(name, args);
    const handler = service[call.name] as (a: unknown) => unknown;
    const value = await handler(call.args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}
