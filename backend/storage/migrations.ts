import type { Store } from './store';

/**
 * The schema, applied idempotently when the store's recorded version is older than
 * SCHEMA_VERSION (or unrecorded: every store made before versions were recorded). In
 * PostgreSQL an advisory lock keeps several instances that start together from migrating at
 * once.
 */
const SCHEMA = [
  `create table if not exists meta (key text primary key, value text not null)`,
  `create table if not exists tenants (
     id text primary key,
     name text not null,
     plan text not null,
     enquiry_monitoring boolean not null,
     wait_limit_seconds int not null default 60,
     wait_warning_seconds int not null default 45,
     seq bigint not null default 0)`,
  `create table if not exists staff (
     id text primary key,
     tenant_id text not null references tenants(id),
     name text not null,
     email text not null,
     role text not null,
     presence text not null default 'ONLINE',
     password_hash text not null,
     unique (tenant_id, email))`,
  `create table if not exists visitors (
     id text primary key,
     tenant_id text not null references tenants(id),
     name text not null)`,
  `create table if not exists enquiries (
     id text primary key,
     tenant_id text not null references tenants(id),
     status text not null,
     channel text not null,
     visitor_id text not null references visitors(id),
     subject text,
     owner_id text references staff(id),
     call text,
     waiting_since timestamptz not null,
     picked_up_at timestamptz,
     last_message_at timestamptz,
     closed_at timestamptz,
     message_count int not null default 0,
     version int not null default 0,
     warned boolean not null default false,
     updated_at timestamptz not null)`,
  `create index if not exists enquiries_board on enquiries (tenant_id, status, updated_at)`,
  `create table if not exists room_members (
     enquiry_id text not null references enquiries(id),
     staff_id text not null references staff(id),
     kind text not null,
     since timestamptz not null,
     primary key (enquiry_id, staff_id, kind))`,
  `create table if not exists messages (
     id text primary key,
     tenant_id text not null,
     enquiry_id text not null references enquiries(id),
     kind text not null,
     author_kind text not null,
     author_id text,
     author_name text not null,
     author_role text,
     text text not null,
     at timestamptz not null,
     seq bigint not null)`,
  `create index if not exists messages_room on messages (enquiry_id, seq)`,
  `create table if not exists events (
     tenant_id text not null,
     seq bigint not null,
     type text not null,
     enquiry_id text,
     actor_id text,
     at timestamptz not null,
     payload jsonb not null,
     primary key (tenant_id, seq))`,
  `create index if not exists events_enquiry on events (tenant_id, enquiry_id, seq)`,
  `create index if not exists events_actor on events (tenant_id, actor_id, seq)`,
  `create table if not exists idempotency (
     tenant_id text not null,
     staff_id text not null,
     key text not null,
     operation text not null,
     enquiry_id text not null,
     result_id text,
     at timestamptz not null,
     primary key (tenant_id, staff_id, key))`,
  `create table if not exists refresh_tokens (
     token_hash text primary key,
     staff_id text not null references staff(id),
     expires_at timestamptz not null,
     revoked boolean not null default false)`,

  // 2 — monitor leases. Each console window (or unkeyed caller) that monitors an enquiry
  // holds a lease; the MONITOR row in room_members exists while at least one lease does.
  // expires_at is null for an unkeyed lease (held until stopMonitoring) and otherwise
  // renewed by the backend instance serving the window's room subscription.
  `create table if not exists monitor_leases (
     tenant_id text not null references tenants(id),
     enquiry_id text not null references enquiries(id),
     staff_id text not null references staff(id),
     lease_key text not null,
     since timestamptz not null,
     expires_at timestamptz,
     primary key (enquiry_id, staff_id, lease_key))`,
  `create index if not exists monitor_leases_expiry on monitor_leases (expires_at) where expires_at is not null`,

  // 3 — help requests. An agent's request for an administrator's help is a lasting record:
  // open (ended_at null; at most one per enquiry) until an administrator joins, takes over,
  // transfers or dismisses it, or the enquiry closes; end_reason and ended_by say which and who.
  `create table if not exists help_requests (
     id text primary key,
     tenant_id text not null references tenants(id),
     enquiry_id text not null references enquiries(id),
     agent_id text not null references staff(id),
     note text,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     ended_at timestamptz,
     ended_by text references staff(id),
     end_reason text)`,
  `create unique index if not exists help_requests_open on help_requests (enquiry_id) where ended_at is null`,
  `create index if not exists help_requests_tenant_open on help_requests (tenant_id, created_at) where ended_at is null`,

  // 4 — live metrics, agents and settings. The SLA threshold and the agents' default capacity
  // are tenant settings, an agent's own capacity overrides the default; presence_since is when
  // the staff member's presence last changed; missed_at is when an enquiry was missed (kept
  // when a missed enquiry is picked up later, unlike closed_at). The indexes serve the live
  // metrics (backend/domain/metrics.ts): the Open queue by age, and waits ended in the last hour.
  `alter table tenants add column if not exists sla_threshold_seconds int not null default 60`,
  `alter table tenants add column if not exists default_agent_capacity int not null default 3`,
  `alter table staff add column if not exists capacity int`,
  `alter table staff add column if not exists presence_since timestamptz not null default now()`,
  `alter table enquiries add column if not exists missed_at timestamptz`,
  `update enquiries set missed_at = closed_at where status = 'MISSED' and missed_at is null`,
  `create index if not exists enquiries_waiting on enquiries (tenant_id, status, waiting_since)`,
  `create index if not exists enquiries_answered on enquiries (tenant_id, picked_up_at) where picked_up_at is not null`,
  `create index if not exists enquiries_missed on enquiries (tenant_id, missed_at) where missed_at is not null`,
  `create table if not exists staff_settings (
     staff_id text primary key references staff(id),
     settings jsonb not null,
     updated_at timestamptz not null)`,

  // 5 — silent monitoring. Whether a tenant tells its agents who monitors their enquiries
  // (the setting agentsSeeMonitors); by default it does not.
  `alter table tenants add column if not exists agents_see_monitors boolean not null default false`,
];

