import { hashPassword } from '../auth/passwords';
import { addMember, staffAuthor, systemMessage } from '../domain/membership';
import { newId } from '../domain/ids';
import { writeForTenant, type TenantWrite } from '../domain/tenant-write';
import type { StaffRef } from '../domain/types';
import { openEnquiry } from '../domain/visitors';
import { DEFAULT_AGENT_CAPACITY } from '../domain/transfer';
import { markMissed } from '../domain/wait-timer';
import type { Services } from '../services';
import { DEMO_PASSWORD, DEMO_TENANTS, type DemoEnquiry, type DemoTenant } from './world';

/**
 * Seeds the demo world once: tenants, accounts, and enquiries in every column. Idempotent
 * and safe when several instances start together (a marker is claimed in the tenant's write).
 */
export async function seedDemoWorld(services: Services): Promise<void> {
  // One scrypt hash (~80 ms of CPU) for every demo account that is missing, in any tenant.
  let hash: Promise<string> | null = null;
  const demoPasswordHash = (): Promise<string> => (hash ??= hashPassword(DEMO_PASSWORD));
  for (const tenant of DEMO_TENANTS) {
    await services.store.query(
      `insert into tenants (id, name, plan, enquiry_monitoring, default_agent_capacity)
       values ($1, $2, $3, $4, coalesce($5::int, ${DEFAULT_AGENT_CAPACITY})) on conflict (id) do nothing`,
      [tenant.id, tenant.name, tenant.plan, tenant.enquiryMonitoring, tenant.defaultAgentCapacity ?? null],
    );
    await seedStaff(services, tenant, demoPasswordHash);
    await upgradeCapacity(services, tenant);
    await writeForTenant(services, tenant.id, async (write) => {
      const claimed = await write.tx.query(
        `insert into meta (key, value) values ($1, $2) on conflict (key) do nothing returning key`,
        [`demo-seeded:${tenant.id}`, write.now.toISOString()],
      );
      if (claimed.length === 0) return;
      const staff = await write.tx.query<StaffRef>(
        'select id, name, email, role from staff where tenant_id = $1',
        [tenant.id],
      );
      const byEmail = new Map(staff.map((s) => [s.email, s]));
      for (const enquiry of tenant.enquiries) await seedEnquiry(write, tenant.id, enquiry, byEmail);
    });
  }
}

async function seedStaff(
  services: Services,
  tenant: DemoTenant,
  demoPasswordHash: () => Promise<string>,
): Promise<void> {
  const existing = await services.store.query<{ email: string }>(
    'select email from staff where tenant_id = $1',
    [tenant.id],
  );
  const known = new Set(existing.map((row) => row.email));
  const hash = known.size < tenant.staff.length ? await demoPasswordHash() : '';
  for (const member of tenant.staff) {
    if (known.has(member.email)) continue;
    await services.store.query(
      `insert into staff (id, tenant_id, name, email, role, password_hash, presence)
       values ($1, $2, $3, $4, $5, $6, coalesce($7, 'ONLINE'))
       on conflict (tenant_id, email) do nothing`,
      [newId('stf'), tenant.id, member.name, member.email, member.role, hash, member.presence ?? null],
    );
  }
}

/**
 * A demo world seeded before the tenant had its own default capacity (every agent then held
 * more than the schema's 3, so no transfer could go anywhere) gets it once. A capacity an
 * administrator chose meanwhile (anything but 3) is kept, and so is any change after this.
 */
async function upgradeCapacity(services: Services, tenant: DemoTenant): Promise<void> {
  if (tenant.defaultAgentCapacity === undefined) return;
  await services.store.transaction(async (tx) => {
    const claimed = await tx.query(
      `insert into meta (key, value) values ($1, $2) on conflict (key) do nothing returning key`,
      [`demo-capacity:${tenant.id}`, String(tenant.defaultAgentCapacity)],
    );
    if (claimed.length === 0) return;
    await tx.query(
      'update tenants set default_agent_capacity = $2 where id = $1 and default_agent_capacity = $3',
      [tenant.id, tenant.defaultAgentCapacity, DEFAULT_AGENT_CAPACITY],
    );
  });
}

async function seedEnquiry(
  write: TenantWrite,
  tenant: string,
  demo: DemoEnquiry,
  staff: Map<string, StaffRef>,
): Promise<void> {
  const [first, ...rest] = demo.lines;
  const { enquiry, visitorId } = await openEnquiry(write, {
    tenant,
    visitorName: demo.visitor,
    channel: demo.channel,
    subject: demo.subject,
    text: first ?? null,
  });
  const waitingSince = new Date(write.now.getTime() - demo.waitedMinutes * 60_000);
  await write.tx.query('update enquiries set waiting_since = $2 where id = $1', [
    enquiry.id,
    waitingSince.toISOString(),
  ]);
  const owner = demo.owner ? staff.get(demo.owner) : undefined;
  if (demo.status === 'MISSED') {
    await markMissed(write, enquiry.id);
    return;
  }
  if (!owner) return;
  const pickedUpAt = new Date(waitingSince.getTime() + 45_000).toISOString();
  await write.tx.query(
    `update enquiries set status = 'HANDLING', owner_id = $2, picked_up_at = $3 where id = $1`,
    [enquiry.id, owner.id, pickedUpAt],
  );
  await addMember(write, enquiry.id, owner.id, 'PARTICIPANT');
  await write.append('ENQUIRY_PICKED_UP', enquiry.id, owner, {
    bumpVersion: true,
    message: systemMessage(`${owner.name} picked up the enquiry.`),
  });
  for (const [i, line] of rest.entries()) {
    const author =
      i % 2 === 0
        ? staffAuthor(owner)
        : { kind: 'VISITOR' as const, id: visitorId, name: demo.visitor, role: null };
    await write.append('MESSAGE_POSTED', enquiry.id, i % 2 === 0 ? owner : null, {
      message: { kind: 'TEXT', author, text: line },
    });
  }
  if (demo.call) {
    await write.tx.query('update enquiries set call = $2 where id = $1', [enquiry.id, demo.call]);
    const name = demo.call === 'ONE_TO_ONE' ? '1-to-1 call' : 'conference call';
    await write.append('CALL_STARTED', enquiry.id, owner, {
      bumpVersion: true,
      message: systemMessage(`${owner.name} started a ${name}.`),
    });
  }
  if (demo.status === 'CLOSED') {
    await write.tx.query(`update enquiries set status = 'CLOSED', closed_at = $2 where id = $1`, [
      enquiry.id,
      write.now.toISOString(),
    ]);
    await write.append('ENQUIRY_CLOSED', enquiry.id, owner, {
      bumpVersion: true,
      message: systemMessage(`${owner.name} closed the enquiry.`),
    });
  }
}
