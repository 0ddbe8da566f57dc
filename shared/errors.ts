/** Error codes every refusal carries in `extensions.code` (API-CONTRACT.md, Errors). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PLAN_REQUIRED',
  'CALL_IN_PROGRESS',
  'CONFLICT',
  'INVALID_STATE',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes the console adds for failures that never reached the backend. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'INTERNAL';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
