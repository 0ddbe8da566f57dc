/**
 * The supervisor's strip between the board's filters and its columns: "Live metrics",
 * "Agents" and "Help requests", for administrators whose plan includes monitoring. One
 * compact row, so the four columns keep their height with rooms open; "Hide" folds it.
 */
import { useMemo } from 'react';
import type { StaffRef } from '../../../shared/domain';
import { describeError } from '../bridge/bridge';
import { AgentsPanel } from './AgentsPanel';
import { HelpRequests } from './HelpRequests';
import { LiveMetrics } from './LiveMetrics';
import { useHelpRequests, useIsSupervisor, useLiveMetrics, useSupervisorStrip } from './supervisor-store';
import './supervisor.css';

export function SupervisorStrip() {
  const supervisor = useIsSupervisor();
  const metrics = useLiveMetrics(supervisor);
  const help = useHelpRequests(supervisor);
  const { hidden, toggle } = useSupervisorStrip();
  if (!supervisor) return null;
  return (
    <div className="sv-strip" data-hidden={hidden || undefined}>
      <button
        type="button"
        className="ghost sv-toggle"
        aria-expanded={!hidden}
        aria-controls="supervisor-regions"
        onClick={toggle}
      >
        {hidden ? 'Show live metrics, agents and help requests' : 'Hide'}
      </button>
      {!hidden && (
        <div className="sv-regions" id="supervisor-regions">
          <LiveMetrics metrics={metrics.data} error={metrics.error ? describeError(metrics.error) : null} />
          <AgentsPanel agents={metrics.data?.agents} />
          <HelpRequests requests={help.data} error={help.error ? describeError(help.error) : null} />
        </div>
      )}
    </div>
  );
}

/** The board's Agent filter offers every agent of the live metrics, not only those owning a card. */
export function useAgentOptions(owners: StaffRef[]): StaffRef[] {
  const supervisor = useIsSupervisor();
  const metrics = useLiveMetrics(supervisor);
  const agents = metrics.data?.agents;
  return useMemo(() => {
    if (!agents) return owners;
    const byId = new Map(owners.map((owner) => [owner.id, owner]));
    for (const { agent } of agents) if (!byId.has(agent.id)) byId.set(agent.id, agent);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [owners, agents]);
}
