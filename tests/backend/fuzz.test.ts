import { Agent, request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { RunningBackend } from '../../backend/index';
import { startEnquiry } from '../../backend/domain/visitors';
import { typeDefs } from '../../shared/graphql/schema';
import { ERROR_CODES } from '../../shared/errors';
import { collect, gql, login, startTestBackend, wsClient, type Session } from '../support/backend-client';
import { captureBackendLog } from '../support/backend-log';
import { seededRandom } from '../support/seeded-random';

/**
 * Issue 11, "Proofs that stay": a bounded, seeded fuzz of what a client can send — mutated
 * documents, hostile variables against every operation of the schema, malformed request
 * bodies and malformed graphql-ws frames. No answer may be an internal error, a 5xx, a
 * stack trace or an internal message (nor any close reason); nothing unexpected is logged;
 * another client is served throughout; memory comes back near where it started.
 * FUZZ_SEED=<n> replays a run; the summary line prints the counts.
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_111);
const COUNTS = { variables: 1300, documents: 800, bodies: 120, frames: 380 };
const CONCURRENCY = 8;

/** The same seed gives the same cases. */
const random = seededRandom(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const chance = (p: number): boolean => random() < p;

const schema = buildSchema(typeDefs);
const CODES = new Set<string>(ERROR_CODES);
/** Text that only a failure of ours would put in an answer. */
const INTERNAL =
  /\n\s*at |\\n\s*at |\.ts:\d|\.js:\d|node_modules|invalid byte sequence|invalid input syntax|syntax for type|relation "|violates|duplicate key|PGlite|TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|undefined is not|Unexpected error occurred|Internal server error:/i;

let backend: RunningBackend;
let url: string;
let ada: Session;
let grace: Session;
let basil: Session;
let alan: Session;
let enquiryId = '';
const logged: string[] = [];
const problems: string[] = [];
const tally = { requests: 0, sockets: 0, frames: 0, refusals: 0, served: 0, probes: 0, probeFailures: 0 };

function note(problem: string): void {
  if (problems.length < 20) problems.push(problem);
}

// ---------------------------------------------------------------------------------------
// Values and documents

const HOSTILE: (() => unknown)[] = [
  () => null,
  () => 'NOPE',
  () => 2 ** 53,
  () => -(2 ** 31) - 1,
  () => 2 ** 31,
  () => 1.5,
  () => 1e308,
  () => -0,
  () => true,
  () => [],
  () => [1, 'two', null],
  () => ({}),
  () => ({ text: 'x', ownerId: 7, unknown: true }),
  () => deepObject(20 + int(200)),
  () => deepArray(20 + int(500)),
  () => `a\u0000b`,
  () => '\u0000',
  () => `x\ud800y`,
  () => '\udfff',
  () => `${'\ud83d\ude00'.repeat(5)}\ud83d`,
  () => '',
  () => ' \t\n ',
  () => 'x'.repeat(1 + int(70_000)),
  () => '\u202e\u200b\ufeff',
  () => "'; drop table enquiries; --",
  () => '%_\\',
  () => '{"__proto__":{"admin":true}}',
  () => '1e999',
  () => Buffer.from(JSON.stringify(['not a time', 'enq_1'])).toString('base64url'),
  () => Buffer.from(JSON.stringify(['2026-02-30T00:00:00.000Z', 'x\u0000'])).toString('base64url'),
  () => '99999999999999999999',
  () => '-1',
  () => 'enq_' + 'f'.repeat(int(300)),
];

function deepObject(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { text: value };
  return value;
}
function deepArray(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

const TEXTS = [
  'Hello',
  'Grüße 👋',
  'a',
  'Ada',
  'ada@demo.test',
  'demo',
  'basic',
  'x'.repeat(2000),
  '  padded  ',
];

function plausible(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return plausible(type.ofType, depth);
  if (isListType(type)) return [plausible(type.ofType, depth + 1)];
  if (isEnumType(type)) return pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (chance(0.6)) value[field.name] = plausible(field.type, depth + 1);
    return value;
  }
  switch (type.name) {
    case 'ID':
      return pick([enquiryId, enquiryId, ada.staffId, grace.staffId, 'enq_missing', 'stf_x']);
    case 'Int':
      return pick([1, 5, 50, 100, 0, 300, 86_400]);
    case 'Boolean':
      return chance(0.5);
    default:
      return pick(TEXTS);
  }
}

function value(type: GraphQLInputType): unknown {
  return chance(0.45) ? plausible(type) : pick(HOSTILE)();
}

/** A selection for a type: its leaf fields, and __typename below. */
function selection(type: GraphQLObjectType, depth = 0): string {
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const parts = fields.map((field) => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return field.name;
    if (depth < 2 && isObjectType(named) && chance(0.5))
      return `${field.name} ${selection(named, depth + 1)}`;
    return `${field.name} { __typename }`;
  });
  return `{ ${parts.join(' ')} }`;
}

const ROOTS = (['query', 'mutation', 'subscription'] as const).map((operation) => ({
  operation,
  type: (operation === 'query'
    ? schema.getQueryType()
    : operation === 'mutation'
      ? schema.getMutationType()
      : schema.getSubscriptionType())!,
}));
const OPERATIONS = ROOTS.flatMap(({ operation, type }) =>
  Object.values(type.getFields()).map((field) => ({ operation, field })),
);

function operationDocument(operation: string, field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const body = isObjectType(named) ? ` ${selection(named)}` : '';
  return `${operation} Fuzz${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${body} }`;
}

function operationCase(): { query: string; variables: Record<string, unknown> } {
  const { operation, field } = pick(OPERATIONS);
  const variables: Record<string, unknown> = {};
  for (const argument of field.args) {
    if (chance(0.1)) continue; // a missing variable
    variables[argument.name] = value(argument.type);
  }
  if (chance(0.05)) variables['unexpected'] = pick(HOSTILE)();
  return { query: operationDocument(operation, field), variables };
}

const NOISE = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '!',
  '@',
  '#',
  '"',
  '\\',
  '...',
  '\u0000',
  '\ud800',
  'é',
  '\n',
  '0x',
  '1e9',
  '"""',
];

