import type { Store } from '../storage/store';
import type { Actor } from './actor';
import { readAuditTrail, type AuditEntry, type AuditFilter } from './audit';
import { refusal } from './errors';

/** The audit trail as CSV (issue 13, item 4): what the Audit trail dialog exports. */

/** The most entries one export holds; a filter matching more is refused, never cut short silently. */
export const CSV_MAX_ROWS = 10_000;

const HEADER = [
  'time',
  'action',
  'actor',
  'actor id',
  'target',
  'target kind',
  'target id',
  'ended',
  'detail',
];

/**
 * One cell: a text a spreadsheet could run as a formula (starting with = + - @, or a tab or
 * carriage return that hides one) gets a leading apostrophe; a cell holding a comma, a quote
 * or a line break is quoted, its quotes doubled (RFC 4180).
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: (string | null | undefined)[]): string => cells.map(csvCell).join(',');

function entryLine(entry: AuditEntry): string {
  return line([
    entry.at,
    entry.action,
    entry.actor?.name ?? 'system',
    entry.actor?.id,
    entry.target.name,
    entry.target.kind,
    entry.target.id,
    entry.endedAt,
    entry.detail,
  ]);
}

/**
 * The filtered audit trail, newest first, as CSV text: a header line, then one line per
 * entry, CRLF line ends. Refused as the trail is (auditBlock), and with BAD_USER_INPUT when
 * more than CSV_MAX_ROWS entries match.
 */
export async function auditTrailCsv(store: Store, actor: Actor, filter: AuditFilter): Promise<string> {
  const { entries, hasNextPage } = await readAuditTrail(
    store,
    actor,
    { ...filter, first: CSV_MAX_ROWS },
    CSV_MAX_ROWS,
  );
  if (hasNextPage) {
    throw refusal(
      'BAD_USER_INPUT',
      `More than ${CSV_MAX_ROWS.toLocaleString('en')} entries match; narrow the time range, enquiry or staff member and export again.`,
    );
  }
  return [line(HEADER), ...entries.map(entryLine)].join('\r\n') + '\r\n';
}
