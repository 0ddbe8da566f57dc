import { GraphQLError, type ExecutionResult } from 'graphql';
import { isErrorCode } from '../../shared/errors';

/** What a client reads for a failure of ours; the details go to the log only. */
export const UNEXPECTED_ERROR = 'Unexpected error.';

/**
 * One masking rule for both transports (Yoga's maskedErrors over HTTP, graphql-ws hooks over
 * WebSocket): refusals (a contract code) and graphql's own document errors pass as they
 * are; anything else is logged with its stack and answered as "Unexpected error." with
 * INTERNAL_SERVER_ERROR, so no internal message, stack or SQL reaches a client.
 */
export function createErrorMasker(log: ((message: string) => void) | undefined) {
  function maskError(error: unknown, message = UNEXPECTED_ERROR): Error {
    const raised = error as { extensions?: Record<string, unknown>; originalError?: unknown } | null;
    const original = raised?.originalError as
      { extensions?: Record<string, unknown>; stack?: string } | undefined;
    const code = raised?.extensions?.['code'] ?? original?.extensions?.['code'];
    if (isErrorCode(code) || code === 'INTERNAL_SERVER_ERROR') return error as Error;
    // graphql-js's own errors about the document (parse, validation) carry no original error.
    if (error instanceof GraphQLError && !original) return error;
    log?.(
      `unexpected error: ${original?.stack ?? (error as Error | null)?.stack ?? String(original ?? error)}`,
    );
    return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }

  /** A result with every error masked (the same object when there is nothing to mask). */
  function maskResult<T extends ExecutionResult>(result: T): T {
    if (!result.errors?.length) return result;
    const errors = result.errors.map((e) => maskError(e) as GraphQLError);
    return errors.every((e, i) => e === result.errors![i]) ? result : { ...result, errors };
  }

  /** Errors as GraphQLErrors, masked. */
  function maskErrors(errors: readonly unknown[]): GraphQLError[] {
    return errors.map((e) => {
      const masked = maskError(e);
      if (masked instanceof GraphQLError) return masked;
      // A refusal thrown as a plain error: keep its words and code.
      return new GraphQLError(masked.message, {
        extensions: (masked as { extensions?: Record<string, unknown> }).extensions,
      });
    });
  }

  return { maskError, maskResult, maskErrors };
}

export type ErrorMasker = ReturnType<typeof createErrorMasker>;
