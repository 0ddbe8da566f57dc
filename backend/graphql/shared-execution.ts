import {
  createSourceEventStream,
  execute,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { ErrorMasker } from './error-masking';

/**
 * Subscription execution shared between subscribers. graphql-js executes the selection set
 * once per subscriber per event; for 500 boards watching one tenant that is 500 identical
 * executions. Here a result is cached per (event payload object, operation): subscribers
 * whose streams yield the same payload object with the same document and variables share
 * one execution. Event payloads carry everything their fields resolve to, and no field
 * below a subscription root depends on who is watching, so sharing is safe. What differs per
 * viewer is decided at the source stream, by which payload object a subscriber is handed:
 * administrators get the tenant's shared payloads; an agent's board and room streams are
 * filtered per subscriber and hand her payloads prepared for agents (without monitors when
 * monitoring is silent, or a removal), themselves one object per event shared by every agent
 * who gets it (domain/agent-view.ts). `Enquiry.monitors` answers from the payload under a
 * subscription for this reason.
 *
 * This path bypasses Yoga's pipeline, so it masks errors itself, as HTTP does (see
 * error-masking.ts): a shared result is masked (and its failure logged) once, and a stream
 * that fails ends with "Unexpected error." rather than its internal message.
 */

const operationKeys = new WeakMap<DocumentNode, string>();
const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/** Remembers which operation text a parsed document came from (call in onSubscribe). */
export function keyOperation(
  document: DocumentNode,
  query: string,
  variables: unknown,
  operationName: unknown,
): void {
  operationKeys.set(
    document,
    `${String(operationName ?? '')}\u0000${JSON.stringify(variables ?? {})}\u0000${query}`,
  );
}

function executeShared(args: ExecutionArgs, payload: unknown, masker: ErrorMasker): Promise<ExecutionResult> {
  const run = async () => masker.maskResult(await execute({ ...args, rootValue: payload }));
  const key = operationKeys.get(args.document);
  if (!key || typeof payload !== 'object' || payload === null) return run();
  let byOperation = results.get(payload);
  if (!byOperation) {
    byOperation = new Map();
    results.set(payload, byOperation);
  }
  let result = byOperation.get(key);
  if (!result) {
    result = run();
    byOperation.set(key, result);
  }
  return result;
}

/**
 * graphql-ws's `subscribe`: the source stream of the root field, each event executed once
 * per operation, every error masked by `masker`.
 */
export async function subscribeShared(
  args: ExecutionArgs,
  masker: ErrorMasker,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  let source: Awaited<ReturnType<typeof createSourceEventStream>>;
  try {
    source = await createSourceEventStream(args);
  } catch (error) {
    return { errors: masker.maskErrors([error]) };
  }
  if (!(Symbol.asyncIterator in source)) return masker.maskResult(source as ExecutionResult);
  const events = source as AsyncIterableIterator<unknown>;
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      let step: IteratorResult<unknown>;
      try {
        step = await events.next();
      } catch (error) {
        throw masker.maskError(error);
      }
      if (step.done) return { done: true, value: undefined };
      return { done: false, value: await executeShared(args, step.value, masker) };
    },
    async return() {
      await events.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
