import { z } from 'zod';
import type { SqlExecutor } from '../storage/store';
import { refusal } from './errors';
import { addMember, removeMember } from './membership';
import { isMonitoring } from './rules';
import { writeForTenant, type TenantWrite, type WriteDeps } from './tenant-write';
import type { Enquiry, StaffRef } from './types';

/**
 * Monitoring leases. An administrator may watch one enquiry from several places at once
 * (two browser-host tabs, the desktop app and a tab), each a console session of its own.
 * Each holds a lease named by its monitor key; the administrator is listed among the
 * enquiry's monitors (the MONITOR row of room_members, with MONITOR_STARTED / _STOPPED in
 * the log) from the first lease to the end of the last.
 *
 * A caller that names no key holds the unkeyed lease, which lasts until it stops
 * monitoring (the contract's original behaviour). A keyed lease expires unless renewed:
 * the backend instance serving a room subscription that names the key renews it (see
 * MonitorLeaseKeeper), so a window that crashed or lost its connection stops being listed
 * one lease period later, on any instance.
 */

/** The lease of a caller that names no monitor key. */
export const UNKEYED_LEASE = '';

const monitorKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, 'A monitor key must be 8 to 128 letters, digits, "-" or "_".');

/** The lease key of a request: the unkeyed lease when none is given; BAD_USER_INPUT when malformed. */
export function checkMonitorKey(key: string | null | undefined): string {
  if (key == null) return UNKEYED_LEASE;
  const parsed = monitorKeySchema.safeParse(key);
  if (!parsed.success)
    throw refusal('BAD_USER_INPUT', parsed.error.issues[0]?.message ?? 'That monitor key is not valid.');
  return parsed.data;
}

/** One lease as the instance holding it names it. */
export interface LeaseRef {
  tenantId: string;
  enquiryId: string;
  staffId: string;
  key: string;
}

const expiresIn = (ttlParam: string) => `now() + make_interval(secs => ${ttlParam}::float8 / 1000)`;

/**
 * Takes (or renews) a lease inside the tenant's write; the first lease of an administrator
 * on the enquiry records them as monitoring it (MONITOR_STARTED).
 */
export async function acquireLease(
  write: TenantWrite,
  enquiry: Enquiry,
  staff: StaffRef,
  key: string,
  ttlMs: number,
): Promise<Enquiry> {
  await write.tx.query(
    `insert into monitor_leases (tenant_id, enquiry_id, staff_id, lease_key, since, expires_at)
     values ($1, $2, $3, $4::text, $5, case when $4::text = '' then null else ${expiresIn('$6')} end)
     on conflict (enquiry_id, staff_id, lease_key) do update set expires_at = excluded.expires_at`,
    [write.tenantId, enquiry.id, staff.id, key, write.now.toISOString(), ttlMs],
  );
  if (isMonitoring(enquiry, staff.id)) return enquiry;
  await addMember(write, enquiry.id, staff.id, 'MONITOR');
  return (await write.append('MONITOR_STARTED', enquiry.id, staff)).payload.enquiry;
}

/**
 * Ends one lease inside the tenant's write; ending the last one stops the monitoring
 * (MONITOR_STOPPED). True when the lease existed, or when a monitor recorded without any
 * lease was stopped.
 */
export async function releaseLease(
  write: TenantWrite,
  enquiryId: string,
  staff: StaffRef,
  key: string,
): Promise<boolean> {
  const deleted = await write.tx.query(
    'delete from monitor_leases where enquiry_id = $1 and staff_id = $2 and lease_key = $3 returning lease_key',
    [enquiryId, staff.id, key],
  );
  const stopped = await stopIfUnleased(write, enquiryId, staff);
  return deleted.length > 0 || stopped;
}

/** Stops the staff member monitoring the enquiry when no lease of theirs is left. */
async function stopIfUnleased(write: TenantWrite, enquiryId: string, staff: StaffRef): Promise<boolean> {
  const left = await write.tx.query(
    'select 1 from monitor_leases where enquiry_id = $1 and staff_id = $2 limit 1',
    [enquiryId, staff.id],
  );
  if (left.length > 0) return false;
  if (!(await removeMember(write.tx, enquiryId, staff.id, 'MONITOR'))) return false;
  await write.append('MONITOR_STOPPED', enquiryId, staff);
  return true;
}

/**
 * Pushes the expiry of keyed leases one period ahead; answers how many still existed (a
 * lease ended by stopMonitoring or by the sweep is not brought back here).
 */
export async function renewLeases(
  db: SqlExecutor,
  leases: readonly LeaseRef[],
  ttlMs: number,
): Promise<number> {
  let renewed = 0;
  for (let i = 0; i < leases.length; i += 1000) {
    const batch = leases.slice(i, i + 1000);
    const rows = await db.query(
      `update monitor_leases l set expires_at = ${expiresIn('$4')}
         from unnest($1::text[], $2::text[], $3::text[]) as h(enquiry_id, staff_id, lease_key)
        where l.enquiry_id = h.enquiry_id and l.staff_id = h.staff_id and l.lease_key = h.lease_key
          and l.expires_at is not null
        returning l.lease_key`,
      [batch.map((l) => l.enquiryId), batch.map((l) => l.staffId), batch.map((l) => l.key), ttlMs],
    );
    renewed += rows.length;
  }
  return renewed;
}

/**
 * Ends every expired lease, stopping the monitoring of whoever held their last one. Safe
 * on every instance at once: each tenant's expired leases are deleted inside its write.
 * Returns how many monitors stopped.
 */
export async function sweepExpiredLeases(deps: WriteDeps): Promise<number> {
  const due = await deps.store.query<{ tenant_id: string }>(
    'select distinct tenant_id from monitor_leases where expires_at is not null and expires_at < now() limit 100',
  );
  let stopped = 0;
  for (const { tenant_id: tenantId } of due) {
    stopped += await writeForTenant(deps, tenantId, async (write) => {
      const expired = await write.tx.query<{ enquiry_id: string; staff_id: string }>(
        `delete from monitor_leases where tenant_id = $1 and expires_at is not null and expires_at < now()
         returning enquiry_id, staff_id`,
        [tenantId],
      );
      const pairs = new Map(expired.map((row) => [`${row.enquiry_id}\u0000${row.staff_id}`, row]));
      let count = 0;
      for (const row of pairs.values()) {
        const staff = await write.tx.query<StaffRef>(
          'select id, name, email, role from staff where id = $1',
          [row.staff_id],
        );
        if (staff[0] && (await stopIfUnleased(write, row.enquiry_id, staff[0]))) count += 1;
      }
      return count;
    });
  }
  return stopped;
}
