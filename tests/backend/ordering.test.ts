import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { gqlData, login, startTestBackend, type Session } from '../support/backend-client';
import {
  boardDifferences,
  boardSnapshot,
  snapshotCursor,
  type BoardSnapshot,
} from '../support/board-snapshot';
import { findCommitted, runEnquiryLanes, type LanesResult } from '../support/enquiry-lanes';
import { freshDatabase, REDIS_URL, type FreshDatabase } from '../support/postgres';
import { seededRandom } from '../support/seeded-random';
import {
  BOARD_STREAM,
  readLog,
  ROOM_STREAM,
  streamProblems,
  StreamReader,
  type LogEntry,
} from '../support/stream-readers';

/**
 * The event log's ordering guarantee under load (DESIGN.md, "The event log is the spine";
 * issue 10). Many writes to one tenant are in flight at once, spread over two backend
 * instances sharing PostgreSQL, while readers follow the board from a cursor: every reader
 * must see every committed event exactly once, in cursor order, and nothing the log does
 * not hold.
 *
 * The hole this is built to catch: transaction B commits before transaction A whose log
 * position was allocated earlier. A reader that moved past A's position meanwhile — live,
 * or through a subscription that started from the tenant's latest position, or from a board
 * snapshot whose cursor already counted A — never sees A. So besides readers that follow
 * steadily (they connect while the first writes are already in flight), one reader keeps
 * disconnecting and resuming from its last cursor on an instance where it is the only
 * subscriber (each resume starts that instance's tenant feed afresh from the store,
 * mid-burst); one starts late and replays the whole log into the live stream; a console
 * loads the board mid-burst and follows from its cursor; one follows a single room. What
 * they saw is held against the `events` table read directly, and against every write the
 * API reported as done.
 */

const LANES = 16;
const ROUNDS = 3;
/** About the requests one lane makes (see enquiry-lanes.ts): to start readers part-way. */
const REQUESTS_PER_LANE = 15 + 7 * ROUNDS;
const CATCH_UP_MS = 15_000;

const OPTIONS = {
  demo: true,
  simulator: false,
  // Staff here send far more than a person would; the wait-limit sweep stays out of the way.
  messagesPer10Seconds: 100_000,
  sweepIntervalMs: 60_000,
};

/** Where the scenario writes and reads, and how it reads the log behind the API. */
interface Topology {
  /** Instances the lanes write to, request by request in turn. */
  writers: string[];
  steadyA: string;
  steadyB: string;
  /** Where the resuming reader goes: best an instance no other reader uses. */
  resuming: string;
  readLog: () => Promise<LogEntry[]>;
}

interface Outcome {
  lanes: LanesResult;
  /** Everything that broke the guarantee (or the workload); empty when all held. */
  problems: string[];
  writesMs: number;
  boardEvents: number;
  /** Log positions after the start cursor holding no event (0 while positions are consecutive). */
  unusedPositions: number;
  resumes: number;
}

const onBoard = (e: LogEntry): boolean => e.enquiryId !== null && e.type !== 'WHISPER_POSTED';

async function signIn(urls: string[]) {
  const [ada, alan, grace, linus, margaret] = (await Promise.all(
    ['ada', 'alan', 'grace', 'linus', 'margaret'].map((name, i) =>
      login(urls[i % urls.length] as string, 'demo', `${name}@demo.test`),
    ),
  )) as Session[];
  return { ada: ada!, alan: alan!, agents: [grace!, linus!, margaret!] };
}

