/**
 * Pick-ups inside a bench batch (bench/console/driver.ts): Open seeded enquiries picked up by
 * the demo agents in turn, with the rows and the event the domain's `pickUpEnquiry` writes
 * (status, owner and picked_up_at; the owner's room membership; ENQUIRY_PICKED_UP with its
 * system message). Unlike a message, a pick-up changes the live metrics (waiting now,
 * handling, the hour's answers, an agent's chats in hand), so a burst that holds some keeps
 * the supervisor strip live.
 */
import { systemMessage } from '../../backend/domain/membership';
import type { StaffRef } from '../../backend/domain/types';
import type { SqlExecutor } from '../../backend/storage/store';
import type { BulkEvent } from './bulk-write';
import type { SeededEnquiry } from './seed';

export interface PickUps {
  /** Every `every`-th update of the burst is a pick-up. */
  every: number;
  /** Open enquiries to pick up, in order; consumed as the burst goes. */
  open: SeededEnquiry[];
  /** Who picks them up, in turn. */
  agents: StaffRef[];
  /** How many of `open` were picked up so far. */
  done: number;
}

/** Picks up the next `count` Open enquiries in `tx` at `now`; returns their events. */
export async function pickUpInBatch(
  tx: SqlExecutor,
  now: Date,
  pickUps: PickUps,
  count: number,
): Promise<BulkEvent[]> {
  const chosen = pickUps.open.slice(pickUps.done, pickUps.done + count);
  if (chosen.length === 0) return [];
  const owners = chosen.map((_, i) => pickUps.agents[(pickUps.done + i) % pickUps.agents.length] as StaffRef);
  pickUps.done += chosen.length;
  const at = now.toISOString();
  await tx.query(
    `update enquiries e set status = 'HANDLING', owner_id = u.owner_id, picked_up_at = $1::timestamptz, closed_at = null
       from unnest($2::text[], $3::text[]) as u(id, owner_id)
      where e.id = u.id`,
    [at, chosen.map((e) => e.id), owners.map((o) => o.id)],
  );
  await tx.query(
    `insert into room_members (enquiry_id, staff_id, kind, since)
     select u.id, u.staff_id, 'PARTICIPANT', $1::timestamptz from unnest($2::text[], $3::text[]) as u(id, staff_id)
     on conflict (enquiry_id, staff_id, kind) do nothing`,
    [at, chosen.map((e) => e.id), owners.map((o) => o.id)],
  );
  return chosen.map((enquiry, i) => {
    const owner = owners[i] as StaffRef;
    return {
      type: 'ENQUIRY_PICKED_UP',
      enquiryId: enquiry.id,
      actor: owner,
      bumpVersion: true,
      message: systemMessage(`${owner.name} picked up the enquiry.`),
    };
  });
}
