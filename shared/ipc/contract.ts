/**
 * The one IPC contract between main and the renderer (DESIGN.md, Typed bridge).
 *
 * Requests go renderer → main with `invoke(channel, args)` and are answered with an
 * {@link IpcResult}; events go main → renderer. Every request's arguments are parsed
 * with its zod schema in main before anything else happens: treat them as `unknown`.
 */
import { z } from 'zod';
import type { ClientErrorCode } from '../errors';
import type {
  BoardEvent,
  Enquiry,
  HelpRequest,
  EnquiryPage,
  Message,
  Notification,
  NotificationKind,
  OverviewColumn,
  Presence,
  Role,
  Room,
  RoomEvent,
  StaffRef,
} from '../domain';
import { MAX_MESSAGE_LENGTH } from '../domain';
import type { AgentStatus, LiveMetrics } from '../live-metrics';
import type { AuditPage, EndedHelpRequest, OpenHelpRequest, TenantSettings } from './supervisor-answers';

const id = z.string().min(1).max(128);
const idempotencyKey = z.string().min(8).max(128);
/** The longest note with a help request (characters, once trimmed), as the backend takes it. */
export const MAX_HELP_NOTE_LENGTH = 500;
const column = z.enum(['OPEN', 'HANDLING', 'MISSED', 'CLOSED']);
const channel = z.enum(['WEB_CHAT', 'WHATSAPP', 'FACEBOOK', 'EMAIL', 'SMS']);
const notificationKind = z.enum([
  'ADMIN_JOINED',
  'TAKEN_OVER',
  'MONITORED_ENQUIRY_TAKEN_OVER',
  'ASSISTANCE_REQUESTED',
  'WAIT_WARNING',
  'ENQUIRY_MISSED',
  'ENQUIRY_TRANSFERRED',
]);

/** What the audit trail may be narrowed to (ISO times; the backend checks them). */
const auditFilter = z.object({
  enquiryId: id.nullable().optional(),
  staffId: id.nullable().optional(),
  from: z.string().max(40).nullable().optional(),
  to: z.string().max(40).nullable().optional(),
});
/** A setting's whole number, loosely bounded (the backend says which values make sense). */
const settingNumber = z.number().int().min(-1_000_000_000).max(1_000_000_000);
const theme = z.enum(['SYSTEM', 'LIGHT', 'DARK']);

/** Work a restart to update must not cut short, as the renderer reports it (see UpdateStatus). */
const pendingWork = z.enum(['confirmation', 'action', 'draft']);

