/**
 * Errors are values with a cause and a remedy. Every failure that reaches a user (UI, CLI, logs)
 * passes through here, so the words a person reads are decided in one place.
 */

export type ErrorCode =
  | 'invalid-arguments'
  | 'unknown-call'
  | 'internal'
  | 'not-found'
  | 'auth-invalid-key'
  | 'auth-forbidden'
  | 'host-not-found'
  | 'connection-refused'
  | 'tls-untrusted'
  | 'tls-expired'
  | 'proxy-failed'
  | 'rate-limited'
  | 'timeout'
  | 'connection-lost'
  | 'server-error'
  | 'malformed-response'
  | 'app-access-denied'
  | 'app-not-found'
  | 'keychain-unavailable'
  | 'cancelled'
  | 'catalog-corrupt'
  | 'unsupported-file'
  // client-managed Qlik Sense (src-main/qlik/client-managed-errors.ts)
  | 'client-certificate-rejected'
  | 'xrfkey-rejected'
  | 'virtual-proxy-not-found'
  | 'session-expired'
  | 'engine-forbidden';

export interface ErrorShape {
  readonly code: ErrorCode;
  /** What went wrong, in a sentence a user understands. */
  readonly message: string;
  /** What to do about it. */
  readonly remedy: string;
  /** Technical detail (the underlying error text) for logs and "show details". Never a secret. */
  readonly detail?: string;
}

export class AppError extends Error implements ErrorShape {
  readonly code: ErrorCode;
  readonly remedy: string;
  readonly detail?: string;

  constructor(shape: ErrorShape, options?: { cause?: unknown }) {
    super(shape.message, options);
    this.name = 'AppError';
    this.code = shape.code;
    this.remedy = shape.remedy;
    if (shape.detail !== undefined) this.detail = shape.detail;
  }

  toShape(): ErrorShape {
    return {
      code: this.code,
      message: this.message,
      remedy: this.remedy,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
    };
  }
}

export function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && typeof v.remedy === 'string';
}

/** Turns anything thrown into an ErrorShape; unknown failures become 'internal' with their text as detail. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (isErrorShape(error))
    return { code: error.code, message: error.message, remedy: error.remedy, ...(error.detail ? { detail: error.detail } : {}) };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: 'Something went wrong inside Qlik Metadata Explorer.',
    remedy: 'Try again. If it keeps happening, report it with the details below.',
    detail,
  };
}

/** One line for logs and the CLI: "message (remedy)". */
export function formatError(shape: ErrorShape): string {
  return `${shape.message} ${shape.remedy}${shape.detail ? ` [${shape.detail}]` : ''}`;
}