function mutatedDocument(): string {
  const { operation, field } = pick(OPERATIONS);
  let text = operationDocument(operation, field);
  for (let n = 1 + int(3); n > 0; n -= 1) {
    const at = int(text.length + 1);
    switch (int(12)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + 1 + int(5));
        break;
      case 1:
        text = text.slice(0, at) + pick(NOISE) + text.slice(at);
        break;
      case 2:
        text = text.slice(0, at);
        break;
      case 3:
        text = text.slice(0, at) + text.slice(int(text.length), int(text.length) + 40) + text.slice(at);
        break;
      case 4:
        text = text.replace(/\b[a-z]\w+/, pick(['nope', '__schema', '__type', 'me', 'x'.repeat(200)]));
        break;
      case 5:
        text = `{ me ${'{ tenant '.repeat(5 + int(20))}{ id }${' }'.repeat(5 + int(20))} }`;
        break;
      case 6:
        text = `{ ${Array.from({ length: 5 + int(30) }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
        break;
      case 7:
        text = `query { ...F } fragment F on Query { ...G me { id } } fragment G on Query { ...F }`;
        break;
      case 8:
        text = `{ enquiryOverview(column: OPEN, first: ${pick(['2147483648', '9007199254740993', '-5', '0', '1000', '99'])}) { totalCount } }`;
        break;
      case 9:
        text = `{ enquiry(id: "${pick(['a\\u0000b', '\\ud800', 'enq_1', '\\u0000'])}") { id } }`;
        break;
      case 10:
        text = text + ' ' + text; // two anonymous operations, or duplicates
        break;
      default:
        text = `query Q($x: Boolean = true) { me @skip(if: $x) @include(if: $y) { id } __typename }`;
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------
// Judging answers

function judgeErrors(errors: unknown, where: string): void {
  if (!Array.isArray(errors)) return;
  tally.refusals += 1;
  for (const error of errors as { message?: unknown; extensions?: { code?: unknown } }[]) {
    const code = error?.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || typeof code !== 'string' || !CODES.has(code)) {
      note(
        `${where}: error without a contract code (${String(code)}): ${JSON.stringify(error).slice(0, 300)}`,
      );
    }
  }
}

function judgeText(text: string, where: string): void {
  if (INTERNAL.test(text)) note(`${where}: internal text in the answer: ${text.slice(0, 300)}`);
}

async function post(
  body: string,
  token: string | undefined,
  contentType = 'application/json',
): Promise<void> {
  tally.requests += 1;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  const where = `POST ${body.slice(0, 160)}`;
  if (response.status >= 500) note(`${where}: HTTP ${response.status}: ${text.slice(0, 200)}`);
  judgeText(text, where);
  let parsed: { errors?: unknown; data?: unknown } | null = null;
  try {
    parsed = JSON.parse(text) as { errors?: unknown; data?: unknown };
  } catch {
    if (response.status < 400) note(`${where}: HTTP ${response.status} answered with no JSON`);
    return;
  }
  if (parsed.errors) judgeErrors(parsed.errors, where);
  else tally.served += 1;
}

const token = (): string | undefined =>
  pick([ada.token, grace.token, basil.token, undefined, 'garbage.token.value']);

async function inParallel(count: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await run(next++);
    }),
  );
}

// ---------------------------------------------------------------------------------------
// graphql-ws frames

function frameScript(): (string | Buffer)[] {
  const init = JSON.stringify({
    type: 'connection_init',
    payload: { authorization: `Bearer ${pick([ada.token, grace.token])}` },
  });
  const { query, variables } = chance(0.5) ? operationCase() : { query: mutatedDocument(), variables: {} };
  const subscribe = (id: unknown, payload: unknown = { query, variables }) =>
    JSON.stringify({ id, type: 'subscribe', payload });
  switch (int(16)) {
    case 0:
      return ['{not json', init];
    case 1:
      return [init, JSON.stringify({ type: pick(['nope', 'start', 'connection_terminate', 'data', 42]) })];
    case 2:
      return [subscribe('1')]; // before init
    case 3:
      return [init, init];
    case 4:
      return [init, subscribe('dup'), subscribe('dup')];
    case 5:
      return [init, subscribe('x'.repeat(1 + int(100_000)))];
    case 6:
      return [init, subscribe(pick([7, null, {}, '', ['a']]))];
    case 7:
      return [
        JSON.stringify({
          type: 'connection_init',
          payload: pick([
            7,
            'x',
            [],
            null,
            { authorization: pick([7, {}, 'Bearer \u0000', 'x'.repeat(50_000), ['a']]) },
          ]),
        }),
      ];
    case 8:
      return [init, JSON.stringify({ type: 'complete', id: pick(['never', 5, null]) })];
    case 9:
      return [
        init,
        JSON.stringify({ type: 'ping', payload: pick([7, 'x', null, { a: deepObject(50) }]) }),
        JSON.stringify({ type: 'pong' }),
      ];
    case 10:
      return [init, Buffer.from([0xff, 0xfe, 0x00, 0x01])];
    case 11:
      return [
        init,
        subscribe(
          'p',
          pick([
            null,
            7,
            {},
            { query: 7 },
            { query, variables: pick([[], 'x', 5]) },
            { query, operationName: 7 },
          ]),
        ),
      ];
    case 12:
      return [init, JSON.stringify({ type: 'subscribe', id: 'a' }), '[]', 'null', '"text"'];
    default:
      return [
        init,
        ...Array.from({ length: 1 + int(4) }, (_, i) =>
          subscribe(`s${i}`, chance(0.5) ? operationCase() : { query: mutatedDocument(), variables: {} }),
        ),
      ];
  }
}

function runFrames(frames: (string | Buffer)[]): Promise<void> {
  tally.sockets += 1;
  tally.frames += frames.length;
  return new Promise((resolve) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const where = `ws ${frames.map((f) => String(f).slice(0, 60)).join(' | ')}`;
    const timer = setTimeout(() => socket.terminate(), 3000);
    socket.on('open', () => {
      for (const frame of frames) socket.send(frame);
      socket.send(JSON.stringify({ type: 'ping', payload: { fuzz: 'done' } }));
    });
    socket.on('message', (data) => {
      const text = String(data);
      judgeText(text, where);
      let message: { type: string; payload?: unknown };
      try {
        message = JSON.parse(text) as { type: string; payload?: unknown };
      } catch {
        note(`${where}: a frame that is not JSON: ${text.slice(0, 100)}`);
        return;
      }
      if (message.type === 'error') judgeErrors(message.payload, where);
      if (message.type === 'next') {
        const errors = (message.payload as { errors?: unknown })?.errors;
        if (errors) judgeErrors(errors, where);
      }
      // Give in-flight subscribe answers a moment after the closing pong, then hang up.
      if (message.type === 'pong' && (message.payload as { fuzz?: string } | undefined)?.fuzz === 'done') {
        setTimeout(() => socket.close(1000), 30);
      }
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      const said = String(reason);
      if (code === 4500 || code === 1011) note(`${where}: closed ${code} ${said}`);
      judgeText(said, `${where} (close reason)`);
      resolve();
    });
    socket.on('error', () => undefined);
  });
}

// ---------------------------------------------------------------------------------------

beforeAll(async () => {
  captureBackendLog(logged);
  backend = await startTestBackend({ quiet: false, messagesPer10Seconds: 100_000 });
  url = backend.url;
  [ada, grace, basil, alan] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
    login(url, 'basic', 'basil@basic.test'),
    login(url, 'demo', 'alan@demo.test'),
  ]);
  const page = await gql<{ enquiryOverview: { edges: { node: { id: string } }[] } }>(
    url,
    '{ enquiryOverview(column: HANDLING, first: 5) { edges { node { id } } } }',
    {},
    grace.token,
  );
  enquiryId = page.data?.enquiryOverview.edges[0]?.node.id ?? 'enq_missing';
}, 60_000);

afterAll(async () => {
  probeAgent.destroy();
  await backend?.stop();
  vi.restoreAllMocks();
});

/**
 * The other client's query, on its own connection pool: the fuzz's refusals may close their
 * connections, which must not count against this client.
 */
const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
function probeQuery(): Promise<{ errors?: unknown }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ me { id } }' });
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: probeAgent,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${alan.token}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += String(chunk)));
        response.on('end', () => {
          try {
            resolve(JSON.parse(text) as { errors?: unknown });
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

it('answers thousands of hostile requests and frames without an internal error, while serving another client', async () => {
  const started = Date.now();
  // Warm up (compile paths, caches), then the baseline.
  await inParallel(50, async () => {
    const { query, variables } = operationCase();
    await post(JSON.stringify({ query, variables }), token());
  });
  const baseline = heapAfterGc();

  // Another client: a query every 25 ms and a live board stream, both must keep working.
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const result = await probeQuery().catch((error: unknown) => ({ errors: [{ message: String(error) }] }));
      tally.probes += 1;
      if (result.errors) {
        tally.probeFailures += 1;
        note(`probe: ${JSON.stringify(result.errors).slice(0, 300)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const watcher = wsClient(url, () => alan.token);
  const board = collect(
    watcher,
    'subscription { boardEvents { seq } }',
    {},
    (data: { boardEvents: { seq: number } }) => data.boardEvents.seq,
  );

  await inParallel(COUNTS.variables, async () => {
    const { query, variables } = operationCase();
    await post(JSON.stringify({ query, variables }), token());
  });
  await inParallel(COUNTS.documents, async () => {
    await post(
      JSON.stringify({ query: mutatedDocument(), variables: chance(0.3) ? operationCase().variables : {} }),
      token(),
    );
  });
  const bodies: (() => [string, string])[] = [
    () => ['{"query": "{ me { id } }"', 'application/json'],
    () => ['[]', 'application/json'],
    () => ['null', 'application/json'],
    () => [JSON.stringify({ query: 7 }), 'application/json'],
    () => [
      JSON.stringify({ query: '{ me { id } }', variables: pick(['x', 5, [], null]) }),
      'application/json',
    ],
    () => [
      JSON.stringify({ query: '{ me { id } }', operationName: pick([5, {}, 'Nope']) }),
      'application/json',
    ],
    () => [JSON.stringify({ query: '{ me { id } }', extensions: deepObject(100) }), 'application/json'],
    () => [JSON.stringify({ variables: {} }), 'application/json'],
    () => [mutatedDocument(), 'application/graphql'],
    () => ['\u0000\u0001', 'application/json'],
    () => [JSON.stringify({ query: 'x'.repeat(300_000) }), 'application/json'],
    () => ['query=%7Bme%7Bid%7D%7D', 'application/x-www-form-urlencoded'],
  ];
  await inParallel(COUNTS.bodies, async () => {
    const [body, contentType] = pick(bodies)();
    await post(body, token(), contentType);
  });
  await inParallel(COUNTS.frames, async () => runFrames(frameScript()));

  // The other client was served throughout, and its stream still delivers.
  probing = false;
  await probe;
  const seen = board.items.length;
  // A new enquiry (whatever the fuzz did to the others) must reach the stream.
  await startEnquiry(backend.services, backend.services.tokens, {
    tenant: 'demo',
    visitorName: 'After the fuzz',
    text: 'Hello',
  });
  await board.until(seen + 1).catch(() => undefined);
  board.dispose();
  await watcher.dispose();

  const heapGrowth = (heapAfterGc() - baseline) / 2 ** 20;
  const cases = COUNTS.variables + COUNTS.documents + COUNTS.bodies + COUNTS.frames;
  const unexpected = logged.filter((line) => /unexpected error|Internal error/i.test(line));
  console.log(
    `fuzz seed ${SEED}: ${cases} cases (${COUNTS.variables} variable sets over ${OPERATIONS.length} operations, ${COUNTS.documents} mutated documents, ` +
      `${COUNTS.bodies} malformed bodies, ${COUNTS.frames} graphql-ws scripts of ${tally.frames} frames); ${tally.requests} HTTP requests, ` +
      `${tally.refusals} refused with a contract code, ${tally.served} served; 0 expected internal errors, found ${problems.length}; ` +
      `${unexpected.length} unexpected errors logged; probe ${tally.probes - tally.probeFailures}/${tally.probes} served; ` +
      `heap ${heapGrowth.toFixed(1)} MiB over baseline; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(problems).toEqual([]);
  expect(unexpected).toEqual([]);
  expect(tally.probeFailures).toBe(0);
  expect(tally.probes).toBeGreaterThan(10);
  expect(board.errors).toEqual([]);
  expect(board.items.length).toBeGreaterThan(seen);
  expect(heapGrowth).toBeLessThan(96);
}, 120_000);
