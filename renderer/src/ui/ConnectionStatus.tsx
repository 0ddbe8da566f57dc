/** Always-visible connection state (live / reconnecting / offline) with the last sync time. */
import { useConnection } from '../stores/connection-store';
import { formatClock } from './format';

const LABELS = {
  unknown: 'Connecting…',
  'signed-out': 'Signed out',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
} as const;

/** The connection indicator in the top bar. */
export function ConnectionStatus() {
  const { state, lastSyncAt, detail } = useConnection();
  return (
    <div className="connection" data-state={state} aria-live="polite" title={detail ?? undefined}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{LABELS[state]}</span>
      <span className="connection-sync">Last sync {formatClock(lastSyncAt)}</span>
    </div>
  );
}
