import { gql, type GraphqlResponse, type Session } from './backend-client';
import type { LogEntry } from './stream-readers';

/**
 * A burst of concurrent writes to one tenant through the public API, the way a busy
 * contact centre makes them: each "lane" is one enquiry's life (a visitor arrives, two
 * agents race to pick it up, owner and visitor chat, a call blocks a join and a take-over,
 * an administrator joins and whispers, two administrators race to take over, the loser
 * leaves, the new owner closes). All lanes run at once, their requests alternating between
 * backend instances, so many tenant writes — successes and refusals — are in flight together.
 * Every successful write is recorded with what identifies its event in the log.
 */

const START = `mutation ($name: String!, $text: String) {
  startEnquiry(tenant: "demo", visitorName: $name, text: $text) { visitorToken enquiry { id version } }
}`;
const VISITOR_MESSAGE = `mutation ($token: String!, $text: String!) { sendVisitorMessage(visitorToken: $token, text: $text) { id seq } }`;
const PICK_UP = `mutation ($id: ID!) { pickUpEnquiry(enquiryId: $id) { enquiry { id version owner { id } } } }`;
const SEND = `mutation ($id: ID!, $text: String!) { sendMessage(enquiryId: $id, text: $text) { id seq } }`;
const WHISPER = `mutation ($id: ID!, $text: String!) { sendWhisper(enquiryId: $id, text: $text) { id seq } }`;
const START_CALL = `mutation ($id: ID!) { startCall(enquiryId: $id, kind: ONE_TO_ONE) { id version } }`;
const END_CALL = `mutation ($id: ID!) { endCall(enquiryId: $id) { id version } }`;
const MONITOR = `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { enquiry { id version } } }`;
const JOIN = `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { enquiry { id version } } }`;
const TAKE_OVER = `mutation ($id: ID!, $v: Int) { takeOverEnquiry(enquiryId: $id, expectedVersion: $v) { enquiry { id version owner { id } } } }`;
const LEAVE = `mutation ($id: ID!) { leaveEnquiry(enquiryId: $id) { enquiry { id version } } }`;
const CLOSE = `mutation ($id: ID!) { closeEnquiry(enquiryId: $id) { id version } }`;

/** A successful write and how to find its event in the log. */
export type CommittedWrite =
  /** A message or whisper: its event is at the message's seq and carries the message. */
  | { type: 'MESSAGE_POSTED' | 'WHISPER_POSTED'; enquiryId: string; seq: number; messageId: string }
  /** A change that bumps the version: the only event of this type leaving the enquiry at that version. */
  | { type: string; enquiryId: string; version: number }
  /** An event this workload makes once per enquiry (ENQUIRY_CREATED, MONITOR_STARTED). */
  | { type: string; enquiryId: string; once: true };

export interface LaneStaff {
  agents: Session[];
  ada: Session;
  alan: Session;
}

export interface LanesResult {
  committed: CommittedWrite[];
  /** Refusals by error code: the expected ones (CONFLICT, CALL_IN_PROGRESS, …). */
  refusals: Record<string, number>;
  /** Anything else: a refusal of the wrong kind, an internal error, two winners of a race. */
  unexpected: string[];
  requests: number;
  enquiryIds: string[];
  /** Requests in flight at once: the most, and the mean as each request started. */
  inFlight: { max: number; mean: number };
}

export interface LanesOptions {
  urls: string[];
  staff: LaneStaff;
  lanes: number;
  /** Chat rounds before and after the take-over. */
  rounds: number;
  /** Called once every lane has its enquiry (for readers that follow one room). */
  onEnquiry?: (lane: number, enquiryId: string) => void;
  /** Called after each finished request with the running count. */
  onRequest?: (requests: number) => void;
}

/** Runs the lanes concurrently; resolves when all are done. */
export async function runEnquiryLanes(options: LanesOptions): Promise<LanesResult> {
  const result: LanesResult = {
    committed: [],
    refusals: {},
    unexpected: [],
    requests: 0,
    enquiryIds: [],
    inFlight: { max: 0, mean: 0 },
  };
  const flight = { now: 0, sum: 0, started: 0 };
  await Promise.all(
    Array.from({ length: options.lanes }, (_, lane) => runLane(options, lane, result, flight)),
  );
  result.inFlight.mean = Math.round((flight.sum / Math.max(1, flight.started)) * 10) / 10;
  return result;
}

