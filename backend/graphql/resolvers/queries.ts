import type { GraphQLResolveInfo } from 'graphql';
import type { EnquiryFilter, OverviewColumn } from '../../../shared/domain';
import { readAuditTrail, type AuditFilter } from '../../domain/audit';
import { auditTrailCsv } from '../../domain/audit-csv';
import { assertSupervisorView, readAgents } from '../../domain/agents';
import { computeLiveMetrics } from '../../domain/metrics';
import { readMySettings } from '../../domain/settings';
import { notificationKinds } from './my-settings';
import { readVisibleEnquiry } from '../../domain/agent-view';
import { codeOf } from '../../domain/errors';
import { readHelpRequests } from '../../domain/help-requests';
import { readOverview } from '../../domain/overview';
import { readRoom } from '../../domain/room';
import { checkId } from '../../domain/actor';
import { requireActor, type BackendContext } from '../context';
import { auditCursor } from '../operation-input';
import { readTenantSettings } from './tenant-settings';

export const Query = {
  async me(_: unknown, __: unknown, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    // The tenant travels with the caller, so `me { tenant { … } }` needs no store read either.
    return { ...actor.staff, tenantId: actor.tenant.id, tenantRow: actor.tenant };
  },

  async enquiryOverview(
    _: unknown,
    args: {
      column: OverviewColumn;
      first?: number | null;
      after?: string | null;
      filter?: EnquiryFilter | null;
    },
    ctx: BackendContext,
  ) {
    const actor = await requireActor(ctx);
    const page = await readOverview(ctx.services.store, actor.tenant.id, args.column, {
      ...args,
      viewer: actor.viewer,
    });
    return {
      edges: page.enquiries.map((node, i) => ({ node, cursor: page.cursors[i] })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
      boardCursor: page.boardCursor,
    };
  },

  async enquiry(_: unknown, args: { id: string }, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    // An agent's enquiry not hers is null, as another tenant's (agent-view.ts).
    return readVisibleEnquiry(ctx.services.store, actor.tenant.id, actor.viewer, checkId(args.id));
  },

  async room(_: unknown, args: { enquiryId: string }, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    try {
      return await readRoom(ctx.services.store, actor, checkId(args.enquiryId));
    } catch (error) {
      if (codeOf(error) === 'NOT_FOUND') return null; // `room` is nullable: no such room is null
      throw error;
    }
  },

  async auditTrail(
    _: unknown,
    args: AuditFilter & { first?: number | null; after?: string | null },
    ctx: BackendContext,
  ) {
    const actor = await requireActor(ctx);
    const { entries, hasNextPage } = await readAuditTrail(ctx.services.store, actor, {
      ...args,
      after: auditCursor(args.after),
    });
    return {
      edges: entries.map((node) => ({ node, cursor: node.id })),
      pageInfo: { hasNextPage, endCursor: entries.at(-1)?.id ?? null },
    };
  },

  async auditTrailCsv(_: unknown, args: AuditFilter, ctx: BackendContext) {
    return auditTrailCsv(ctx.services.store, await requireActor(ctx), args);
  },

  async liveMetrics(_: unknown, __: unknown, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    assertSupervisorView(actor, 'the live metrics');
    return computeLiveMetrics(ctx.services.store, actor.tenant.id, ctx.services.now());
  },

  async agents(_: unknown, __: unknown, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    assertSupervisorView(actor, 'the agents');
    return readAgents(ctx.services.store, actor.tenant.id);
  },

  async mySettings(_: unknown, __: unknown, ctx: BackendContext, info: GraphQLResolveInfo) {
    const actor = await requireActor(ctx);
    return readMySettings(ctx.services.store, actor, notificationKinds(info));
  },

  async helpRequests(_: unknown, __: unknown, ctx: BackendContext) {
    return readHelpRequests(ctx.services.store, await requireActor(ctx));
  },

  async staffMembers(_: unknown, __: unknown, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    const rows = await ctx.services.store.query<{
      id: string;
      name: string;
      email: string;
      role: string;
      presence: string;
    }>('select id, name, email, role, presence from staff where tenant_id = $1 order by name', [
      actor.tenant.id,
    ]);
    return rows.map((row) => ({ ...row, tenantId: actor.tenant.id }));
  },

  async tenantSettings(_: unknown, __: unknown, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    return readTenantSettings(ctx.services, actor.tenant.id);
  },
};
