/**
 * The renderer's only way to the outside world: `window.supervisor` (the typed contract in
 * shared/ipc/contract.ts). Requests resolve to data or throw a {@link BridgeError} that
 * carries the server's code and message, so react-query and the UI can show them.
 */
import type {
  EventName,
  EventPayloads,
  IpcError,
  RequestArgs,
  RequestChannel,
  RequestResults,
  SupervisorApi,
} from '../../../shared/ipc/contract';
import type { ClientErrorCode } from '../../../shared/errors';

/** A refusal from main or the backend, as data the UI can explain. */
export class BridgeError extends Error {
  readonly code: ClientErrorCode;
  readonly owner: IpcError['owner'];

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
    this.owner = error.owner ?? null;
  }
}

function api(): SupervisorApi {
  const bridge = (window as Partial<Window>).supervisor;
  if (!bridge) throw new BridgeError({ code: 'INTERNAL', message: 'The console bridge is not available.' });
  return bridge;
}

/** Whether the host provided `window.supervisor`. */
export function hasBridge(): boolean {
  return typeof (window as Partial<Window>).supervisor === 'object';
}

/**
 * Sends a request over the bridge and unwraps its {@link IpcResult}.
 * @throws BridgeError with the server's code and message when the request is refused.
 */
export async function request<C extends RequestChannel>(
  channel: C,
  args: RequestArgs<C>,
): Promise<RequestResults[C]> {
  let result;
  try {
    result = await api().invoke(channel, args);
  } catch (cause) {
    if (cause instanceof BridgeError) throw cause;
    throw new BridgeError({
      code: 'NETWORK',
      message: cause instanceof Error ? cause.message : 'The console is unreachable.',
    });
  }
  if (result.ok) return result.value;
  throw new BridgeError(result.error);
}

/** Subscribes to a bridge event; returns the unsubscribe function. */
export function onBridgeEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  if (!hasBridge()) return () => undefined;
  return api().on(event, listener);
}

/** A fresh idempotency key, so that a retried click never acts twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The message a person reads for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
