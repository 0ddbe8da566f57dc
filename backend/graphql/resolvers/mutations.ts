import type { GraphQLResolveInfo } from 'graphql';
import type { CallKind, Channel } from '../../../shared/domain';
import { checkId } from '../../domain/actor';
import * as handling from '../../domain/handling';
import { dismissHelpRequest } from '../../domain/help-requests';
import { checkMonitorKey } from '../../domain/monitor-leases';
import * as supervision from '../../domain/supervision';
import { transferEnquiry } from '../../domain/transfer';
import { sendVisitorMessage, startEnquiry } from '../../domain/visitors';
import { limit, requireActor, requireVisitor, type BackendContext } from '../context';
import { updateTenantSettings } from './tenant-settings';
import { setOwnPresence } from '../../domain/agents';
import { updateMySettings, type TenantSettingsChange } from '../../domain/settings';
import { notificationKinds } from './my-settings';

const deps = (ctx: BackendContext) => ctx.services;

/** Every mutation of the contract; each checks who is calling and leaves the rules to the domain. */
export const Mutation = {
  login: (_: unknown, args: { tenant: string; email: string; password: string }, ctx: BackendContext) =>
    ctx.services.sessions.login(args.tenant, args.email, args.password, ctx.clientAddress),
  refreshSession: (_: unknown, args: { refreshToken: string }, ctx: BackendContext) =>
    ctx.services.sessions.refresh(args.refreshToken),
  logout: (_: unknown, args: { refreshToken: string }, ctx: BackendContext) =>
    ctx.services.sessions.logout(args.refreshToken),

  async monitorEnquiry(
    _: unknown,
    args: { enquiryId: string; monitorKey?: string | null },
    ctx: BackendContext,
  ) {
    const actor = await requireActor(ctx);
    await ctx.services.mutationLimits.take('monitoring', actor.staff.id);
    return supervision.monitorEnquiry(
      deps(ctx),
      actor,
      checkId(args.enquiryId),
      checkMonitorKey(args.monitorKey),
    );
  },
  async stopMonitoring(
    _: unknown,
    args: { enquiryId: string; monitorKey?: string | null },
    ctx: BackendContext,
  ) {
    const actor = await requireActor(ctx);
    await ctx.services.mutationLimits.take('monitoring', actor.staff.id);
    return supervision.stopMonitoring(
      deps(ctx),
      actor,
      checkId(args.enquiryId),
      checkMonitorKey(args.monitorKey),
    );
  },
  async joinEnquiry(
    _: unknown,
    args: { enquiryId: string; idempotencyKey?: string | null },
    ctx: BackendContext,
  ) {
    return supervision.joinEnquiry(
      deps(ctx),
      await requireActor(ctx),
      checkId(args.enquiryId),
      args.idempotencyKey,
    );
  },
  async takeOverEnquiry(
    _: unknown,
    args: { enquiryId: string; idempotencyKey?: string | null; expectedVersion?: number | null },
    ctx: BackendContext,
  ) {
    const actor = await requireActor(ctx);
    return supervision.takeOverEnquiry(
      deps(ctx),
      actor,
      checkId(args.enquiryId),
      args.idempotencyKey,
      args.expectedVersion,
    );
  },
  async leaveEnquiry(_: unknown, args: { enquiryId: string }, ctx: BackendContext) {
    return supervision.leaveEnquiry(deps(ctx), await requireActor(ctx), checkId(args.enquiryId));
  },
  async transferEnquiry(
    _: unknown,
    args: {
      enquiryId: string;
      toStaffId: string;
      idempotencyKey?: string | null;
      expectedVersion?: number | null;
    },
    ctx: BackendContext,
  ) {
    return transferEnquiry(
      deps(ctx),
      await requireActor(ctx),
      checkId(args.enquiryId),
      args.toStaffId,
      args.idempotencyKey,
      args.expectedVersion,
    );
  },
  async dismissHelpRequest(_: unknown, args: { id: string }, ctx: BackendContext) {
    return dismissHelpRequest(deps(ctx), await requireActor(ctx), args.id);
  },
  async sendMessage(
    _: unknown,
    args: { enquiryId: string; text: string; idempotencyKey?: string | null },
    ctx: BackendContext,
  ) {
    const actor = await requireActor(ctx);
    limit(ctx.services.limits.messages, actor.staff.id);
    return handling.sendStaffMessage(
      deps(ctx),
      actor,
      checkId(args.enquiryId),
      args.text,
      args.idempotencyKey,
    );
  },
  async sendWhisper(_: unknown, args: { enquiryId: string; text: string }, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    limit(ctx.services.limits.messages, actor.staff.id);
    return supervision.sendWhisper(deps(ctx), actor, checkId(args.enquiryId), args.text);
  },

  async pickUpEnquiry(_: unknown, args: { enquiryId: string }, ctx: BackendContext) {
    return handling.pickUpEnquiry(deps(ctx), await requireActor(ctx), checkId(args.enquiryId));
  },
  async closeEnquiry(_: unknown, args: { enquiryId: string }, ctx: BackendContext) {
    return handling.closeEnquiry(deps(ctx), await requireActor(ctx), checkId(args.enquiryId));
  },
  async startCall(_: unknown, args: { enquiryId: string; kind: CallKind }, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    await ctx.services.mutationLimits.take('calls', actor.staff.id);
    return handling.startCall(deps(ctx), actor, checkId(args.enquiryId), args.kind);
  },
  async endCall(_: unknown, args: { enquiryId: string }, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    await ctx.services.mutationLimits.take('calls', actor.staff.id);
    return handling.endCall(deps(ctx), actor, checkId(args.enquiryId));
  },
  async requestAssistance(
    _: unknown,
    args: { enquiryId: string; note?: string | null },
    ctx: BackendContext,
  ) {
    const actor = await requireActor(ctx);
    await ctx.services.mutationLimits.take('assistance', actor.staff.id);
    return handling.requestAssistance(deps(ctx), actor, checkId(args.enquiryId), args.note);
  },
  async setPresence(_: unknown, args: { presence: string }, ctx: BackendContext) {
    const actor = await requireActor(ctx);
    await ctx.services.mutationLimits.take('presence', actor.staff.id);
    const { presence } = await setOwnPresence(deps(ctx), actor, args.presence);
    return { ...actor.staff, presence, tenantId: actor.tenant.id };
  },
  async updateTenantSettings(_: unknown, args: TenantSettingsChange, ctx: BackendContext) {
    return updateTenantSettings(ctx.services, await requireActor(ctx), args);
  },
  async updateMySettings(
    _: unknown,
    args: { input: Parameters<typeof updateMySettings>[3] },
    ctx: BackendContext,
    info: GraphQLResolveInfo,
  ) {
    const actor = await requireActor(ctx);
    return updateMySettings(ctx.services.store, actor, notificationKinds(info), args.input);
  },

  async startEnquiry(
    _: unknown,
    args: {
      tenant: string;
      visitorName: string;
      channel?: Channel | null;
      text?: string | null;
      subject?: string | null;
    },
    ctx: BackendContext,
  ) {
    limit(ctx.services.limits.visitors, ctx.clientAddress);
    return startEnquiry(deps(ctx), ctx.services.tokens, args);
  },
  async sendVisitorMessage(_: unknown, args: { visitorToken: string; text: string }, ctx: BackendContext) {
    const visitor = await ctx.services.tokens.verify(args.visitorToken);
    const principal = visitor?.kind === 'visitor' ? visitor : requireVisitor({ ...ctx, principal: null });
    limit(ctx.services.limits.messages, principal.visitorId);
    return sendVisitorMessage(deps(ctx), principal, args.text);
  },
};
