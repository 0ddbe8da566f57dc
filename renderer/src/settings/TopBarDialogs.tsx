/**
 * The top bar's "Audit trail" (administrators) and "Settings" buttons and their dialogs, and,
 * while signed in, the person's saved settings applied to the console (settings-queries.ts).
 */
import type { SessionState } from '../../../shared/ipc/contract';
import { AuditTrailDialog } from '../audit/AuditTrailDialog';
import { useTopBarDialog } from './dialog-store';
import { useMySettingsSync } from './settings-queries';
import { SettingsDialog } from './SettingsDialog';

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
          onClick={() => show('audit')}
        >
          <span aria-hidden="true">☰</span> Audit trail
        </button>
      )}
      <button
        type="button"
        className="ghost top-bar-action"
        aria-haspopup="dialog"
        onClick={() => show('settings')}
      >
        <span aria-hidden="true">⚙</span> Settings
      </button>
      {open === 'audit' && isAdmin && <AuditTrailDialog session={session} onClose={close} />}
      {open === 'settings' && <SettingsDialog session={session} onClose={close} />}
    </>
  );
}