async function runScenario(topology: Topology): Promise<Outcome> {
  const staff = await signIn(topology.writers);
  const home = topology.writers[0] as string;
  const startCursor = (
    await gqlData(home, `{ enquiryOverview(column: OPEN, first: 1) { boardCursor } }`, {}, staff.ada.token)
  ).enquiryOverview.boardCursor as string;
  const start = Number(startCursor);
  const board = (name: string, url: string, after: string, churnAfter?: () => number) =>
    new StreamReader({
      name,
      url: () => url,
      token: staff.ada.token,
      query: BOARD_STREAM,
      field: 'boardEvents',
      after,
      churnAfter,
    });

  const random = seededRandom(10);
  const fromStart = [
    board('steady reader on A', topology.steadyA, startCursor),
    board('steady reader on B', topology.steadyB, startCursor),
    board('resuming reader', topology.resuming, startCursor, () => 3 + Math.floor(random() * 25)),
  ];
  const resuming = fromStart[2] as StreamReader;
  const fromZero: StreamReader[] = [];
  let room: { id: string; reader: StreamReader } | undefined;
  let consoleView: { snapshot: BoardSnapshot; reader: StreamReader } | undefined;
  const midRun: Promise<void>[] = [];
  const problems: string[] = [];
  const total = LANES * REQUESTS_PER_LANE;
  const everyReader = (): StreamReader[] => [
    ...fromStart,
    ...fromZero,
    ...(consoleView ? [consoleView.reader] : []),
    ...(room ? [room.reader] : []),
  ];

  try {
    const started = Date.now();
    const lanes = await runEnquiryLanes({
      urls: topology.writers,
      staff,
      lanes: LANES,
      rounds: ROUNDS,
      onEnquiry: (lane, id) => {
        if (lane !== 0) return;
        const reader = new StreamReader({
          name: 'room reader',
          url: () => topology.steadyB,
          token: staff.ada.token,
          query: ROOM_STREAM,
          field: 'roomEvents',
          variables: { id },
          after: startCursor,
        });
        room = { id, reader };
      },
      onRequest: (requests) => {
        if (requests === Math.floor(total * 0.25)) {
          // A console opens mid-burst: the board, then its events after the board's cursor.
          const loading = boardSnapshot(topology.steadyB, staff.alan.token).then(
            (snapshot) => {
              consoleView = {
                snapshot,
                reader: board('console reader', topology.steadyB, String(snapshotCursor(snapshot))),
              };
            },
            (error: unknown) => void problems.push(`the console's board did not load: ${String(error)}`),
          );
          midRun.push(loading);
        }
        if (requests === Math.floor(total * 0.4)) {
          fromZero.push(board('late reader replaying from 0', topology.steadyA, '0'));
        }
      },
    });
    await Promise.all(midRun);
    const writesMs = Date.now() - started;
    fromZero.push(board('reader started after the burst', topology.resuming, '0'));

    // Wait until every reader has the last event logged by now, then read the log again.
    const first = await topology.readLog();
    const end = first.at(-1)?.seq ?? 0;
    const roomTarget = first.filter((e) => room && e.enquiryId === room.id).at(-1)?.seq ?? 0;
    const boardTarget = first.filter(onBoard).at(-1)?.seq ?? 0;
    await Promise.all(
      everyReader().map((reader) =>
        reader.reach(room?.reader === reader ? roomTarget : boardTarget, CATCH_UP_MS),
      ),
    );
    const log = (await topology.readLog()).filter((e) => e.seq <= end);
    const boardLog = log.filter(onBoard);

    // Every request succeeded or was refused as expected; every write reported done is logged once.
    const committed = findCommitted(log, lanes.committed);
    problems.push(...lanes.unexpected, ...committed.problems);
    // Every reader saw exactly the log after its cursor: in order, once each, nothing else…
    for (const reader of fromStart) problems.push(...streamProblems(reader, boardLog, start, end));
    for (const reader of fromZero) problems.push(...streamProblems(reader, boardLog, 0, end));
    if (fromZero.length < 2) problems.push('the late reader never started');
    if (room)
      problems.push(
        ...streamProblems(
          room.reader,
          log.filter((e) => e.enquiryId === room?.id),
          start,
          end,
        ),
      );
    else problems.push('the room reader never started');
    // …and so every committed write's event (a whisper is in the room, not on the board).
    for (const reader of [...fromStart, ...fromZero]) {
      const seen = new Set(reader.seen.map((e) => e.seq));
      const missed = [...committed.found].filter(([, entry]) => onBoard(entry) && !seen.has(entry.seq));
      if (missed.length > 0) {
        const shown = missed.slice(0, 8).map(([write, entry]) => `${write.type} at ${entry.seq}`);
        problems.push(`${reader.name}: missed ${missed.length} committed write(s): ${shown.join(', ')}`);
      }
    }
    // The console's board, built from its snapshot and the events after its cursor, is the board.
    if (consoleView) {
      problems.push(
        ...streamProblems(consoleView.reader, boardLog, snapshotCursor(consoleView.snapshot), end),
      );
      const truth = await boardSnapshot(home, staff.ada.token);
      problems.push(...boardDifferences(consoleView.snapshot, consoleView.reader, end, truth));
    } else problems.push('the console reader never started');
    if (lanes.committed.length < LANES * 20) problems.push(`only ${lanes.committed.length} writes committed`);

    const written = log.filter((e) => e.seq > start).length;
    return {
      lanes,
      problems,
      writesMs,
      boardEvents: boardLog.filter((e) => e.seq > start).length,
      unusedPositions: end - start - written,
      resumes: resuming.connections - 1,
    };
  } finally {
    await Promise.all(everyReader().map((reader) => reader.stop()));
  }
}

