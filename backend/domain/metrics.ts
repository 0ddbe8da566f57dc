import type { SqlExecutor } from '../storage/store';
import type { LiveMetrics as SharedLiveMetrics } from '../../shared/live-metrics';
import { readAgents, type AgentRef } from './agents';
import { iso } from './enquiry-repo';

/**
 * The tenant's live metrics (issue 13, item 1), computed from the enquiries' timestamps, each
 * of which an event of the log records: waitingSince (ENQUIRY_CREATED), pickedUpAt
 * (ENQUIRY_PICKED_UP), missed_at (ENQUIRY_MISSED); and from the agents' presence
 * (PRESENCE_CHANGED). A wait ends when the enquiry is picked up or missed, whichever came
 * first: a missed enquiry picked up later counts as missed.
 *
 * Every read is an index range: the Open and Handling counts and the oldest Open enquiry on
 * enquiries_waiting (tenant, status, waiting_since), the hour's answers on enquiries_answered
 * (tenant, picked_up_at), its misses on enquiries_missed (tenant, missed_at).
 */

export type LiveMetrics = SharedLiveMetrics<AgentRef>;

export const SERIES_POINTS = 60;
export const SERIES_STEP_SECONDS = 60;
const HOUR_MS = 3_600_000;

/** The figures, in one statement of scalar subqueries. */
const FIGURES = `
  select (select count(*) from enquiries where tenant_id = $1 and status = 'OPEN') as waiting,
         (select min(waiting_since) from enquiries where tenant_id = $1 and status = 'OPEN') as oldest,
         (select count(*) from enquiries where tenant_id = $1 and status = 'HANDLING') as handling,
         (select count(*) from enquiries
           where tenant_id = $1 and missed_at > $3::timestamptz and missed_at <= $2::timestamptz) as missed,
         a.answered, a.within, a.wait_sum,
         t.sla_threshold_seconds
    from tenants t,
         lateral (select count(*) as answered,
                         count(*) filter (where picked_up_at - waiting_since <= make_interval(secs => t.sla_threshold_seconds)) as within,
                         sum(extract(epoch from picked_up_at - waiting_since)) as wait_sum
                    from enquiries
                   where tenant_id = $1 and picked_up_at > $3::timestamptz and picked_up_at <= $2::timestamptz
                     and missed_at is null) a
   where t.id = $1`;

/**
 * How many enquiries were waiting at each point of the hour: every wait that overlaps it (the
 * Open queue, and waits that ended within the hour), counted at each minute.
 */
const SERIES = `
  with waits as (
    select waiting_since, null::timestamptz as ended from enquiries
     where tenant_id = $1 and status = 'OPEN'
    union all
    select waiting_since, picked_up_at from enquiries
     where tenant_id = $1 and picked_up_at > $3::timestamptz and missed_at is null
    union all
    select waiting_since, missed_at from enquiries
     where tenant_id = $1 and missed_at > $3::timestamptz
  )
  select p.i, count(w.waiting_since) as waiting
    from generate_series(0, ${SERIES_POINTS - 1}) as p(i)
    left join waits w
      on w.waiting_since <= $2::timestamptz - make_interval(secs => (${SERIES_POINTS - 1} - p.i) * ${SERIES_STEP_SECONDS})
     and (w.ended is null or w.ended > $2::timestamptz - make_interval(secs => (${SERIES_POINTS - 1} - p.i) * ${SERIES_STEP_SECONDS}))
   group by p.i order by p.i`;

/** The statements, for EXPLAIN (parameters: tenant id, now, an hour before now). */
export const METRICS_SQL = { figures: FIGURES, series: SERIES } as const;

/** The tenant's live metrics at `now`. */
export async function computeLiveMetrics(db: SqlExecutor, tenantId: string, now: Date): Promise<LiveMetrics> {
  const at = now.toISOString();
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  const [figuresRows, seriesRows, agents] = await Promise.all([
    db.query<{
      waiting: number | string;
      oldest: Date | string | null;
      handling: number | string;
      missed: number | string;
      answered: number | string;
      within: number | string;
      wait_sum: number | string | null;
      sla_threshold_seconds: number;
    }>(FIGURES, [tenantId, at, hourAgo]),
    db.query<{ i: number; waiting: number | string }>(SERIES, [tenantId, at, hourAgo]),
    readAgents(db, tenantId),
  ]);
  const f = figuresRows[0];
  const answered = Number(f?.answered ?? 0);
  const within = Number(f?.within ?? 0);
  const missed = Number(f?.missed ?? 0);
  const oldest = f?.oldest ? iso(f.oldest) : null;
  const ended = answered + missed;
  return {
    at,
    waitingNow: Number(f?.waiting ?? 0),
    longestWaitSeconds: oldest ? Math.max(0, Math.floor((now.getTime() - Date.parse(oldest)) / 1000)) : 0,
    oldestWaitingSince: oldest,
    answeredLastHour: answered,
    averageWaitSeconds: answered > 0 ? Math.round(Number(f?.wait_sum ?? 0) / answered) : null,
    slaThresholdSeconds: f?.sla_threshold_seconds ?? 60,
    slaPercent: ended > 0 ? Math.round((1000 * within) / ended) / 10 : null,
    handling: Number(f?.handling ?? 0),
    missedLastHour: missed,
    agentsOnline: agents.filter((a) => a.presence === 'ONLINE').length,
    waitingSeries: seriesRows.map((row) => Number(row.waiting)),
    seriesStepSeconds: SERIES_STEP_SECONDS,
    agents,
  };
}
