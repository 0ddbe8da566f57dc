/**
 * The app shell: sign-in while signed out; otherwise the top bar, the Enquiry Overview
 * and the room panes side by side beneath it, plus dialogs and toasts.
 */
import { useEffect } from 'react';
import { hasBridge, describeError } from '../bridge/bridge';
import { Board } from '../board/Board';
import { RoomPanes } from '../room/RoomPanes';
import { SignIn } from '../session/SignIn';
import { useSession } from '../session/session-queries';
import { usePreferences } from '../stores/preferences-store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Toasts } from '../ui/Toasts';
import { TopBar } from '../ui/TopBar';
import { useBridgeEvents } from './useBridgeEvents';
import { useUpdates } from './useUpdates';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useWorkspaceKeys } from './useWorkspaceKeys';

function useTheme(): void {
  const theme = usePreferences((state) => state.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}

/** The whole console. */
export function App() {
  useTheme();
  const session = useSession();
  const signedIn = session.data?.status === 'signed-in';
  useBridgeEvents(signedIn);
  useUpdates(signedIn);
  useWorkspaceKeys(signedIn);

  if (!hasBridge()) {
    return (
      <main className="centre-message" role="alert">
        The console bridge is not available. Open the console from the Supervisor Console app.
      </main>
    );
  }
  if (session.isPending) {
    return (
      <main className="centre-message" aria-busy="true">
        Starting…
      </main>
    );
  }
  if (session.isError) {
    return (
      <main className="centre-message" role="alert">
        Could not reach the console: {describeError(session.error)}
      </main>
    );
  }

  return (
    <>
      {signedIn ? (
        <div className="workspace">
          <TopBar session={session.data} />
          <Workspace />
        </div>
      ) : (
        <SignIn />
      )}
      <ConfirmDialog />
      {signedIn && <ShortcutsDialog />}
      <Toasts />
    </>
  );
}

function Workspace() {
  return (
    <main className="workspace-main" id="main">
      <Board />
      <RoomPanes />
    </main>
  );
}
