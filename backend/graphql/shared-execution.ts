import {
  createSourceEventStream,
  execute,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';

/**
 * Subscription execution shared between subscribers. graphql-js executes the selection set
 * once per subscriber per event; for 500 boards watching one tenant that is 500 identical
 * executions. Here a result is cached per (event payload object, operation): subscribers
 * whose streams yield the same payload object with the same document and variables share
 * one execution. Event payloads carry everything their fields resolve to, and no field
 * below a subscription root depends on who is watching, so sharing is safe.
 */

const operationKeys = new WeakMap<DocumentNode, string>();
const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/** Remembers which operation text a parsed document came from (call in onSubscribe). */
export function keyOperation(document: DocumentNode, query: string, variables: unknown, operationName: unknown): void {
  operationKeys.set(document, `${String(operationName ?? '')}\u0000${JSON.stringify(variables ?? {})}\u0000${query}`);
}

function executeShared(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
  const run = async () => execute({ ...args, rootValue: payload });
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

/** graphql-ws's `subscribe`: the source stream of the root field, each event executed once per operation. */
export async function subscribeShared(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const events = source as AsyncIterableIterator<unknown>;
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await events.next();
      if (step.done) return { done: true, value: undefined };
      return { done: false, value: await executeShared(args, step.value) };
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
