/**
 * The renderer's only way to main: the contract, over whichever transport exists. Feature code
 * calls `call()` / the hooks in ./hooks.ts and never learns which transport carried it.
 */
import type { CallArgs, CallName, CallResult, EventName, EventPayload, ExplorerBridge } from '../../src-main/api/contract';
import type { ErrorShape } from '../../src-main/api/errors';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    explorer?: ExplorerBridge;
  }
}

/** An error returned by main, with its cause and remedy intact. */
export class CallError extends Error implements ErrorShape {
  readonly code: ErrorShape['code'];
  readonly remedy: string;
  readonly detail?: string;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'CallError';
    this.code = shape.code;
    this.remedy = shape.remedy;
    if (shape.detail !== undefined) this.detail = shape.detail;
  }
}

let bridge: ExplorerBridge | undefined;

export function getBridge(): ExplorerBridge {
  bridge ??= window.explorer ?? createBrowserBridge();
  return bridge;
}

export async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const envelope = await getBridge().call(name, args);
  if (!envelope.ok) throw new CallError(envelope.error);
  return envelope.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getBridge().subscribe(event, listener);
}
