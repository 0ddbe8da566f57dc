import type { SqlExecutor } from '../storage/store';
import { toMessage } from './enquiry-repo';
import type { Message } from './types';

/** One message by id, or null. */
export async function loadMessageById(db: SqlExecutor, id: string): Promise<Message | null> {
  const rows = await db.query<Parameters<typeof toMessage>[0]>(
    `select id, enquiry_id, kind, author_kind, author_id, author_name, author_role, text, at, seq
       from messages where id = $1`,
    [id],
  );
  return rows[0] ? toMessage(rows[0]) : null;
}