function report(store: string, outcome: Outcome): void {
  const { lanes } = outcome;
  process.stdout.write(
    `[ordering, ${store}] ${lanes.requests} requests in ${outcome.writesMs} ms, ` +
      `${lanes.inFlight.mean} in flight on average (at most ${lanes.inFlight.max}); ` +
      `${lanes.committed.length} writes done, refused ${JSON.stringify(lanes.refusals)}; ` +
      `${outcome.boardEvents} board events, ${outcome.unusedPositions} unused log positions; ` +
      `the resuming reader resumed ${outcome.resumes} times; ${outcome.problems.length} problem(s)\n`,
  );
}

function expectHeld(outcome: Outcome): void {
  expect(outcome.problems).toEqual([]);
  // The resuming reader really did resume, many times, mid-burst.
  expect(outcome.resumes).toBeGreaterThan(10);
}

describe('ordering under concurrent writers: two instances on PostgreSQL and Redis', () => {
  let db: FreshDatabase;
  let backends: RunningBackend[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    const options = { ...OPTIONS, inMemory: false, databaseUrl: db.url, redisUrl: REDIS_URL };
    backends = await Promise.all([
      startTestBackend(options),
      startTestBackend(options),
      startTestBackend(options),
    ]);
  });
  afterAll(async () => {
    await Promise.all(backends.map((b) => b.stop()));
    await db?.drop();
  });

  it('every reader sees every committed event exactly once, in cursor order', async () => {
    const [a, b, c] = backends as [RunningBackend, RunningBackend, RunningBackend];
    const outcome = await runScenario({
      writers: [a.url, b.url],
      steadyA: a.url,
      steadyB: b.url,
      // A third instance serves only the resuming reader (and, after the burst, one more),
      // so each resume starts its tenant feed afresh from the store mid-burst.
      resuming: c.url,
      readLog: async () => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          return await readLog(async (sql, params) => (await client.query(sql, params)).rows, 'demo');
        } finally {
          await client.end();
        }
      },
    });
    report('PostgreSQL', outcome);
    expectHeld(outcome);
  }, 90_000);
});

describe('ordering under concurrent writers: the embedded store', () => {
  let backend: RunningBackend;

  beforeAll(async () => {
    backend = await startTestBackend(OPTIONS);
  });
  afterAll(() => backend?.stop());

  it('every reader sees every committed event exactly once, in cursor order', async () => {
    const outcome = await runScenario({
      writers: [backend.url],
      steadyA: backend.url,
      steadyB: backend.url,
      resuming: backend.url,
      readLog: () => readLog((sql, params) => backend.services.store.query(sql, params), 'demo'),
    });
    report('embedded', outcome);
    expectHeld(outcome);
  }, 90_000);
});