/** zod schemas of every request's arguments, by channel. */
export const requestSchemas = {
  'session/get': z.object({}).strict(),
  'session/signIn': z
    .object({
      tenant: z.string().trim().min(1).max(64),
      email: z.string().trim().min(3).max(254),
      password: z.string().min(1).max(256),
    })
    .strict(),
  'session/signOut': z.object({}).strict(),
  'board/load': z
    .object({
      column,
      first: z.number().int().min(1).max(1000).optional(),
      after: z.string().max(512).nullable().optional(),
      filter: z
        .object({
          ownerId: id.nullable().optional(),
          channel: channel.nullable().optional(),
          text: z.string().max(200).nullable().optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  'room/open': z.object({ enquiryId: id }).strict(),
  'room/close': z.object({ enquiryId: id }).strict(),
  'enquiry/join': z.object({ enquiryId: id, idempotencyKey }).strict(),
  'enquiry/takeOver': z
    .object({ enquiryId: id, idempotencyKey, expectedVersion: z.number().int().min(0).optional() })
    .strict(),
  'enquiry/leave': z.object({ enquiryId: id }).strict(),
  'room/sendMessage': z
    .object({ enquiryId: id, text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH), idempotencyKey })
    .strict(),
  'room/sendWhisper': z
    .object({ enquiryId: id, text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) })
    .strict(),
  // Supervisor actions beside the spec's four (issue 13, item 6) and an agent's help request (item 3).
  /** Every agent of the tenant with presence, chats in hand and capacity (whom to transfer to). */
  'agents/list': z.object({}).strict(),
  /** An administrator moves a Handling enquiry to another online agent (or hands it back). */
  'enquiry/transfer': z
    .object({
      enquiryId: id,
      toStaffId: id,
      idempotencyKey,
      expectedVersion: z.number().int().min(0).optional(),
    })
    .strict(),
  /** The owner (an administrator after a take-over) closes the enquiry. */
  'enquiry/close': z.object({ enquiryId: id }).strict(),
  /** An agent asks an administrator for help (asking again while it is open updates the note). */
  'enquiry/askForHelp': z
    .object({ enquiryId: id, note: z.string().trim().max(MAX_HELP_NOTE_LENGTH).nullable().optional() })
    .strict(),
  /** The enquiry's open help request, null when none. */
  'enquiry/helpRequest': z.object({ enquiryId: id }).strict(),
  'notifications/getSettings': z.object({}).strict(),
  'notifications/updateSettings': z
    .object({
      doNotDisturb: z.boolean().optional(),
      kinds: z.partialRecord(notificationKind, z.boolean()).optional(),
    })
    .strict(),
  // The audit trail and settings (issue 13, items 4 and 5). Numbers are only bounded loosely
  // here: the backend checks every value and its refusal says what is wrong, in people's words.
  'audit/list': auditFilter
    .extend({
      first: z.number().int().min(1).max(100).optional(),
      after: z.string().max(64).nullable().optional(),
    })
    .strict(),
  'audit/csv': auditFilter.strict(),
  'staff/list': z.object({}).strict(),
  'settings/getTenant': z.object({}).strict(),
  'settings/updateTenant': z
    .object({
      waitLimitSeconds: settingNumber.optional(),
      waitWarningSeconds: settingNumber.optional(),
      slaThresholdSeconds: settingNumber.optional(),
      defaultAgentCapacity: settingNumber.optional(),
      agentsSeeMonitors: z.boolean().optional(),
      agentCapacities: z
        .array(z.object({ staffId: id, capacity: settingNumber.nullable() }).strict())
        .max(1000)
        .optional(),
    })
    .strict(),
  'settings/getMine': z.object({}).strict(),
  /** The supervisor's live metrics (agents included): the latest snapshot of the liveMetrics stream. */
  'metrics/get': z.object({}).strict(),
  /** The tenant's open help requests, the longest waiting first. */
  'helpRequests/list': z.object({}).strict(),
  /** An administrator dismisses an open help request without joining or taking over. */
  'helpRequests/dismiss': z.object({ id }).strict(),
  /** The viewer's own presence. */
  'presence/get': z.object({}).strict(),
  /** Sets the viewer's own presence (an agent from her own view). */
  'presence/set': z.object({ presence: z.enum(['ONLINE', 'AWAY', 'BUSY', 'OFFLINE']) }).strict(),
  'settings/updateMine': z
    .object({
      notificationKinds: z
        .array(z.object({ kind: notificationKind, enabled: z.boolean() }).strict())
        .max(notificationKind.options.length)
        .optional(),
      doNotDisturb: z.boolean().optional(),
      theme: theme.optional(),
    })
    .strict(),
  'update/get': z.object({}).strict(),
  /** Checks the release channel now (the menu's "Check for Updates…"). */
  'update/check': z.object({}).strict(),
  /** "Restart to update": restarts now, or as soon as no work is pending. */
  'update/restart': z.object({}).strict(),
  /** The renderer's pending work, whenever it changes: all of it, not a change. */
  'update/setPendingWork': z.object({ kinds: z.array(pendingWork).max(3) }).strict(),
} as const;

export type RequestChannel = keyof typeof requestSchemas;
export type RequestArgs<C extends RequestChannel> = z.infer<(typeof requestSchemas)[C]>;

export type ConnectionState = 'signed-out' | 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface SessionState {
  status: 'signed-out' | 'signed-in';
  staff: StaffRef | null;
  tenant: string | null;
  role: Role | null;
  /** Whether the tenant's plan includes enquiry monitoring. */
  enquiryMonitoring: boolean;
  backendUrl: string;
}

export interface NotificationSettings {
  doNotDisturb: boolean;
  kinds: Record<NotificationKind, boolean>;
}

/**
 * Work in the renderer that a restart would cut short: an open confirmation dialog, a join or
 * take-over in flight, a composer or whisper box holding unsent text.
 */
export type PendingWork = z.infer<typeof pendingWork>;

export type ThemeSetting = z.infer<typeof theme>;

/** A staff member's own settings, kept by the backend so they follow her to any machine. */
export interface MySettings {
  notificationKinds: { kind: NotificationKind; enabled: boolean }[];
  doNotDisturb: boolean;
  theme: ThemeSetting;
}

/** The release channel the installed app follows. */
export type UpdateChannel = 'stable' | 'beta';

/**
 * The installed app's update, as the console shows it (a `role=status` region named
 * "Update"). Failed checks and downloads are logged and retried later without nagging: the
 * state goes back to `idle`, with `problem` set only when a person asked for the check.
 */
export type UpdateStatus =
  /** Updates do not run here (a development build, the browser host, no feed configured). */
  | { state: 'unavailable'; reason: string }
  | { state: 'idle'; channel: UpdateChannel; lastCheckedAt: string | null; problem: string | null }
  | { state: 'checking'; channel: UpdateChannel }
  | {
      state: 'downloading';
      channel: UpdateChannel;
      version: string;
      percent: number;
      transferredBytes: number;
      totalBytes: number;
    }
  /**
   * Downloaded and checked against the feed's sha512: "Restart to update". Once asked,
   * `restartRequested` is true and the restart waits while `waitingFor` is not empty.
   */
  | {
      state: 'ready';
      channel: UpdateChannel;
      version: string;
      restartRequested: boolean;
      waitingFor: PendingWork[];
    }
  | { state: 'restarting'; channel: UpdateChannel; version: string };

/**
 * An agent as the Transfer dialog offers her: presence, Handling enquiries she owns and her
 * capacity (the backend's `agents` query).
 */
export type AgentAvailability = AgentStatus;

/** What each request answers with (inside {@link IpcResult}). */
export interface RequestResults {
  'session/get': SessionState;
  'session/signIn': SessionState;
  'session/signOut': SessionState;
  'board/load': EnquiryPage;
  'room/open': Room;
  'room/close': true;
  'enquiry/join': Room;
  'enquiry/takeOver': Room;
  'enquiry/leave': Room;
  'room/sendMessage': Message;
  'room/sendWhisper': Message;
  'agents/list': AgentAvailability[];
  'enquiry/transfer': Room;
  'enquiry/close': Enquiry;
  'enquiry/askForHelp': HelpRequest | null;
  'enquiry/helpRequest': HelpRequest | null;
  'notifications/getSettings': NotificationSettings;
  'notifications/updateSettings': NotificationSettings;
  'audit/list': AuditPage;
  'audit/csv': string;
  'staff/list': StaffRef[];
  'settings/getTenant': TenantSettings;
  'settings/updateTenant': TenantSettings;
  'settings/getMine': MySettings;
  'settings/updateMine': MySettings;
  'metrics/get': LiveMetrics;
  'helpRequests/list': OpenHelpRequest[];
  'helpRequests/dismiss': EndedHelpRequest;
  'presence/get': Presence;
  'presence/set': Presence;
  'update/get': UpdateStatus;
  'update/check': UpdateStatus;
  'update/restart': UpdateStatus;
  'update/setPendingWork': true;
}

export interface IpcError {
  code: ClientErrorCode;
  message: string;
  /** With CONFLICT: who owns the enquiry now. */
  owner?: { id: string; name: string } | null;
}

/** Every request resolves to this; a refusal is data, never a thrown Error across IPC. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export type { AgentStatus, LiveMetrics };
export type {
  AuditEntry,
  AuditPage,
  EndedHelpRequest,
  OpenHelpRequest,
  TenantSettings,
} from './supervisor-answers';

/** Events main pushes to the renderer, by name. Board and room events arrive batched, in order. */
export interface EventPayloads {
  'connection/state': { state: ConnectionState; lastSyncAt: string | null; detail: string | null };
  'session/changed': SessionState;
  'board/events': BoardEvent[];
  'room/events': { enquiryId: string; events: RoomEvent[] };
  'notification/toast': Notification;
  'navigation/openRoom': { enquiryId: string };
  'update/status': UpdateStatus;
  /**
   * A room's event stream was refused for good (the viewer lost the right to the room: the
   * plan no longer includes monitoring, she is no longer an administrator, the room is
   * gone): the room no longer updates. `message` is the server's, for people. Opening the
   * room again starts afresh.
   */
  'room/ended': { enquiryId: string; code: ClientErrorCode; message: string };
  /** A new snapshot of the tenant's live metrics (administrators with the monitoring plan). */
  'metrics/live': LiveMetrics;
}

export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'connection/state',
  'session/changed',
  'board/events',
  'room/events',
  'notification/toast',
  'navigation/openRoom',
  'room/ended',
  'update/status',
  'metrics/live',
];

export const REQUEST_CHANNELS = Object.keys(requestSchemas) as RequestChannel[];

/** The API the preload (or the browser host's client) exposes as `window.supervisor`. */
export interface SupervisorApi {
  invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<IpcResult<RequestResults[C]>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Parses a request's arguments; returns a BAD_USER_INPUT error instead of throwing. */
export function parseRequest<C extends RequestChannel>(
  channel: C,
  args: unknown,
): { ok: true; value: RequestArgs<C> } | { ok: false; error: IpcError } {
  const schema = requestSchemas[channel];
  if (!schema)
    return { ok: false, error: { code: 'BAD_USER_INPUT', message: `Unknown request ${String(channel)}.` } };
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as RequestArgs<C> };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  return {
    ok: false,
    error: { code: 'BAD_USER_INPUT', message: `${first?.message ?? 'Invalid arguments'}${where}.` },
  };
}

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, value);
}

export type { Enquiry, OverviewColumn };

/** A native (OS or Web) notification the notification policy decided to show. */
export interface NativeAlert {
  title: string;
  body: string;
  /** The room to open when the alert is clicked; null for a coalesced summary of several. */
  enquiryId: string | null;
  /** How many notifications this alert stands for (1, or more when coalesced). */
  count: number;
}
