import { systemMessage } from './membership';
import { writeForTenant, type TenantWrite, type WriteDeps } from './tenant-write';

/** An Open enquiry nobody picked up within the wait limit becomes Missed, as of now. */
export async function markMissed(write: TenantWrite, enquiryId: string): Promise<void> {
  await write.tx.query(
    `update enquiries set status = 'MISSED', warned = true, closed_at = $2, missed_at = $2 where id = $1`,
    [enquiryId, write.now.toISOString()],
  );
  await write.append('ENQUIRY_MISSED', enquiryId, null, {
    bumpVersion: true,
    message: systemMessage('Nobody picked up the enquiry within the wait limit; it was missed.'),
  });
}

/**
 * The wait limit: an Open enquiry waiting past the tenant's warning threshold warns the
 * admins once; past the wait limit it becomes Missed. Safe to run on every instance at
 * once: each change is re-checked inside the tenant's write.
 */
export async function sweepWaitingEnquiries(deps: WriteDeps): Promise<number> {
  const now = deps.now();
  const due = await deps.store.query<{ tenant_id: string; id: string }>(
    `select e.tenant_id, e.id
       from enquiries e join tenants t on t.id = e.tenant_id
      where e.status = 'OPEN'
        and (e.waiting_since <= $1::timestamptz - make_interval(secs => t.wait_limit_seconds)
             or (not e.warned and e.waiting_since <= $1::timestamptz - make_interval(secs => t.wait_warning_seconds)))
      limit 500`,
    [now.toISOString()],
  );
  const byTenant = new Map<string, string[]>();
  for (const row of due) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.id]);
  let changed = 0;
  for (const [tenantId, ids] of byTenant) {
    changed += await writeForTenant(deps, tenantId, async (write) => {
      let count = 0;
      const rows = await write.tx.query<{ id: string; missed: boolean; warn: boolean }>(
        `select e.id,
                e.waiting_since <= $3::timestamptz - make_interval(secs => t.wait_limit_seconds) as missed,
                (not e.warned and e.waiting_since <= $3::timestamptz - make_interval(secs => t.wait_warning_seconds)) as warn
           from enquiries e join tenants t on t.id = e.tenant_id
          where e.tenant_id = $1 and e.id = any($2::text[]) and e.status = 'OPEN'`,
        [tenantId, ids, write.now.toISOString()],
      );
      for (const row of rows) {
        if (row.missed) {
          await markMissed(write, row.id);
          count += 1;
        } else if (row.warn) {
          await write.tx.query('update enquiries set warned = true where id = $1', [row.id]);
          await write.append('WAIT_WARNING', row.id, null);
          count += 1;
        }
      }
      return count;
    });
  }
  return changed;
}
