import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../../shared/errors';

/**
 * A refusal: a GraphQL error whose `extensions.code` is one of the contract's codes and
 * whose message a person can read.
 */
export function refusal(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const notFound = (what = 'enquiry'): GraphQLError =>
  refusal('NOT_FOUND', `No such ${what}, or it is not in your organisation.`);

export const unauthenticated = (): GraphQLError =>
  refusal('UNAUTHENTICATED', 'Sign in first: this needs a valid access token.');

/** The code of a refusal, or null for anything else. */
export function codeOf(error: unknown): string | null {
  const code = (error as { extensions?: Record<string, unknown> } | null)?.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}
