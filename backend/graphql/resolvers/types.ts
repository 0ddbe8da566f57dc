import type { GraphQLResolveInfo } from 'graphql';
import type { Enquiry, HelpRequest, Room } from '../../../shared/domain';
import { loadEnquiry, loadMessages } from '../../domain/enquiry-repo';
import { refusal } from '../../domain/errors';
import type { RoomResult } from '../../domain/room';
import { seesMonitors } from '../../domain/rules';
import type { TenantRow } from '../../domain/types';
import { requireActor, type BackendContext } from '../context';
import { readTenantSettingValues, type TenantSettings } from '../../domain/settings';

interface StaffParent {
  id: string;
  presence?: string;
  /** The caller's tenant, when the parent is the caller (`me`). */
  tenantRow?: TenantRow;
}

/** A tenant row as the schema's Tenant. */
function tenantOf(row: TenantRow) {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan,
    enquiryMonitoring: row.enquiry_monitoring,
    settings: {
      waitLimitSeconds: row.wait_limit_seconds,
      waitWarningSeconds: row.wait_warning_seconds,
      agentsSeeMonitors: row.agents_see_monitors === true,
      tenantId: row.id,
    },
  };
}

type SettingsParent = Partial<TenantSettings> & { tenantId?: string };
const settingsRead = new WeakMap<object, Promise<TenantSettings>>();

/** The whole settings of a TenantSettings parent: itself when complete, else read (once per parent). */
function fullSettings(parent: SettingsParent, ctx: BackendContext): Promise<TenantSettings> {
  if (parent.agentCapacities && parent.slaThresholdSeconds !== undefined)
    return Promise.resolve(parent as TenantSettings);
  let read = settingsRead.get(parent);
  if (!read) {
    read = readTenantSettingValues(ctx.services.store, parent.tenantId ?? '');
    settingsRead.set(parent, read);
  }
  return read;
}

/** Field resolvers for types whose fields are not plain properties of the parent. */
export const typeResolvers = {
  Staff: {
    async presence(staff: StaffParent, _: unknown, ctx: BackendContext) {
      if (staff.presence) return staff.presence;
      const rows = await ctx.services.store.query<{ presence: string }>(
        'select presence from staff where id = $1',
        [staff.id],
      );
      return rows[0]?.presence ?? 'OFFLINE';
    },
    async tenant(staff: StaffParent, _: unknown, ctx: BackendContext) {
      if (staff.tenantRow) return tenantOf(staff.tenantRow);
      const rows = await ctx.services.store.query<TenantRow>(
        `select t.id, t.name, t.plan, t.enquiry_monitoring, t.wait_limit_seconds, t.wait_warning_seconds,
                t.agents_see_monitors
           from tenants t join staff s on s.tenant_id = t.id where s.id = $1`,
        [staff.id],
      );
      const row = rows[0];
      return row ? tenantOf(row) : null;
    },
  },
  Enquiry: {
    /**
     * Who monitors the enquiry, for those told of it (`seesMonitors`): an agent of a tenant
     * whose monitoring is silent, and a visitor, get none. Subscription payloads come already
     * prepared for their viewer at the stream's source (agent-view.ts), and a field below a
     * subscription root must not depend on who is watching (shared-execution.ts): there the
     * payload's own list is the answer.
     */
    async monitors(enquiry: Enquiry, _: unknown, ctx: BackendContext, info: GraphQLResolveInfo) {
      if (info.operation.operation === 'subscription') return enquiry.monitors;
      if (enquiry.monitors.length === 0) return enquiry.monitors;
      const principal = ctx.principal;
      if (principal?.kind !== 'staff') return [];
      const { viewer } = await ctx.services.actors.actorOf(principal);
      return seesMonitors(viewer) ? enquiry.monitors : [];
    },
  },
  HelpRequest: {
    /** The request's enquiry: given with it (helpRequests, dismissHelpRequest) or read. */
    async enquiry(request: HelpRequest & { enquiry?: Enquiry }, _: unknown, ctx: BackendContext) {
      if (request.enquiry) return request.enquiry;
      const actor = await requireActor(ctx);
      return loadEnquiry(ctx.services.store, actor.tenant.id, request.enquiryId);
    },
  },
  TenantSettings: {
    // `Tenant.settings` carries what the actor's tenant row holds; the rest is read once per parent.
    slaThresholdSeconds: (parent: SettingsParent, _: unknown, ctx: BackendContext) =>
      fullSettings(parent, ctx).then((s) => s.slaThresholdSeconds),
    defaultAgentCapacity: (parent: SettingsParent, _: unknown, ctx: BackendContext) =>
      fullSettings(parent, ctx).then((s) => s.defaultAgentCapacity),
    agentCapacities: (parent: SettingsParent, _: unknown, ctx: BackendContext) =>
      fullSettings(parent, ctx).then((s) => s.agentCapacities),
  },
  Room: {
    async messages(
      room: RoomResult,
      args: { last?: number | null },
      ctx: BackendContext,
    ): Promise<Room['messages']> {
      const last = args.last ?? 50;
      if (!Number.isInteger(last) || last < 1 || last > 500)
        throw refusal('BAD_USER_INPUT', 'last must be between 1 and 500.');
      return loadMessages(ctx.services.store, room.enquiry.id, room.seq, last, room.whispers);
    },
  },
};
