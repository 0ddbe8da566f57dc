/**
 * The desktop app's entry (Electron main process). Wires the framework-free core to
 * Electron: one supervisor session per app, IPC with sender checks, the console window,
 * tray, native notifications, safeStorage, deep links, menu, the embedded backend in a
 * utilityProcess when no backend URL is configured (with the demo world only when asked:
 * first-run.ts), the update channel, and a guard on every web contents.
 */
import type { BrowserWindow } from 'electron';
import { app, autoUpdater, dialog, session as electronSession } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import { createRequestHandler } from '../core/request-handler';
import { SupervisorSession } from '../core/session';
import { DEEP_LINK_SCHEME, findDeepLink, parseDeepLink } from './deep-links';
import { startEmbeddedBackend, type EmbeddedBackend } from './embedded-backend';
import { FIRST_RUN_CHOICE, firstRunAnswer, firstRunLine, planBackend } from './first-run';
import { registerIpcHandlers, sendToRenderer } from './ipc';
import { installAppMenu } from './menu';
import { showNativeAlert } from './notifications';
import { createSecureTokenStore } from './secure-store';
import { SettingsFile } from './settings';
import { createAlertTray, type AlertTray } from './tray';
import {
  createConsoleWindow,
  denyAllPermissions,
  guardAllWebContents,
  registerAppScheme,
  serveRenderer,
} from './window';

const here = dirname(fileURLToPath(import.meta.url));
/** dist/ (this file is bundled to dist/main/electron/app.js). */
const distDir = join(here, '..', '..');

app.enableSandbox();
registerAppScheme();
guardAllWebContents(app);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  let window: BrowserWindow | null = null;
  let tray: AlertTray | null = null;
  let embedded: EmbeddedBackend | null = null;
  let pendingRoom: string | null = findDeepLink(process.argv)?.enquiryId ?? null;
  const log = (line: string) => process.stderr.write(`[supervisor-console] ${line}\n`);
  const windows = () => (window && !window.isDestroyed() ? [window] : []);
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) =>
    sendToRenderer(windows(), event, payload);

  const showConsole = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const openRoom = (enquiryId: string | null) => {
    showConsole();
    if (!enquiryId) return;
    if (window && !window.webContents.isLoading()) emit('navigation/openRoom', { enquiryId });
    else pendingRoom = enquiryId;
  };

  app.on('second-instance', (_event, argv) => {
    const link = findDeepLink(argv);
    openRoom(link?.enquiryId ?? null);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (link) openRoom(link.enquiryId);
  });
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }

  await app.whenReady();
  const userData = app.getPath('userData');
  const settings = new SettingsFile(userData, log);
  denyAllPermissions(electronSession.defaultSession);
  serveRenderer(join(distDir, 'renderer'));

  const plan = planBackend({
    argv: process.argv,
    configuredUrl: settings.backendUrl(),
    embeddedDemo: settings.settings.embeddedDemo,
  });
  let backendUrl = plan.kind === 'configured' ? plan.url : null;
  if (plan.kind === 'ask') {
    // A fresh install knows no credentials: the demo world (published password) only by choice.
    log(firstRunLine(settings.path));
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: FIRST_RUN_CHOICE.title,
      message: FIRST_RUN_CHOICE.message,
      detail: FIRST_RUN_CHOICE.detail(settings.path),
      buttons: [...FIRST_RUN_CHOICE.buttons],
      defaultId: FIRST_RUN_CHOICE.cancelButton,
      cancelId: FIRST_RUN_CHOICE.cancelButton,
      noLink: true,
    });
    if (firstRunAnswer(response) === 'quit') {
      app.quit();
      return;
    }
    settings.update({ embeddedDemo: true });
  }
  if (!backendUrl) {
    try {
      embedded = await startEmbeddedBackend(
        join(distDir, 'main', 'electron', 'backend-process.js'),
        join(userData, 'enquiry-backend'),
        { demo: true },
      );
      backendUrl = embedded.url;
    } catch (error) {
      dialog.showErrorBox(
        'Supervisor Console',
        `The embedded enquiry backend could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
      app.quit();
      return;
    }
  }

  const session = new SupervisorSession({
    backendUrl,
    ports: {
      emit,
      showAlert: (alert) => showNativeAlert(alert, openRoom),
      onAlertCount: (count) => tray?.setAlertCount(count),
      refreshTokenStore: createSecureTokenStore(userData, log),
      settingsStore: settings,
      log,
    },
  });
  const handle = createRequestHandler(session, log);
  registerIpcHandlers(handle, windows);

  window = createConsoleWindow({
    preloadPath: join(distDir, 'preload', 'electron.cjs'),
    state: settings.settings.window,
    onStateChange: (state) => settings.update({ window: state }),
  });
  window.on('focus', () => session.acknowledgeAlerts());
  // A reloaded renderer opens the rooms of the panes it kept again: they stay open meanwhile,
  // and those it does not open again soon are closed (all of them, for a renderer that
  // crashed). Only a navigation that happened counts: 'did-navigate' fires once the main
  // frame's new document has committed, never for one the will-navigate guard refused.
  const holdRooms = () => session.keepRoomsForReopen();
  window.webContents.on('render-process-gone', holdRooms);
  window.webContents.on('did-navigate', holdRooms);
  window.webContents.on('did-finish-load', () => {
    emit('session/changed', session.getState());
    emit('connection/state', session.getConnection());
    if (pendingRoom) emit('navigation/openRoom', { enquiryId: pendingRoom });
    pendingRoom = null;
  });
  tray = createAlertTray(showConsole, () => void session.signOut());
  installAppMenu(
    {
      signOut: () => void session.signOut(),
      showConsole,
      toggleDoNotDisturb: () => {
        void session
          .getNotificationSettings()
          .then((current) => session.updateNotificationSettings({ doNotDisturb: !current.doNotDisturb }));
      },
    },
    !app.isPackaged,
  );
  void session.restore();
  checkForUpdates(settings.updateFeedUrl() ?? undefined, log);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void session.dispose();
    tray?.destroy();
    embedded?.stop();
  });
}

/** The update channel (electron-builder's `publish`); only packaged builds on macOS/Windows. */
function checkForUpdates(feedUrl: string | undefined, log: (line: string) => void): void {
  if (!app.isPackaged || !feedUrl || process.platform === 'linux') return;
  try {
    autoUpdater.setFeedURL({ url: feedUrl });
    autoUpdater.on('error', (error) => log(`update check failed: ${error.message}`));
    autoUpdater.checkForUpdates();
  } catch (error) {
    log(`updates unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
}
