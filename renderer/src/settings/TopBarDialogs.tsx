/**
 * The top bar's "Audit trail" (administrators) and "Settings" buttons and their dialogs, and,
 * while signed in, the person's saved settings applied to the console (settings-queries.ts).
 */
import type { SessionState } from '../../../shared/ipc/contract';
import { AuditTrailDialog } from '../audit/AuditTrailDialog';
import { useTopBarDialog } from './dialog-store';
import { useMySettingsSync } from './settings-queries';
import { SettingsDialog } from './SettingsDialog';
import './settings.css';

export function TopBarDialogs({ session }: { session: SessionState }) {
  useMySettingsSync(session.status === 'signed-in');
  const open = useTopBarDialog((state) => state.open);
  const show = useTopBarDialog((state) => state.show);
  const close = useTopBarDialog((state) => state.close);
  const isAdmin = session.role === 'ADMINISTRATOR';
  return (
    <>
      {isAdmin && (
        <button
          type="button"
          className="ghost top-bar-action"
          aria-haspopup="dialog"
          title="Audit trail"
          onClick={() => show('audit')}
        >
          <AuditIcon />
          <span className="top-bar-action-label">Audit trail</span>
        </button>
      )}
      <button
        type="button"
        className="ghost top-bar-action"
        aria-haspopup="dialog"
        title="Settings"
        onClick={() => show('settings')}
      >
        <SettingsIcon />
        <span className="top-bar-action-label">Settings</span>
      </button>
      {open === 'audit' && isAdmin && <AuditTrailDialog session={session} onClose={close} />}
      {open === 'settings' && <SettingsDialog session={session} onClose={close} />}
    </>
  );
}

/** A list with a clock: what happened, when. */
function AuditIcon() {
  return (
    <svg className="top-bar-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M2 3h8M2 6.5h6M2 10h4"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        fill="none"
      />
      <circle cx="11.5" cy="11" r="3.5" stroke="currentColor" strokeWidth="1.3" fill="none" />
      <path
        d="M11.5 9.3V11l1.2.8"
        stroke="currentColor"
        strokeWidth="1.2"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}

/** Sliders: settings. */
function SettingsIcon() {
  return (
    <svg className="top-bar-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
      <circle cx="5" cy="4" r="1.8" fill="var(--surface)" stroke="currentColor" strokeWidth="1.3" />
      <circle cx="10.5" cy="8" r="1.8" fill="var(--surface)" stroke="currentColor" strokeWidth="1.3" />
      <circle cx="7" cy="12" r="1.8" fill="var(--surface)" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}
