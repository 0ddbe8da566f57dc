/**
 * The "Live metrics" region: the backend's figures for the tenant (the same for every
 * administrator), the longest wait counting on live, and a sparkline of waiting.
 */
import type { LiveMetrics as Metrics } from '../../../shared/ipc/contract';
import { useNow } from '../ui/clock';
import { formatDuration } from '../ui/format';

function Figure({
  label,
  value,
  title,
  metric,
}: {
  label: string;
  value: string;
  title?: string;
  metric: string;
}) {
  return (
    <div className="sv-figure" title={title}>
      <dt>{label}</dt>
      <dd data-metric={metric}>{value}</dd>
    </div>
  );
}

/**
 * Counts on from the oldest Open enquiry's waitingSince (as the cards' timers do): a snapshot
 * is pushed only when a figure changes, so its longestWaitSeconds may be minutes old.
 */
function LongestWait({ metrics }: { metrics: Metrics }) {
  const now = useNow();
  const since = metrics.oldestWaitingSince;
  const ms = since ? now - Date.parse(since) : 0;
  return (
    <Figure
      label="Longest wait"
      metric="longestWait"
      value={metrics.waitingNow > 0 && since ? formatDuration(ms) : '–'}
      title="How long the oldest Open enquiry has waited"
    />
  );
}

/** An inline sparkline of Open enquiries over the last hour, with a text alternative. */
export function Sparkline({ metrics }: { metrics: Metrics }) {
  const series = metrics.waitingSeries;
  if (series.length < 2) return null;
  const width = 96;
  const height = 32;
  const peak = Math.max(1, ...series);
  const step = width / (series.length - 1);
  const points = series
    .map(
      (value, index) =>
        `${(index * step).toFixed(1)},${(height - 2 - (value / peak) * (height - 4)).toFixed(1)}`,
    )
    .join(' ');
  const low = Math.min(...series);
  const description = `Waiting over the last hour: now ${series[series.length - 1]}, peak ${Math.max(...series)}, low ${low}`;
  return (
    <svg
      className="sv-sparkline"
      role="img"
      aria-label={description}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      preserveAspectRatio="none"
    >
      <title>{description}</title>
      <polyline points={`0,${height} ${points} ${width},${height}`} className="sv-spark-area" />
      <polyline points={points} className="sv-spark-line" />
    </svg>
  );
}

const seconds = (value: number | null) => (value === null ? '–' : formatDuration(value * 1000));

export function LiveMetrics({ metrics, error }: { metrics: Metrics | undefined; error: string | null }) {
  return (
    <section className="sv-region sv-metrics" role="region" aria-label="Live metrics">
      <h2 className="sv-title">Live metrics</h2>
      {error && <p className="form-error">Live metrics are unavailable: {error}</p>}
      {!metrics && !error && <p className="muted">Loading…</p>}
      {metrics && (
        <div className="sv-metrics-body">
          <dl className="sv-figures">
            <Figure label="Waiting now" metric="waitingNow" value={String(metrics.waitingNow)} />
            <LongestWait metrics={metrics} />
            <Figure
              label="Avg wait (1 h)"
              metric="averageWait"
              value={seconds(metrics.averageWaitSeconds)}
              title={`Mean wait of the ${metrics.answeredLastHour} enquiries answered in the last hour`}
            />
            <Figure
              label="SLA (1 h)"
              metric="slaPercent"
              value={metrics.slaPercent === null ? '–' : `${metrics.slaPercent}%`}
              title={`Answered within ${formatDuration(metrics.slaThresholdSeconds * 1000)} in the last hour`}
            />
            <Figure label="Handling" metric="handling" value={String(metrics.handling)} />
            <Figure label="Missed (1 h)" metric="missedLastHour" value={String(metrics.missedLastHour)} />
            <Figure label="Agents online" metric="agentsOnline" value={String(metrics.agentsOnline)} />
          </dl>
          <Sparkline metrics={metrics} />
        </div>
      )}
    </section>
  );
}
