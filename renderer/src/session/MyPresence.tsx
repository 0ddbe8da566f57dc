/**
 * An agent's own presence in the top bar (issue 13, item 2): a "Presence" select of Online /
 * Away / Busy / Offline showing the current one. Changing it tells the backend at once (it
 * logs the change, and the administrators' "Agents" region follows live). Only agents see
 * it: the administrators' "Agents" region lists agents.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Presence } from '../../../shared/domain';
import { describeError, request } from '../bridge/bridge';
import { showToast } from '../stores/toast-store';
import { useSession } from './session-queries';
import './my-presence.css';

const PRESENCES: readonly { value: Presence; label: string }[] = [
  { value: 'ONLINE', label: 'Online' },
  { value: 'AWAY', label: 'Away' },
  { value: 'BUSY', label: 'Busy' },
  { value: 'OFFLINE', label: 'Offline' },
];

const presenceKey = ['myPresence'] as const;

/** What each presence means for the agent, said when she picks it. */
const MEANING: Record<Presence, string> = {
  ONLINE: 'You can be given enquiries.',
  AWAY: 'Administrators see you as away; no enquiry is transferred to you.',
  BUSY: 'Administrators see you as busy; no enquiry is transferred to you.',
  OFFLINE: 'Administrators see you as offline; no enquiry is transferred to you.',
};

export function MyPresence() {
  const session = useSession().data;
  const isAgent = session?.status === 'signed-in' && session.role === 'AGENT';
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: presenceKey,
    queryFn: () => request('presence/get', {}),
    enabled: isAgent,
    staleTime: Infinity,
  });
  const [saving, setSaving] = useState(false);
  if (!isAgent) return null;

  const change = async (presence: Presence) => {
    const before = current.data;
    queryClient.setQueryData(presenceKey, presence);
    setSaving(true);
    try {
      const now = await request('presence/set', { presence });
      queryClient.setQueryData(presenceKey, now);
      const label = PRESENCES.find((p) => p.value === now)?.label ?? now;
      showToast({ tone: 'success', title: `You are ${label}`, body: MEANING[now], group: 'my-presence' });
    } catch (cause) {
      queryClient.setQueryData(presenceKey, before);
      showToast({ tone: 'error', title: 'Your presence did not change', body: describeError(cause) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <span className="my-presence" data-presence={current.data}>
      <select
        aria-label="Presence"
        title="Your presence, as the administrators see it"
        value={current.data ?? ''}
        disabled={saving || current.data === undefined}
        onChange={(event) => void change(event.target.value as Presence)}
      >
        {current.data === undefined && <option value="">Presence…</option>}
        {PRESENCES.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
    </span>
  );
}
