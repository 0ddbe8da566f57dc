import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../backend/domain/audit-csv';
import type { RunningBackend } from '../../backend/index';
import {
  enquiryByVisitor,
  errorCode,
  gql,
  gqlData,
  login,
  startTestBackend,
  type Session,
} from '../support/backend-client';

/**
 * The audit trail (issue 13, item 4): filtered by enquiry, staff member and time, newest
 * first, paged, monitoring visits collapsed, exported as CSV with cells escaped and formulas
 * defused. The actions are made here, through the API, in the demo tenant.
 */

const TRAIL = `query ($enquiry: ID, $staff: ID, $from: String, $to: String, $first: Int, $after: String, $collapse: Boolean) {
  auditTrail(enquiryId: $enquiry, staffId: $staff, from: $from, to: $to, first: $first, after: $after, collapseMonitoring: $collapse) {
    edges { cursor node { id action actor { id name } enquiryId at endedAt detail target { kind id name } } }
    pageInfo { hasNextPage endCursor } } }`;
const CSV = `query ($enquiry: ID, $staff: ID, $from: String, $to: String, $collapse: Boolean) {
  auditTrailCsv(enquiryId: $enquiry, staffId: $staff, from: $from, to: $to, collapseMonitoring: $collapse) }`;
const MONITOR = `mutation ($id: ID!) { monitorEnquiry(enquiryId: $id) { cursor } }`;
const STOP = `mutation ($id: ID!) { stopMonitoring(enquiryId: $id) }`;
const WHISPER = `mutation ($id: ID!, $text: String!) { sendWhisper(enquiryId: $id, text: $text) { id } }`;
const JOIN = `mutation ($id: ID!) { joinEnquiry(enquiryId: $id) { cursor } }`;
const TRICKY = 'Check "refund", then\nescalate, please';
const FORMULA = '=HYPERLINK("http://evil.example","click")';

let backend: RunningBackend;
let url: string;
let ada: Session;
let alan: Session;
let grace: Session;
let mateo: string;
let aiko: string;
/** Between the first visit and everything after it. */
let middle: string;

type Entry = {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  enquiryId: string | null;
  at: string;
  endedAt: string | null;
  detail: string | null;
  target: { kind: string; id: string | null; name: string };
};

async function trail(variables: Record<string, unknown>, token = ada.token): Promise<Entry[]> {
  const data = await gqlData(url, TRAIL, { first: 100, ...variables }, token);
  return data.auditTrail.edges.map((e: { node: Entry }) => e.node);
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  backend = await startTestBackend();
  url = backend.url;
  [ada, alan, grace] = await Promise.all([
    login(url, 'demo', 'ada@demo.test'),
    login(url, 'demo', 'alan@demo.test'),
    login(url, 'demo', 'grace@demo.test'),
  ]);
  mateo = (await enquiryByVisitor(url, ada.token, 'HANDLING', 'Mateo Rossi')).id;
  aiko = (await enquiryByVisitor(url, ada.token, 'HANDLING', 'Aiko Tanaka')).id;
  // Ada's first visit to Mateo's enquiry.
  await gqlData(url, MONITOR, { id: mateo }, ada.token);
  await gqlData(url, STOP, { id: mateo }, ada.token);
  await pause();
  middle = new Date().toISOString();
  await pause();
  // Her second visit, with whispers; Alan's visit, still going; Ada joins Aiko's.
  await gqlData(url, MONITOR, { id: mateo }, ada.token);
  await gqlData(url, WHISPER, { id: mateo, text: TRICKY }, ada.token);
  await gqlData(url, WHISPER, { id: mateo, text: FORMULA }, ada.token);
  await gqlData(url, STOP, { id: mateo }, ada.token);
  await gqlData(url, MONITOR, { id: mateo }, alan.token);
  await gqlData(url, JOIN, { id: aiko }, ada.token);
});

afterAll(async () => {
  await backend?.stop();
});