/**
 * The schema's version: the number of its last step. A new step is appended to SCHEMA (with
 * its number in a comment, like step 2) and raises this.
 */
export const SCHEMA_VERSION = 5;

/**
 * Part of step 2, run at every start after the schema (also when it is current). Monitors
 * recorded before leases existed (or by an instance of an earlier version during
 * a rolling upgrade) are adopted with a short expiry: a console still showing the room
 * claims its own lease again through its room subscription; a ghost left by a window that
 * is long gone ends with the next sweep after that.
 */
const ADOPT_UNLEASED_MONITORS = `insert into monitor_leases (tenant_id, enquiry_id, staff_id, lease_key, since, expires_at)
   select e.tenant_id, m.enquiry_id, m.staff_id, '', m.since, now() + interval '2 minutes'
     from room_members m join enquiries e on e.id = m.enquiry_id
    where m.kind = 'MONITOR'
      and not exists (select 1 from monitor_leases l where l.enquiry_id = m.enquiry_id and l.staff_id = m.staff_id)
   on conflict do nothing`;

/**
 * Brings the store's schema to SCHEMA_VERSION. A store that records it (or a later one) is
 * current, and only ADOPT_UNLEASED_MONITORS runs: re-running the `if not exists` statements
 * cost ~0.1 s of an embedded start.
 */
export async function migrate(store: Store): Promise<void> {
  if ((await recordedVersion(store)) >= SCHEMA_VERSION) {
    await store.query(ADOPT_UNLEASED_MONITORS);
    return;
  }
  await store.transaction(async (tx) => {
    if (store.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(724201)');
    for (const statement of SCHEMA) await tx.query(statement);
    await tx.query(ADOPT_UNLEASED_MONITORS);
    await tx.query(
      `insert into meta (key, value) values ('schema_version', $1)
       on conflict (key) do update set value = excluded.value where meta.value::int < excluded.value::int`,
      [String(SCHEMA_VERSION)],
    );
  });
}

/** The schema version the store records in meta; 0 when none (or no meta table yet). */
async function recordedVersion(store: Store): Promise<number> {
  const [table] = await store.query<{ present: boolean }>(
    `select to_regclass('meta') is not null as present`,
  );
  if (!table?.present) return 0;
  const [row] = await store.query<{ value: string }>(`select value from meta where key = 'schema_version'`);
  const version = Number(row?.value ?? 0);
  return Number.isInteger(version) ? version : 0;
}
