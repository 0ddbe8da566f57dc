/**
 * The desktop app's entry (Electron main process). Wires the framework-free core to
 * Electron: one supervisor session per app, IPC with sender checks, the console window,
 * tray, native notifications, safeStorage, deep links, menu, the embedded backend in a
 * utilityProcess when no backend URL is configured (with the demo world only when asked:
 * first-run.ts), the app's updates (updater.ts) and log file (log.ts), and a guard on every
 * web contents.
 */
import type { BrowserWindow } from 'electron';
import { app, dialog, session as electronSession, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import { createRequestHandler } from '../core/request-handler';
import { SupervisorSession } from '../core/session';
import { DEEP_LINK_SCHEME, findDeepLink, parseDeepLink } from './deep-links';
import { startEmbeddedBackend, type EmbeddedBackend } from './embedded-backend';
import { FIRST_RUN_CHOICE, firstRunAnswer, firstRunLine, planBackend } from './first-run';
import { registerIpcHandlers, sendToRenderer } from './ipc';
import { createAppLog, stderrLog, type AppLog } from './log';
import { installAppMenu } from './menu';
import { showNativeAlert } from './notifications';
import { createSecureTokenStore } from './secure-store';
import { SettingsFile } from './settings';
import { createAlertTray, type AlertTray } from './tray';
import { startUpdates, type AppUpdates } from './updater';
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

/** stderr until the app is ready, then the log file (log.ts). */
let appLog: AppLog = stderrLog();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main().catch((error: unknown) => {
    appLog.error(
      `start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    app.quit();
  });
}

async function main(): Promise<void> {
  let window: BrowserWindow | null = null;
  let tray: AlertTray | null = null;
  let embedded: EmbeddedBackend | null = null;
  let pendingRoom: string | null = findDeepLink(process.argv)?.enquiryId ?? null;
  let updates: AppUpdates | null = null;
  const log = (line: string) => appLog.info(line);
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
  appLog = await createAppLog().catch(() => appLog);
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
      appLog.error(
        `start-up failed: the embedded enquiry backend did not start: ${error instanceof Error ? error.message : String(error)}`,
      );
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
  updates = startUpdates({ settings, log: appLog, emit: (status) => emit('update/status', status) });
  // One console window: its pending work holds a restart to update back until it is done.
  const windowUpdates = updates.forWindow();
  const handle = createRequestHandler(session, log, windowUpdates);
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
  // A renderer that reloads or crashed has lost its drafts and dialogs: no pending work.
  const holdRooms = () => {
    session.keepRoomsForReopen();
    windowUpdates.setPendingWork([]);
  };
  window.on('closed', () => windowUpdates.close());
  window.webContents.on('render-process-gone', holdRooms);
  window.webContents.on('did-navigate', holdRooms);
  window.webContents.on('did-finish-load', () => {
    emit('session/changed', session.getState());
    emit('connection/state', session.getConnection());
    if (updates) emit('update/status', updates.status());
    if (pendingRoom) emit('navigation/openRoom', { enquiryId: pendingRoom });
    pendingRoom = null;
  });
  tray = createAlertTray(showConsole, () => void session.signOut());
  const appUpdates = updates;
  const installMenu = (): void =>
    installAppMenu(
      {
        signOut: () => void session.signOut(),
        showConsole,
        toggleDoNotDisturb: () => {
          void session
            .getNotificationSettings()
            .then((current) => session.updateNotificationSettings({ doNotDisturb: !current.doNotDisturb }));
        },
        openLogFolder: () => {
          void shell.openPath(appLog.folder()).then((problem) => {
            if (problem) appLog.warn(`the log folder could not be opened: ${problem}`);
          });
        },
        updates: {
          channel: appUpdates.channel(),
          channelLockedBy: appUpdates.channelLockedBy(),
          channelNote: appUpdates.channelNote(),
          check: () => {
            showConsole();
            void appUpdates.check().then((status) => {
              // The console shows the outcome in its Update status; only "not here" needs a box.
              if (status.state === 'unavailable') {
                void dialog.showMessageBox({ type: 'info', message: 'Updates', detail: status.reason });
              }
            });
          },
          setChannel: (channel) => {
            appUpdates.setChannel(channel);
            installMenu();
          },
        },
      },
      !app.isPackaged,
    );
  installMenu();
  void session.restore();

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    updates?.stop();
    void session.dispose();
    tray?.destroy();
    embedded?.stop();
  });
}
