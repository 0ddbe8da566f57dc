/**
 * Maps each IPC request channel to a call on the supervisor session. The one entry point,
 * {@link createRequestHandler}'s `handleRequest(channel, args)`, treats both as `unknown`,
 * parses the arguments with the contract's zod schema, and always resolves to an
 * IpcResult: a refusal is data, never an exception crossing IPC.
 */
import {
  isRequestChannel,
  parseRequest,
  type IpcResult,
  type RequestArgs,
  type RequestChannel,
  type RequestResults,
} from '../../shared/ipc/contract';
import { toIpcError } from './failures';
import * as data from './supervisor-data';
import * as roomActions from './room-actions';
import { openHelpRequests } from './live-metrics';
import type { SupervisorSession } from './session';
import { unavailableUpdates, type UpdateControl } from './update-control';

type Handlers = { [C in RequestChannel]: (args: RequestArgs<C>) => Promise<RequestResults[C]> };

/** The request handlers of one session, by channel. */
function handlersFor(session: SupervisorSession, updates: UpdateControl): Handlers {
  return {
    'session/get': async () => session.getState(),
    'session/signIn': (args) => session.signIn(args),
    'session/signOut': () => session.signOut(),
    'board/load': (args) => session.loadBoard(args),
    'room/open': (args) => session.openRoom(args.enquiryId),
    'room/close': (args) => session.closeRoom(args.enquiryId),
    'enquiry/join': (args) => session.join(args),
    'enquiry/takeOver': (args) => session.takeOver(args),
    'enquiry/leave': (args) => session.leave(args),
    'room/sendMessage': (args) => session.sendMessage(args),
    'room/sendWhisper': (args) => session.sendWhisper(args),
    'agents/list': () => roomActions.listAgents(session.backend()),
    'enquiry/transfer': (args) => roomActions.transferEnquiry(session.backend(), args),
    'enquiry/close': (args) => roomActions.closeEnquiry(session.backend(), args),
    'enquiry/askForHelp': (args) => roomActions.askForHelp(session.backend(), args),
    'enquiry/helpRequest': (args) => roomActions.readHelpRequest(session.backend(), args.enquiryId),
    'notifications/getSettings': () => session.getNotificationSettings(),
    'notifications/updateSettings': (args) => session.updateNotificationSettings(args),
    'audit/list': (args) => data.auditPage(session.backend(), args),
    'audit/csv': (args) => data.auditCsv(session.backend(), args),
    'staff/list': () => data.staffMembers(session.backend()),
    'settings/getTenant': () => data.tenantSettings(session.backend()),
    'settings/updateTenant': (args) => data.updateTenantSettings(session.backend(), args),
    'settings/getMine': () => data.mySettings(session.backend()),
    'settings/updateMine': (args) => data.updateMySettings(session.backend(), args),
    'metrics/get': () => session.liveMetrics(),
    'helpRequests/list': () => openHelpRequests(session.backend()),
    'helpRequests/dismiss': (args) => data.dismissHelpRequest(session.backend(), args.id),
    'presence/get': () => data.myPresence(session.backend()),
    'presence/set': (args) => data.setMyPresence(session.backend(), args.presence),
    'update/get': async () => updates.status(),
    'update/check': () => updates.check(),
    'update/restart': () => updates.restart(),
    'update/setPendingWork': async (args) => {
      updates.setPendingWork(args.kinds);
      return true;
    },
  };
}

/** Handles one request from the renderer; never throws. */
export type RequestHandler = (channel: unknown, args: unknown) => Promise<IpcResult<unknown>>;

/** Creates the request handler of a session (and of its window's part in the app's updates). */
export function createRequestHandler(
  session: SupervisorSession,
  log?: (line: string) => void,
  updates: UpdateControl = unavailableUpdates('Updates are installed by the desktop app.'),
): RequestHandler {
  const handlers = handlersFor(session, updates);
  return async (channel, args) => {
    if (!isRequestChannel(channel)) {
      return { ok: false, error: { code: 'BAD_USER_INPUT', message: 'Unknown request.' } };
    }
    const parsed = parseRequest(channel, args);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.value) };
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError.code === 'INTERNAL')
        log?.(`${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, error: ipcError };
    }
  };
}
