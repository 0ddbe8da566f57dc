/**
 * Turning whatever went wrong (a GraphQL refusal, a dead socket, a bug) into the
 * {@link IpcError} the renderer receives. Messages are for people; secrets never appear.
 */
import type { CombinedError } from '@urql/core';
import type { IpcError } from '../../shared/ipc/contract';
import { isErrorCode } from '../../shared/errors';

/** An error the core throws on purpose; its {@link IpcError} crosses IPC as it is. */
export class SupervisorFailure extends Error {
  constructor(readonly ipcError: IpcError) {
    super(ipcError.message);
    this.name = 'SupervisorFailure';
  }
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

function ownerOf(extensions: Record<string, unknown> | undefined): IpcError['owner'] {
  const owner = extensions?.['owner'];
  if (owner && typeof owner === 'object') {
    const { id, name } = owner as Record<string, unknown>;
    if (typeof id === 'string' && typeof name === 'string') return { id, name };
  }
  return null;
}

/** The IpcError of the first GraphQL error, or INTERNAL when it carries no known code. */
export function fromGraphQLErrors(errors: readonly GraphQLErrorLike[]): IpcError {
  const first = errors[0];
  if (!first) return { code: 'INTERNAL', message: 'The enquiry backend answered with an empty error.' };
  const code = first.extensions?.['code'];
  if (isErrorCode(code)) {
    const error: IpcError = { code, message: first.message };
    if (code === 'CONFLICT') error.owner = ownerOf(first.extensions);
    return error;
  }
  return { code: 'INTERNAL', message: first.message || 'The enquiry backend could not do that.' };
}

/** The IpcError of an urql CombinedError. */
export function fromCombinedError(error: CombinedError): IpcError {
  if (error.graphQLErrors.length > 0) return fromGraphQLErrors(error.graphQLErrors);
  return {
    code: 'NETWORK',
    message: 'The enquiry backend cannot be reached right now. Check the connection and try again.',
  };
}

/** The IpcError of anything thrown. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof SupervisorFailure) return error.ipcError;
  return { code: 'INTERNAL', message: 'Something went wrong in the console. Try again.' };
}

/** Shorthand for throwing a refusal. */
export function fail(code: IpcError['code'], message: string): never {
  throw new SupervisorFailure({ code, message });
}
