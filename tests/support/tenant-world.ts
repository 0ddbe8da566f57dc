import { newId } from '../../backend/domain/ids';
import type { RunningBackend } from '../../backend/index';

/**
 * A tenant of one's own in a running backend, with staff who sign in with the demo password
 * and enquiries at known times: a world whose figures a test can know exactly.
 */

export interface WorldStaff {
  name: string;
  email: string;
  role: 'ADMINISTRATOR' | 'AGENT';
}

/** Creates tenant `id` with the given staff (password: the demo one); returns their ids by email. */
export async function createTenant(
  backend: RunningBackend,
  id: string,
  staff: WorldStaff[],
  options: { enquiryMonitoring?: boolean; waitLimitSeconds?: number } = {},
): Promise<Map<string, string>> {
  const { store } = backend.services;
  // A long wait limit by default, so that the wait-limit sweep leaves the world's Open enquiries be.
  const limit = options.waitLimitSeconds ?? 7200;
  await store.query(
    `insert into tenants (id, name, plan, enquiry_monitoring, wait_limit_seconds, wait_warning_seconds)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      `Tenant ${id}`,
      options.enquiryMonitoring === false ? 'basic' : 'enterprise',
      options.enquiryMonitoring !== false,
      limit,
      limit - 1,
    ],
  );
  // The demo accounts' hash: the same password without hashing it again.
  const [demo] = await store.query<{ password_hash: string }>(
    `select password_hash from staff where email = 'ada@demo.test'`,
  );
  const ids = new Map<string, string>();
  for (const member of staff) {
    const staffId = newId('stf');
    await store.query(
      `insert into staff (id, tenant_id, name, email, role, password_hash) values ($1, $2, $3, $4, $5, $6)`,
      [staffId, id, member.name, member.email, member.role, demo?.password_hash],
    );
    ids.set(member.email, staffId);
  }
  return ids;
}

export interface WorldEnquiry {
  status: 'OPEN' | 'HANDLING' | 'MISSED' | 'CLOSED';
  waitingSince: Date;
  pickedUpAt?: Date;
  missedAt?: Date;
  closedAt?: Date;
  ownerId?: string;
  visitor?: string;
}

/** Inserts an enquiry (and its visitor) as it would be after its events; returns its id. */
export async function insertEnquiry(
  backend: RunningBackend,
  tenantId: string,
  e: WorldEnquiry,
): Promise<string> {
  const { store } = backend.services;
  const visitorId = newId('vis');
  const id = newId('enq');
  await store.query(`insert into visitors (id, tenant_id, name) values ($1, $2, $3)`, [
    visitorId,
    tenantId,
    e.visitor ?? `Visitor ${id.slice(-6)}`,
  ]);
  const iso = (d?: Date) => d?.toISOString() ?? null;
  await store.query(
    `insert into enquiries (id, tenant_id, status, channel, visitor_id, owner_id, waiting_since, picked_up_at,
                            missed_at, closed_at, updated_at)
     values ($1, $2, $3, 'WEB_CHAT', $4, $5, $6, $7, $8, $9, now())`,
    [
      id,
      tenantId,
      e.status,
      visitorId,
      e.ownerId ?? null,
      iso(e.waitingSince),
      iso(e.pickedUpAt),
      iso(e.missedAt),
      iso(e.closedAt ?? (e.status === 'MISSED' ? e.missedAt : undefined)),
    ],
  );
  if (e.ownerId) {
    await store.query(
      `insert into room_members (enquiry_id, staff_id, kind, since) values ($1, $2, 'PARTICIPANT', now())`,
      [id, e.ownerId],
    );
  }
  return id;
}
