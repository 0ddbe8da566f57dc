/**
 * The top bar's "Update" status (a `role=status` region named "Update"): empty while there is
 * nothing to say (hidden where updates do not run at all); "Checking for updates…"; the
 * download with its progress; then "Update X is ready" and "Restart to update". Asked to
 * restart while work is pending, it says what the restart waits for, and main restarts by
 * itself once that is done. A problem (only after a check a person asked for) shows for a
 * while and can be dismissed.
 */
import { useEffect, useRef, useState } from 'react';
import type { PendingWork, UpdateStatus as Status } from '../../../shared/ipc/contract';
import { describeError, request } from '../bridge/bridge';
import { problemKey, useUpdateStore } from '../stores/update-store';
import { tellPendingWork } from './useUpdates';

/** How long a problem stays before it goes by itself (kept while the pointer or focus is on it). */
export const PROBLEM_SHOWN_MS = 15_000;

const WAITING_FOR: Record<PendingWork, string> = {
  confirmation: 'the open confirmation',
  action: 'the action in progress',
  draft: 'the unsent message',
};

/** "a", "a and b", "a, b and c". */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the restart waits for, in words: "Restarts when you finish: the unsent message". */
export function waitingSentence(kinds: PendingWork[]): string {
  return `Restarts when you finish: ${listOf(kinds.map((kind) => WAITING_FOR[kind]))}`;
}

/** The whole percent of a download, 0 to 100. */
function wholePercent(percent: number): number {
  return Math.max(0, Math.min(100, Math.floor(percent)));
}

/** The top bar's update status. */
export function UpdateStatus() {
  const status = useUpdateStore((state) => state.status);
  const dismissed = useUpdateStore((state) => state.dismissedProblem);
  const problem = problemKey(status);
  const showProblem = problem !== null && problem !== dismissed;
  // Where updates never run (the browser host, a development build) there is nothing to
  // announce, ever: the region stays out of the way (and out of the count of toasts).
  const never = status === null || status.state === 'unavailable';
  return (
    <div
      className="update-status"
      role="status"
      aria-label="Update"
      hidden={never}
      data-state={showProblem ? 'problem' : (status?.state ?? 'unknown')}
      // A download's percent changes often: assistive technology waits for the outcome.
      aria-busy={status?.state === 'downloading' || undefined}
    >
      {status && <UpdateContent status={status} showProblem={showProblem} />}
    </div>
  );
}

function UpdateContent({ status, showProblem }: { status: Status; showProblem: boolean }) {
  switch (status.state) {
    case 'unavailable':
      return null;
    case 'idle':
      return showProblem && status.problem ? <UpdateProblem problem={status.problem} /> : null;
    case 'checking':
      return <span className="update-text">Checking for updates…</span>;
    case 'downloading': {
      const percent = wholePercent(status.percent);
      return (
        <>
          <span className="update-text">
            Downloading update {status.version} — {percent} %
          </span>
          <span
            className="update-progress"
            role="progressbar"
            aria-label={`Downloading update ${status.version}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <span className="update-progress-fill" style={{ width: `${percent}%` }} />
          </span>
        </>
      );
    }
    case 'ready':
      return <UpdateReady status={status} />;
    case 'restarting':
      return <span className="update-text">Restarting…</span>;
  }
}

function UpdateReady({ status }: { status: Extract<Status, { state: 'ready' }> }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = useUpdateStore((state) => state.set);

  const restart = async () => {
    setAsking(true);
    setError(null);
    try {
      // Main must know what is pending here before it decides to restart now.
      await tellPendingWork();
      set(await request('update/restart', {}));
    } catch (cause) {
      setError(`Could not restart: ${describeError(cause)}`);
    } finally {
      setAsking(false);
    }
  };

  if (status.restartRequested) {
    return (
      <span className="update-text">
        {status.waitingFor.length > 0 ? waitingSentence(status.waitingFor) : 'Restarting…'}
      </span>
    );
  }
  return (
    <>
      {error ? (
        <span className="update-text">{error}</span>
      ) : (
        <span className="update-text update-ready-text">{`Update ${status.version} is ready`}</span>
      )}
      <button
        type="button"
        className="update-restart"
        title={`Restart the console to update it to ${status.version}`}
        onClick={() => void restart()}
        disabled={asking}
      >
        Restart to update
      </button>
    </>
  );
}

function UpdateProblem({ problem }: { problem: string }) {
  const dismiss = useUpdateStore((state) => state.dismissProblem);
  const [held, setHeld] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (held) return undefined;
    timer.current = setTimeout(dismiss, PROBLEM_SHOWN_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [held, dismiss, problem]);

  return (
    <span
      className="update-problem"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span className="update-text" title={problem}>
        {problem}
      </span>
      <button type="button" className="ghost icon" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </span>
  );
}
