/**
 * The "Agents" region: every agent with presence, chats in hand against capacity and time in
 * the current presence. Clicking an agent filters the board to her (again: all agents).
 */
import type { Presence } from '../../../shared/domain';
import type { AgentStatus } from '../../../shared/ipc/contract';
import { usePreferences } from '../stores/preferences-store';
import { useNow } from '../ui/clock';
import { formatDuration } from '../ui/format';

export const PRESENCE_LABELS: Record<Presence, string> = {
  ONLINE: 'Online',
  AWAY: 'Away',
  BUSY: 'Busy',
  OFFLINE: 'Offline',
};

const PRESENCE_ORDER: Record<Presence, number> = { ONLINE: 0, BUSY: 1, AWAY: 2, OFFLINE: 3 };

function AgentRow({
  status,
  filtered,
  onClick,
}: {
  status: AgentStatus;
  filtered: boolean;
  onClick(): void;
}) {
  const now = useNow();
  const since = formatDuration(now - Date.parse(status.presenceSince));
  const presence = PRESENCE_LABELS[status.presence];
  return (
    <li>
      <button
        type="button"
        className="sv-agent"
        aria-pressed={filtered}
        data-agent-id={status.agent.id}
        title={filtered ? 'Show all agents on the board' : `Show only ${status.agent.name}'s enquiries`}
        onClick={onClick}
      >
        <span className="sv-agent-name">{status.agent.name}</span>
        <span className="sv-presence" data-presence={status.presence}>
          {presence}
        </span>
        <span className="sv-agent-load" title="Chats in hand / capacity">
          {status.chatsInHand}/{status.capacity}
          <span className="visually-hidden"> chats</span>
        </span>
        <span className="sv-agent-since" title={`${presence} for ${since}`}>
          {since}
        </span>
      </button>
    </li>
  );
}

export function AgentsPanel({ agents }: { agents: AgentStatus[] | undefined }) {
  const ownerId = usePreferences((state) => state.ownerId);
  const setOwnerId = usePreferences((state) => state.setOwnerId);
  const sorted = agents
    ? [...agents].sort(
        (a, b) =>
          PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.agent.name.localeCompare(b.agent.name),
      )
    : [];
  return (
    <section className="sv-region sv-agents" role="region" aria-label="Agents">
      <h2 className="sv-title">Agents</h2>
      {agents && agents.length === 0 && <p className="muted">No agents yet.</p>}
      <ul className="sv-list">
        {sorted.map((status) => (
          <AgentRow
            key={status.agent.id}
            status={status}
            filtered={ownerId === status.agent.id}
            onClick={() => setOwnerId(ownerId === status.agent.id ? null : status.agent.id)}
          />
        ))}
      </ul>
    </section>
  );
}
