import type { RoomViewer } from '../../shared/domain';
import type { SqlExecutor } from '../storage/store';
import type { Actor } from './actor';
import { loadEnquiry } from './enquiry-repo';
import { notFound, refusal } from './errors';
import { enquiryViewBlock, mayReadWhispers, NOT_IN_AGENT_VIEW, roomAccessBlock, viewerFor } from './rules';
import type { Enquiry } from './types';

/** A room as resolved for one viewer at one point of the tenant's event log. */
export interface RoomResult {
  tenantId: string;
  enquiry: Enquiry;
  viewer: RoomViewer;
  /** Whether the viewer's messages include whispers (see `whisperBlock`). */
  whispers: boolean;
  /** The log position this snapshot reflects; messages are read up to it. */
  seq: number;
  cursor: string;
}

export function roomFor(actor: Actor, enquiry: Enquiry, seq: number): RoomResult {
  return {
    tenantId: actor.tenant.id,
    enquiry,
    viewer: viewerFor(actor.viewer, enquiry),
    whispers: mayReadWhispers(actor.viewer),
    seq,
    cursor: String(seq),
  };
}

/** Where an enquiry is read from: the store, or a tenant write (which shares its batch's reads). */
export type EnquirySource = SqlExecutor | { enquiry(enquiryId: string): Promise<Enquiry | null> };

/**
 * Loads an enquiry of the actor's tenant or refuses with NOT_FOUND (an agent is told it in
 * the words she is told of an enquiry not hers: see `enquiryViewBlock`).
 */
export async function requireEnquiry(
  source: EnquirySource,
  actor: Actor,
  enquiryId: string,
): Promise<Enquiry> {
  const enquiry =
    'enquiry' in source
      ? await source.enquiry(enquiryId)
      : await loadEnquiry(source, actor.tenant.id, enquiryId);
  if (!enquiry)
    throw actor.viewer.role === 'ADMINISTRATOR' ? notFound() : refusal('NOT_FOUND', NOT_IN_AGENT_VIEW);
  return enquiry;
}

/**
 * Refuses a viewer who may not read the room: NOT_FOUND for an agent's enquiry she may not
 * see at all (another agent's), then FORBIDDEN / PLAN_REQUIRED for one she sees but is not
 * in (an Open enquiry before she picks it up) unless she supervises.
 */
export function assertRoomAccess(actor: Actor, enquiry: Enquiry): void {
  const block = enquiryViewBlock(actor.viewer, enquiry) ?? roomAccessBlock(actor.viewer, enquiry);
  if (block) throw refusal(block.code, block.reason);
}

/** Reads a room consistently with its log position, for `room(enquiryId)`. */
export async function readRoom(
  db: { transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>, o?: { snapshot?: boolean }) => Promise<T> },
  actor: Actor,
  enquiryId: string,
): Promise<RoomResult> {
  return db.transaction(
    async (tx) => {
      const enquiry = await requireEnquiry(tx, actor, enquiryId);
      assertRoomAccess(actor, enquiry);
      const rows = await tx.query<{ seq: string | number }>('select seq from tenants where id = $1', [
        actor.tenant.id,
      ]);
      return roomFor(actor, enquiry, Number(rows[0]?.seq ?? 0));
    },
    { snapshot: true },
  );
}
