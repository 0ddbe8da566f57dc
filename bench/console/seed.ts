/**
 * Bulk seeding for the console bench: thousands of enquiries in tenant `demo` (visitor,
 * enquiry, first visitor line; every other one picked up by an agent so the Handling
 * column is big), many per transaction through {@link bulkWrite}, with the same rows and
 * events the domain's `openEnquiry` and `pickUpEnquiry` write.
 */
import { systemMessage } from '../../backend/domain/membership';
import { newId } from '../../backend/domain/ids';
import type { StaffRef } from '../../backend/domain/types';
import type { Services } from '../../backend/services';
import { bulkWrite, type BulkEvent } from './bulk-write';

export const BENCH_TENANT = 'demo';

/** One seeded enquiry, as the driver needs it. */
export interface SeededEnquiry {
  id: string;
  visitorId: string;
  visitorName: string;
  status: 'OPEN' | 'HANDLING';
}

export interface SeedOptions {
  /** How many enquiries to create. */
  count: number;
  /** Numbering starts here (visitor names stay unique across calls). */
  firstNumber?: number;
  /** Enquiries per transaction. */
  batchSize?: number;
  /** Every n-th enquiry stays Open; the others are picked up (default 2: half and half). */
  openEvery?: number;
}

const CHANNELS = ['WEB_CHAT', 'WHATSAPP', 'EMAIL', 'SMS', 'FACEBOOK'] as const;

/** The demo tenant's agents, who pick up the seeded enquiries in turn. */
export async function agentsOf(services: Services): Promise<StaffRef[]> {
  const agents = await services.store.query<StaffRef>(
    `select id, name, email, role from staff where tenant_id = $1 and role = 'AGENT' order by email`,
    [BENCH_TENANT],
  );
  if (agents.length === 0)
    throw new Error('The demo tenant has no agents; start the backend with demo: true.');
  return agents;
}

/** The visitor name of seeded enquiry n ("Bench Visitor 00042"). */
export const benchVisitorName = (n: number): string => `Bench Visitor ${String(n).padStart(5, '0')}`;

/** Creates `count` enquiries; returns them in creation order. */
export async function seedEnquiries(services: Services, options: SeedOptions): Promise<SeededEnquiry[]> {
  const agents = await agentsOf(services);
  const batchSize = options.batchSize ?? 250;
  const openEvery = options.openEvery ?? 2;
  const first = options.firstNumber ?? 1;
  const seeded: SeededEnquiry[] = [];
  for (let start = 0; start < options.count; start += batchSize) {
    const end = Math.min(options.count, start + batchSize);
    const { value } = await bulkWrite(services, BENCH_TENANT, async (tx, now) => {
      const at = now.toISOString();
      const rows = [];
      for (let i = start; i < end; i++) {
        const n = first + i;
        const handling = n % openEvery !== 0;
        rows.push({
          n,
          id: newId('enq'),
          visitorId: newId('vis'),
          visitorName: benchVisitorName(n),
          owner: handling ? (agents[n % agents.length] as StaffRef) : null,
        });
      }
      await tx.query(
        `insert into visitors (id, tenant_id, name) select u.id, $1, u.name from unnest($2::text[], $3::text[]) as u(id, name)`,
        [BENCH_TENANT, rows.map((r) => r.visitorId), rows.map((r) => r.visitorName)],
      );
      await tx.query(
        `insert into enquiries (id, tenant_id, status, channel, visitor_id, subject, owner_id, waiting_since, picked_up_at, updated_at)
         select u.id, $1, u.status, u.channel, u.visitor_id, u.subject, u.owner_id, $2::timestamptz,
                case when u.owner_id is null then null else $2::timestamptz end, $2::timestamptz
           from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
             as u(id, status, channel, visitor_id, subject, owner_id)`,
        [
          BENCH_TENANT,
          at,
          rows.map((r) => r.id),
          rows.map((r) => (r.owner ? 'HANDLING' : 'OPEN')),
          rows.map((r) => CHANNELS[r.n % CHANNELS.length] as string),
          rows.map((r) => r.visitorId),
          rows.map((r) => `Bench subject ${r.n}`),
          rows.map((r) => r.owner?.id ?? null),
        ],
      );
      const handled = rows.filter((r) => r.owner);
      if (handled.length > 0) {
        await tx.query(
          `insert into room_members (enquiry_id, staff_id, kind, since)
           select u.id, u.staff_id, 'PARTICIPANT', $1::timestamptz from unnest($2::text[], $3::text[]) as u(id, staff_id)`,
          [at, handled.map((r) => r.id), handled.map((r) => r.owner?.id ?? '')],
        );
      }
      const events: BulkEvent[] = [];
      for (const r of rows) {
        events.push({ type: 'ENQUIRY_CREATED', enquiryId: r.id, actor: null, bumpVersion: true });
        events.push({
          type: 'MESSAGE_POSTED',
          enquiryId: r.id,
          actor: null,
          message: {
            kind: 'TEXT',
            author: { kind: 'VISITOR', id: r.visitorId, name: r.visitorName, role: null },
            text: `Hello from ${r.visitorName}`,
          },
        });
        if (r.owner) {
          events.push({
            type: 'ENQUIRY_PICKED_UP',
            enquiryId: r.id,
            actor: r.owner,
            bumpVersion: true,
            message: systemMessage(`${r.owner.name} picked up the enquiry.`),
          });
        }
      }
      const value: SeededEnquiry[] = rows.map((r) => ({
        id: r.id,
        visitorId: r.visitorId,
        visitorName: r.visitorName,
        status: r.owner ? 'HANDLING' : 'OPEN',
      }));
      return { events, value };
    });
    seeded.push(...value);
  }
  return seeded;
}
