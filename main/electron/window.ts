/**
 * The console window. Every security flag is stated; the renderer is served from the
 * privileged `app://console/` scheme with a strict CSP; window.open is denied (an https
 * link to an allow-listed host goes to the system browser); navigation away from the app is
 * refused; permission requests are denied; and the same guard covers every web contents the
 * app ever creates ({@link guardAllWebContents}). The window's bounds are remembered.
 */
import { BrowserWindow, net, protocol, session, shell } from 'electron';
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WindowState } from './settings';

/** The renderer's origin inside Electron. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://console`;

/** The CSP of the renderer in Electron (no network: everything goes through IPC). */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Must run before app `ready`: makes app:// a standard, secure scheme. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `rendererDir` on app://console/ with the CSP header (after `ready`). */
export function serveRenderer(rendererDir: string, target: Session = session.defaultSession): void {
  const root = normalize(rendererDir);
  target.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'console') return new Response('Not found', { status: 404 });
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    const hasExtension = /\.[a-z0-9]+$/i.test(relative);
    const response = await net.fetch(
      pathToFileURL(hasExtension ? file : join(root, 'index.html')).toString(),
    );
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** The webPreferences of the console window: every flag stated. */
export function consoleWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
    safeDialogs: true,
  };
}

/**
 * Denies every permission request and check, and every device (HID, serial, USB): the
 * console needs none (notifications are raised by main, not the page).
 */
export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/**
 * Hosts whose https pages a link in the console may open in the system browser. The console
 * links nowhere today, so none: a host is added here when a link to it is, never taken
 * from settings or from the page.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = Object.freeze([]);

/** Whether `url` may go to shell.openExternal: https, no credentials, default port, an allowed host. */
export function isAllowedExternalLink(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    !parsed.username &&
    !parsed.password &&
    parsed.port === '' &&
    hosts.includes(parsed.hostname.toLowerCase())
  );
}

/** Whether `url` is a page of the console's own app:// origin. */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Refuses window.open (an allow-listed https link opens in the system browser instead),
 * navigation and redirects away from the app, and <webview>.
 */
export function guardNavigation(
  contents: WebContents,
  externalHosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url, externalHosts)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The global guard: every web contents the app creates (windows, and anything a bug or a
 * compromised page might make) gets the navigation guard, and its session denies
 * permissions. Call before the first window.
 */
export function guardAllWebContents(target: Pick<App, 'on'>): void {
  target.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents);
    denyAllPermissions(contents.session);
  });
}

export interface ConsoleWindowOptions {
  preloadPath: string;
  state?: WindowState;
  /** Called with the bounds to remember when the window moves, resizes or closes. */
  onStateChange?(state: WindowState): void;
}

/** Creates the console window and loads the renderer. */
export function createConsoleWindow(options: ConsoleWindowOptions): BrowserWindow {
  const state = options.state;
  const window = new BrowserWindow({
    title: 'Supervisor Console',
    width: state?.width ?? 1440,
    height: state?.height ?? 900,
    x: state?.x,
    y: state?.y,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: consoleWebPreferences(options.preloadPath),
  });
  if (state?.maximized) window.maximize();
  guardNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const remember = () => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    options.onStateChange?.({ ...bounds, maximized: window.isMaximized() });
  };
  const rememberSoon = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(remember, 500);
  };
  window.on('resize', rememberSoon);
  window.on('move', rememberSoon);
  window.on('close', remember);

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
