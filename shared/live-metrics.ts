/**
 * The tenant's live metrics and its agents' status (issue 13, items 1 and 2), as the backend
 * computes them (backend/domain/metrics.ts, agents.ts) and the console shows them: one
 * definition for both sides. `Agent` is how the agent is referred to: a StaffRef for the
 * console, the backend's richer staff row while it resolves the GraphQL fields.
 */
import type { Presence, StaffRef } from './domain';

/** An agent as the supervisor's "Agents" region shows her. */
export interface AgentStatus<Agent extends StaffRef = StaffRef> {
  agent: Agent;
  presence: Presence;
  /** ISO time since which she has had this presence. */
  presenceSince: string;
  /** Handling enquiries she owns. */
  chatsInHand: number;
  capacity: number;
}

/** How the tenant's queue is doing (the backend's LiveMetrics; "last hour" is the hour up to `at`). */
export interface LiveMetrics<Agent extends StaffRef = StaffRef> {
  at: string;
  waitingNow: number;
  longestWaitSeconds: number;
  oldestWaitingSince: string | null;
  answeredLastHour: number;
  averageWaitSeconds: number | null;
  slaThresholdSeconds: number;
  slaPercent: number | null;
  handling: number;
  missedLastHour: number;
  agentsOnline: number;
  /** Open enquiries at each of the last hour's minutes, oldest first. */
  waitingSeries: number[];
  seriesStepSeconds: number;
  agents: AgentStatus<Agent>[];
}
