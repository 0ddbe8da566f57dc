import { startTestBackend, type GraphqlResponse, type Session } from '../../tests/support/backend-client';
import type { LoadWorker } from './load-client';
import { note, round2, summarize, type LatencySummary } from './stats';
import {
  agentSessions,
  createRaceTarget,
  distinctAdminSessions,
  holdWaitLimit,
  raceOutcome,
  twoAdminSessions,
  type RaceTarget,
} from './take-over-setup';

/**
 * Take-over races: `attempts` concurrent `takeOverEnquiry` mutations against ONE agent-owned
 * Handling enquiry, each with its own idempotency key and the version read before the race.
 * Exactly one may take it over; the log (audit trail, system messages) is the judge.
 * The racers run in the load worker process; latency is theirs, send to parsed response.
 */

const TAKE_OVER = `mutation ($id: ID!, $key: String!, $version: Int!) {
  takeOverEnquiry(enquiryId: $id, idempotencyKey: $key, expectedVersion: $version) { enquiry { version owner { id } } }
}`;

export interface TakeOverOptions {
  /** PostgreSQL URL, or undefined for the embedded (in-memory PGlite) store. */
  databaseUrl?: string;
  attempts: number;
  rounds: number;
}

interface RoundResult {
  latencies: number[];
  wallMs: number;
  ok: number;
  okFromNonWinner: number;
  conflicts: number;
  conflictsNamingOwner: number;
  otherErrors: Record<string, number>;
  takenOverEvents: number;
  takeOverSystemMessages: number;
  winnerIsAnAttempter: boolean;
}

export interface ScenarioReport {
  admins: string;
  rounds: number;
  attemptsPerRound: number;
  latency: LatencySummary;
  /** Mean wall time of a whole round (first send to last response). */
  roundWallMsMean: number;
  /** Take-overs per measured round according to the event log (must be 1 each). */
  winnersPerRound: number[];
  okResponsesPerRound: number[];
  /** Take-overs in the unmeasured warm-up round (must be 1 too). */
  warmupWinners: number;
  conflicts: number;
  conflictsNamingOwner: number;
  okFromNonWinner: number;
  otherErrors: Record<string, number>;
  correct: boolean;
}

async function race(
  worker: LoadWorker,
  url: string,
  sessions: Session[],
  target: RaceTarget,
  attempts: number,
  tag: string,
): Promise<RoundResult> {
  const requests = Array.from({ length: attempts }, (_, i) => ({
    token: (sessions[i % sessions.length] as Session).token,
    body: JSON.stringify({
      query: TAKE_OVER,
      variables: { id: target.id, key: `bench-${tag}-${i}`, version: target.version },
    }),
  }));
  const started = performance.now();
  const replies = await worker.race(url, requests);
  const wallMs = performance.now() - started;
  const results = replies.results.map((r, i) => ({
    ms: r.ms,
    staffId: (sessions[i % sessions.length] as Session).staffId,
    json: r.json as GraphqlResponse<{ takeOverEnquiry: unknown }>,
  }));
  const outcome = await raceOutcome(url, sessions[0] as Session, target.id);
  const round: RoundResult = {
    latencies: results.map((r) => r.ms),
    wallMs,
    ok: 0,
    okFromNonWinner: 0,
    conflicts: 0,
    conflictsNamingOwner: 0,
    otherErrors: {},
    takenOverEvents: outcome.takenOverEvents,
    takeOverSystemMessages: outcome.takeOverSystemMessages,
    winnerIsAnAttempter: results.some((r) => r.staffId === outcome.ownerId),
  };
  for (const { staffId, json } of results) {
    const error = json.errors?.[0];
    if (!error && json.data?.takeOverEnquiry) {
      round.ok += 1;
      if (staffId !== outcome.ownerId) round.okFromNonWinner += 1;
    } else if (error?.extensions?.code === 'CONFLICT') {
      round.conflicts += 1;
      const owner = error.extensions['owner'] as { id?: string } | null | undefined;
      if (owner?.id && owner.id === outcome.ownerId) round.conflictsNamingOwner += 1;
    } else {
      const code = String(error?.extensions?.code ?? 'NO_DATA');
      round.otherErrors[code] = (round.otherErrors[code] ?? 0) + 1;
    }
  }
  return round;
}