describe('audit trail', () => {
  it('lists monitoring as it happened by default, and one entry per visit when collapsed', async () => {
    const raw = await trail({ enquiry: mateo });
    expect(raw.map((e) => `${e.action}/${e.actor?.name}`)).toEqual([
      'MONITOR_STARTED/Alan Turing',
      'MONITOR_STOPPED/Ada Lovelace',
      'WHISPER_POSTED/Ada Lovelace',
      'WHISPER_POSTED/Ada Lovelace',
      'MONITOR_STARTED/Ada Lovelace',
      'MONITOR_STOPPED/Ada Lovelace',
      'MONITOR_STARTED/Ada Lovelace',
    ]);
    const visits = await trail({ enquiry: mateo, collapse: true });
    expect(visits.map((e) => `${e.action}/${e.actor?.name}`)).toEqual([
      'MONITOR_STARTED/Alan Turing',
      'WHISPER_POSTED/Ada Lovelace',
      'WHISPER_POSTED/Ada Lovelace',
      'MONITOR_STARTED/Ada Lovelace',
      'MONITOR_STARTED/Ada Lovelace',
    ]);
    // Each of Ada's visits ends where its MONITOR_STOPPED was; Alan's lasts.
    const stops = raw.filter((e) => e.action === 'MONITOR_STOPPED').map((e) => e.at);
    expect(visits.filter((e) => e.action === 'MONITOR_STARTED').map((e) => e.endedAt)).toEqual([
      null,
      ...stops,
    ]);
  });

  it('names actor, target and time of every entry, newest first', async () => {
    const all = await trail({});
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const [i, e] of all.entries()) {
      expect(e.actor?.name).toBeTruthy();
      expect(e.target.kind).toBe('ENQUIRY');
      expect(e.target.id).toBe(e.enquiryId);
      expect(['Mateo Rossi', 'Aiko Tanaka']).toContain(e.target.name);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      if (i > 0) {
        expect(Number(e.id)).toBeLessThan(Number(all[i - 1]!.id));
        expect(Date.parse(e.at)).toBeLessThanOrEqual(Date.parse(all[i - 1]!.at));
      }
    }
  });

  it('filters by enquiry, staff member and time', async () => {
    expect((await trail({ enquiry: aiko })).map((e) => e.action)).toEqual(['ADMIN_JOINED']);
    const alans = await trail({ staff: alan.staffId });
    expect(alans.map((e) => e.action)).toEqual(['MONITOR_STARTED']);
    expect(alans.every((e) => e.actor?.id === alan.staffId)).toBe(true);
    const before = await trail({ enquiry: mateo, to: middle });
    expect(before.map((e) => e.action)).toEqual(['MONITOR_STOPPED', 'MONITOR_STARTED']);
    const since = await trail({ enquiry: mateo, from: middle });
    expect(since).toHaveLength(5);
    expect(since.every((e) => e.at >= middle)).toBe(true);
    expect(await trail({ staff: alan.staffId, to: middle })).toEqual([]);
    for (const from of ['yesterday', '2026-13-45', '+275760-09-13T00:00:00.000Z', '1'])
      expect(errorCode(await gql(url, TRAIL, { from }, ada.token)), from).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(url, TRAIL, { from: middle, to: middle }, ada.token))).toBe('BAD_USER_INPUT');
  });

  it('pages without gaps or repeats', async () => {
    const all = await trail({ collapse: true });
    const seen: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: any = await gqlData(url, TRAIL, { first: 2, after, collapse: true }, ada.token);
      seen.push(...data.auditTrail.edges.map((e: { node: Entry }) => e.node));
      pages++;
      if (!data.auditTrail.pageInfo.hasNextPage) break;
      after = data.auditTrail.pageInfo.endCursor;
    }
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('exports CSV: a header, one line per entry, cells escaped and formulas defused', async () => {
    const csv: string = (await gqlData(url, CSV, { enquiry: mateo }, ada.token)).auditTrailCsv;
    const entries = await trail({ enquiry: mateo, collapse: true });
    expect(csv.startsWith('time,action,actor,actor id,target,target kind,target id,ended,detail\r\n')).toBe(
      true,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    // The tricky whisper is one quoted cell (its line break inside the quotes), quotes doubled.
    expect(csv).toContain('"Check ""refund"", then\nescalate, please"');
    // The formula starts with a quote mark, so a spreadsheet shows it as text.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const records = csv.split('\r\n').slice(0, -1);
    expect(records).toHaveLength(entries.length + 1);
    expect(records[1]).toBe(
      [
        entries[0]!.at,
        'MONITOR_STARTED',
        'Alan Turing',
        alan.staffId,
        'Mateo Rossi',
        'ENQUIRY',
        mateo,
        '',
        '',
      ].join(','),
    );
    // Uncollapsed on request.
    const raw: string = (await gqlData(url, CSV, { enquiry: mateo, collapse: false }, ada.token))
      .auditTrailCsv;
    expect(raw).toContain('MONITOR_STOPPED');
    expect(errorCode(await gql(url, CSV, {}, grace.token))).toBe('FORBIDDEN');
    const basil = await login(url, 'basic', 'basil@basic.test');
    expect(errorCode(await gql(url, CSV, {}, basil.token))).toBe('PLAN_REQUIRED');
  });

  it('defuses every formula start and quotes only what needs it', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
    ]);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
  });
});
