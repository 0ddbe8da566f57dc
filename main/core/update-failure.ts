/**
 * How the update policy words a failed check or download: a URL as it may be logged (never a
 * query, which may hold a token), a short reason for the log and a sentence for people.
 */

/** A URL as logged: scheme, host and path (never a query, which may hold a token). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** Why a check or download failed: a short reason for the log, and a sentence for people. */
export function describeFailure(
  step: 'check' | 'download',
  error: unknown,
): { reason: string; forPeople: string } {
  const record = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    statusCode?: unknown;
    message?: unknown;
  };
  const code = typeof record.code === 'string' ? record.code : '';
  const message = typeof record.message === 'string' ? record.message : String(error);
  // First line only, queries (tokens) cut, bounded.
  const firstLine = (message.split('\n', 1)[0] ?? '').replace(/\?[^\s"']*/g, '?…').slice(0, 240);
  const reason = code ? `${code}: ${firstLine}` : firstLine;
  if (/sha512|checksum/i.test(message) || code === 'ERR_CHECKSUM_MISMATCH') {
    return {
      reason,
      forPeople: 'The downloaded update did not match its published checksum and was discarded.',
    };
  }
  if (/ERR_UPDATER_INVALID|YAML|parse/i.test(`${code} ${message}`)) {
    return { reason, forPeople: 'The update server’s release file could not be read.' };
  }
  if (step === 'download') return { reason, forPeople: 'The update could not be downloaded.' };
  return { reason, forPeople: 'The update server could not be reached.' };
}