async function runLane(
  options: LanesOptions,
  lane: number,
  out: LanesResult,
  flight: { now: number; sum: number; started: number },
): Promise<void> {
  const { urls, staff, rounds } = options;
  let turn = lane;
  const url = (): string => urls[turn++ % urls.length] as string;
  /** One request; data on success, null on an allowed refusal; anything else is recorded as unexpected. */
  const call = async (
    what: string,
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
    allowed: string[] = [],
  ) => {
    let response: GraphqlResponse<Record<string, any>>;
    flight.now += 1;
    flight.started += 1;
    flight.sum += flight.now;
    out.inFlight.max = Math.max(out.inFlight.max, flight.now);
    try {
      response = await gql(url(), query, variables, token);
    } catch (error) {
      response = { errors: [{ message: String(error) }] };
    } finally {
      flight.now -= 1;
    }
    out.requests += 1;
    options.onRequest?.(out.requests);
    const error = response.errors?.[0];
    if (!error && response.data) return response.data;
    const code = error?.extensions?.code;
    if (code && allowed.includes(code)) {
      out.refusals[code] = (out.refusals[code] ?? 0) + 1;
      return null;
    }
    out.unexpected.push(`lane ${lane} ${what}: ${JSON.stringify(response.errors ?? response)}`);
    return null;
  };
  const message = (
    enquiryId: string,
    type: 'MESSAGE_POSTED' | 'WHISPER_POSTED',
    m: { id: string; seq: number } | undefined,
  ) => {
    if (m) out.committed.push({ type, enquiryId, seq: m.seq, messageId: m.id });
  };
  const changed = (type: string, e: { id: string; version: number } | undefined) => {
    if (e) out.committed.push({ type, enquiryId: e.id, version: e.version });
  };

  const started = await call(
    'start',
    START,
    { name: `Ordering ${lane}`, text: `hello from lane ${lane}` },
    undefined,
  );
  if (!started) return;
  const id = started.startEnquiry.enquiry.id as string;
  const visitor = started.startEnquiry.visitorToken as string;
  out.enquiryIds.push(id);
  out.committed.push({ type: 'ENQUIRY_CREATED', enquiryId: id, once: true });
  options.onEnquiry?.(lane, id);
  const visitorSays = async (text: string, allowed: string[] = []) =>
    message(
      id,
      'MESSAGE_POSTED',
      (await call('visitor message', VISITOR_MESSAGE, { token: visitor, text }, undefined, allowed))
        ?.sendVisitorMessage,
    );
  const staffSays = async (who: Session, text: string, allowed: string[] = []) =>
    message(
      id,
      'MESSAGE_POSTED',
      (await call(`${who.name} message`, SEND, { id, text }, who.token, allowed))?.sendMessage,
    );

  // Two agents race to pick it up: one wins, the other is told who did.
  const pair = [
    staff.agents[lane % staff.agents.length],
    staff.agents[(lane + 1) % staff.agents.length],
  ] as Session[];
  const picks = await Promise.all(
    pair.map((agent) => call('pick up', PICK_UP, { id }, agent.token, ['CONFLICT'])),
  );
  const winners = picks.flatMap((p, i) => (p ? [{ agent: pair[i] as Session, room: p.pickUpEnquiry }] : []));
  if (winners.length !== 1) {
    out.unexpected.push(`lane ${lane}: ${winners.length} agents won the pick-up`);
    return;
  }
  const owner = winners[0]!.agent;
  const bystander = pair.find((a) => a !== owner) as Session;
  changed('ENQUIRY_PICKED_UP', winners[0]!.room.enquiry);

  for (let round = 0; round < rounds; round++) {
    await Promise.all([
      staffSays(owner, `agent ${round}`),
      visitorSays(`visitor ${round}`),
      // Not in the room: refused, in the middle of everyone else's writes.
      round === 0 ? staffSays(bystander, 'may I?', ['FORBIDDEN']) : undefined,
    ]);
  }

  // A call: joining and taking over are refused while it lasts; chat goes on.
  changed('CALL_STARTED', (await call('start call', START_CALL, { id }, owner.token))?.startCall);
  await Promise.all([
    call('join during call', JOIN, { id }, staff.ada.token, ['CALL_IN_PROGRESS']),
    call('take over during call', TAKE_OVER, { id }, staff.alan.token, ['CALL_IN_PROGRESS']),
    staffSays(owner, 'on the phone'),
    visitorSays('talking'),
  ]);
  changed('CALL_ENDED', (await call('end call', END_CALL, { id }, owner.token))?.endCall);

  // Alan watches, Ada joins and whispers.
  const monitored = await call('monitor', MONITOR, { id }, staff.alan.token);
  if (monitored) out.committed.push({ type: 'MONITOR_STARTED', enquiryId: id, once: true });
  const joined = (await call('join', JOIN, { id }, staff.ada.token))?.joinEnquiry;
  changed('ADMIN_JOINED', joined?.enquiry);
  if (!joined) return;
  message(
    id,
    'WHISPER_POSTED',
    (await call('whisper', WHISPER, { id, text: 'I am here' }, staff.ada.token))?.sendWhisper,
  );

  // Both administrators take over at the version they saw: exactly one wins.
  const admins = [staff.ada, staff.alan];
  const takes = await Promise.all(
    admins.map((admin) =>
      call('take over', TAKE_OVER, { id, v: joined.enquiry.version }, admin.token, ['CONFLICT']),
    ),
  );
  const takers = takes.flatMap((t, i) =>
    t ? [{ admin: admins[i] as Session, room: t.takeOverEnquiry }] : [],
  );
  if (takers.length !== 1) {
    out.unexpected.push(`lane ${lane}: ${takers.length} administrators won the take-over`);
    return;
  }
  const admin = takers[0]!.admin;
  changed('ENQUIRY_TAKEN_OVER', takers[0]!.room.enquiry);

  for (let round = 0; round < rounds; round++) {
    await Promise.all([
      staffSays(admin, `admin ${round}`),
      staffSays(owner, `former owner ${round}`),
      visitorSays(`still here ${round}`),
    ]);
  }
  // The loser leaves: Ada had joined and may; Alan never joined and is refused.
  const loser = admin === staff.ada ? staff.alan : staff.ada;
  const left = await call('leave', LEAVE, { id }, loser.token, loser === staff.alan ? ['INVALID_STATE'] : []);
  changed('PARTICIPANT_LEFT', left?.leaveEnquiry.enquiry);
  changed('ENQUIRY_CLOSED', (await call('close', CLOSE, { id }, admin.token))?.closeEnquiry);
  await visitorSays('one more thing', ['INVALID_STATE']);
}

/**
 * The log entry of each committed write, or a description of why it is not there (exactly
 * once): a write the API reported as done must be in the log.
 */
export function findCommitted(
  log: LogEntry[],
  committed: CommittedWrite[],
): { found: Map<CommittedWrite, LogEntry>; problems: string[] } {
  const bySeq = new Map(log.map((e) => [e.seq, e]));
  const found = new Map<CommittedWrite, LogEntry>();
  const problems: string[] = [];
  for (const write of committed) {
    let matches: LogEntry[];
    if ('seq' in write) {
      const entry = bySeq.get(write.seq);
      matches = entry && entry.type === write.type && entry.messageId === write.messageId ? [entry] : [];
    } else if ('version' in write) {
      matches = log.filter(
        (e) => e.type === write.type && e.enquiryId === write.enquiryId && e.version === write.version,
      );
    } else {
      matches = log.filter((e) => e.type === write.type && e.enquiryId === write.enquiryId);
    }
    if (matches.length === 1) found.set(write, matches[0] as LogEntry);
    else problems.push(`${matches.length} log entries for the committed write ${JSON.stringify(write)}`);
  }
  return { found, problems };
}
