/**
 * The top bar: product name, connection state, the app's update, who is signed in, the
 * keyboard shortcuts, theme and sign out. One row at 1366 px for every role: what only some viewers need to know (the plan)
 * is said on the board, not here.
 */
import type { SessionState } from '../../../shared/ipc/contract';
import { useSignOut } from '../session/session-queries';
import { usePreferences, type ThemePreference } from '../stores/preferences-store';
import { UpdateStatus } from '../app/UpdateStatus';
import { ConnectionStatus } from './ConnectionStatus';
import { TopBarDialogs } from '../settings/TopBarDialogs';
import { MyPresence } from '../session/MyPresence';
import { useShortcutsDialog } from '../app/ShortcutsDialog';

const NEXT_THEME: Record<ThemePreference, ThemePreference> = {
  system: 'dark',
  dark: 'light',
  light: 'system',
};
/** The theme button says what it does: "Switch to <next> theme" (its name always ends in "theme"). */
const THEME_LABELS: Record<ThemePreference, string> = {
  system: 'system theme',
  dark: 'dark theme',
  light: 'light theme',
};

/** The console's header. */
export function TopBar({ session }: { session: SessionState }) {
  const signOut = useSignOut();
  const theme = usePreferences((state) => state.theme);
  const setTheme = usePreferences((state) => state.setTheme);
  const isAdmin = session.role === 'ADMINISTRATOR';
  const showShortcuts = useShortcutsDialog((state) => state.show);

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◎
        </span>
        <h1 className="brand-name">Supervisor Console</h1>
        <span className="brand-view">{isAdmin ? 'Enquiry Overview' : 'My enquiries'}</span>
      </div>
      <ConnectionStatus />
      <UpdateStatus />
      <div className="top-bar-end">
        <span className="who">
          <strong>{session.staff?.name}</strong>
          <span className="muted">
            {' '}
            · {isAdmin ? 'Administrator' : 'Agent'} · {session.tenant}
          </span>
        </span>
        <MyPresence />
        <TopBarDialogs session={session} />
        <button
          type="button"
          className="ghost"
          onClick={() => setTheme(NEXT_THEME[theme])}
          title={`Now: ${THEME_LABELS[theme]}`}
        >
          Switch to {THEME_LABELS[NEXT_THEME[theme]]}
        </button>
        <button
          type="button"
          className="ghost top-bar-key"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
          onClick={showShortcuts}
        >
          ?
        </button>
        <button type="button" className="ghost" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
      </div>
    </header>
  );
}
