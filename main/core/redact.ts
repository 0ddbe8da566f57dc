/**
 * What a line may not carry into the app's log file: tokens (a Bearer header, a JWT, a
 * refresh token in JSON) and URL queries, which may hold one.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  [/("?(?:access|refresh)_?token"?\s*[:=]\s*"?)[^"\s,}]+/gi, '$1[redacted]'],
  [/(\bhttps?:\/\/[^\s?#"']+)\?[^\s#"']*/gi, '$1?[redacted]'],
];

/** `line` with every token and URL query replaced by a marker. */
export function redactSecrets(line: string): string {
  let result = line;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