async function scenario(
  worker: LoadWorker,
  url: string,
  label: string,
  sessions: Session[],
  agents: Session[],
  options: TakeOverOptions,
  store: string,
): Promise<ScenarioReport> {
  const agentAt = (r: number): Session => agents[r % agents.length] as Session;
  const play = async (r: number): Promise<RoundResult> => {
    const target = await createRaceTarget(url, agentAt(r), `Bench ${store} ${label} ${r}`);
    return race(worker, url, sessions, target, options.attempts, `${store}-${label}-${r}-${Date.now()}`);
  };
  // A warm-up round (connections, JIT): its outcome is checked, its latencies are not kept.
  const warmup = await play(0);
  const rounds: RoundResult[] = [];
  for (let r = 1; r <= options.rounds; r += 1) rounds.push(await play(r));
  const otherErrors: Record<string, number> = {};
  for (const round of rounds)
    for (const [code, n] of Object.entries(round.otherErrors))
      otherErrors[code] = (otherErrors[code] ?? 0) + n;
  const sum = (pick: (r: RoundResult) => number): number => rounds.reduce((total, r) => total + pick(r), 0);
  const distinct = new Set(sessions.map((s) => s.staffId)).size;
  return {
    admins: `${distinct} distinct administrator(s) over ${sessions.length} session(s)`,
    rounds: rounds.length,
    attemptsPerRound: options.attempts,
    latency: summarize(rounds.flatMap((r) => r.latencies)),
    roundWallMsMean: round2(sum((r) => r.wallMs) / Math.max(1, rounds.length)),
    winnersPerRound: rounds.map((r) => r.takenOverEvents),
    okResponsesPerRound: rounds.map((r) => r.ok),
    conflicts: sum((r) => r.conflicts),
    conflictsNamingOwner: sum((r) => r.conflictsNamingOwner),
    okFromNonWinner: sum((r) => r.okFromNonWinner),
    otherErrors,
    warmupWinners: warmup.takenOverEvents,
    correct: [warmup, ...rounds].every(
      (r) =>
        r.takenOverEvents === 1 &&
        r.takeOverSystemMessages === 1 &&
        r.winnerIsAnAttempter &&
        r.okFromNonWinner === 0,
    ),
  };
}

export interface TakeOverReport {
  store: string;
  /** The two demo administrators, several sessions each. */
  twoAdmins: ScenarioReport;
  /** One administrator per attempt. */
  distinctAdmins: ScenarioReport;
}

/**
 * Runs both race scenarios on one backend: the two demo administrators (several sessions
 * each), and one distinct administrator per attempt.
 */
export async function runTakeOver(worker: LoadWorker, options: TakeOverOptions): Promise<TakeOverReport> {
  const backend = await startTestBackend(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  const store = backend.mode.store;
  try {
    const twoAdmins = await twoAdminSessions(backend.url, 10);
    await holdWaitLimit(backend.url, twoAdmins[0] as Session);
    const agents = await agentSessions(backend.url);
    note(`take-over (${store}): two-admin races`);
    const two = await scenario(worker, backend.url, 'two', twoAdmins, agents, options, store);
    note(`take-over (${store}): signing in ${options.attempts} distinct administrators`);
    const distinctSessions = await distinctAdminSessions(backend, options.attempts);
    note(`take-over (${store}): distinct-admin races`);
    const distinct = await scenario(
      worker,
      backend.url,
      'distinct',
      distinctSessions,
      agents,
      options,
      store,
    );
    return { store, twoAdmins: two, distinctAdmins: distinct };
  } finally {
    await backend.stop();
  }
}
