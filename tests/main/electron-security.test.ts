/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * item by item, against the desktop app's own code with only the `electron` module mocked
 * (its binary cannot run here: docs/electron-security.md says which items a Node test can
 * prove and why the rest hold). One `it` per item, numbered as in Electron's list; then the
 * desktop defaults of issue 11 (defect 11).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  class FakeSession {
    requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
      null;
    checkHandler: ((...args: unknown[]) => boolean) | null = null;
    deviceHandler: ((...args: unknown[]) => boolean) | null = null;
    protocolHandler: ((request: Request) => Promise<Response>) | null = null;
    protocol = {
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
        this.protocolHandler = handler;
      },
    };
    setPermissionRequestHandler(handler: FakeSession['requestHandler']) {
      this.requestHandler = handler;
    }
    setPermissionCheckHandler(handler: FakeSession['checkHandler']) {
      this.checkHandler = handler;
    }
    setDevicePermissionHandler(handler: FakeSession['deviceHandler']) {
      this.deviceHandler = handler;
    }
  }
  class FakeFrame {
    static nextRoutingId = 1;
    routingId = FakeFrame.nextRoutingId++;
    processId = 7;
    constructor(public url: string) {}
  }
  class FakeWebContents {
    static nextId = 1;
    id = FakeWebContents.nextId++;
    session = new FakeSession();
    mainFrame = new FakeFrame('app://console/index.html');
    listeners = new Map<string, Listener[]>();
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    send = vi.fn();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeBrowserWindow {
    webContents = new FakeWebContents();
    loadURL = vi.fn(async () => undefined);
    constructor(public options: Record<string, unknown>) {}
    on() {
      return this;
    }
    once() {
      return this;
    }
    isDestroyed() {
      return false;
    }
    maximize() {}
  }
  const appListeners = new Map<string, Listener[]>();
  const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
  const exposed = new Map<string, unknown>();
  return {
    FakeBrowserWindow,
    FakeWebContents,
    FakeFrame,
    FakeSession,
    appListeners,
    handlers,
    exposed,
    module: {
      app: {
        enableSandbox: vi.fn(),
        on: vi.fn((event: string, listener: Listener) => {
          appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
        }),
        requestSingleInstanceLock: vi.fn(() => true),
        setAsDefaultProtocolClient: vi.fn(),
        // The app never gets ready here: only what it does before `ready` runs.
        whenReady: vi.fn(() => new Promise(() => undefined)),
        quit: vi.fn(),
        isPackaged: false,
      },
      BrowserWindow: FakeBrowserWindow,
      ipcMain: {
        handle: vi.fn((channel: string, handler: (event: unknown, args: unknown) => unknown) =>
          handlers.set(channel, handler),
        ),
        removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
      },
      ipcRenderer: {
        invoke: vi.fn(async () => ({ ok: true, value: null })),
        on: vi.fn(),
        removeListener: vi.fn(),
      },
      contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
      shell: { openExternal: vi.fn(async () => undefined) },
      protocol: { registerSchemesAsPrivileged: vi.fn() },
      session: { defaultSession: new FakeSession() },
      net: { fetch: vi.fn(async () => new Response('<!doctype html>', { status: 200 })) },
      dialog: { showMessageBox: vi.fn(), showErrorBox: vi.fn() },
      autoUpdater: { setFeedURL: vi.fn(), on: vi.fn(), checkForUpdates: vi.fn() },
    },
  };
});

vi.mock('electron', () => electron.module);

const { createConsoleWindow, consoleWebPreferences, denyAllPermissions, serveRenderer } =
  await import('../../main/electron/window');
const { APP_ORIGIN, RENDERER_CSP, isAllowedExternalLink, EXTERNAL_LINK_HOSTS } =
  await import('../../main/electron/window');
const { isTrustedSender, registerIpcHandlers } = await import('../../main/electron/ipc');
const { SettingsFile, serviceUrlProblem } = await import('../../main/electron/settings');

type FakeContents = InstanceType<typeof electron.FakeWebContents>;
type FakeSession = InstanceType<typeof electron.FakeSession>;

function consoleWindow() {
  const window = createConsoleWindow({ preloadPath: '/app/dist/preload/electron.cjs' });
  const prefs = (window as unknown as { options: { webPreferences: Record<string, unknown> } }).options
    .webPreferences;
  return { window, prefs, contents: window.webContents as unknown as FakeContents };
}

/** Runs the app's entry up to `ready` (it never gets there here); returns its app-level listeners. */
let appEntry: Promise<unknown> | null = null;
function startAppEntry() {
  appEntry ??= import('../../main/electron/app');
  return appEntry;
}

/** The app's global web-contents guard, applied to a new web contents (not a console window). */
async function guardedStrayContents(): Promise<FakeContents> {
  await startAppEntry();
  const contents = new electron.FakeWebContents();
  for (const listener of electron.appListeners.get('web-contents-created') ?? []) listener({}, contents);
  return contents;
}

const tempDirs: string[] = [];
async function settingsWith(content: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'supervisor-settings-'));
  tempDirs.push(dir);
  await writeFile(join(dir, 'settings.json'), JSON.stringify(content));
  const log = vi.fn();
  return { settings: new SettingsFile(dir, log), log };
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

beforeEach(() => {
  electron.module.shell.openExternal.mockClear();
});

describe('Electron security checklist (docs/electron-security.md)', () => {
  it('is the checklist docs/electron-security.md lists, item for item', async () => {
    const doc = await readFile(join(root, 'docs/electron-security.md'), 'utf8');
    const rows = [...doc.matchAll(/^\|\s*(\d+)\s*\|/gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('1. only secure content: the renderer from app://, the backend and update feed only over https or to loopback', async () => {
    const { window } = consoleWindow();
    expect(window.loadURL).toHaveBeenCalledWith(`${APP_ORIGIN}/index.html`);
    for (const ok of [
      'https://enquiries.example.com/graphql',
      'http://127.0.0.1:4000/graphql',
      'http://localhost:4000/graphql',
      'http://[::1]:4000/graphql',
    ])
      expect(serviceUrlProblem(ok), ok).toBeNull();
    for (const bad of [
      'http://enquiries.example.com/graphql',
      'http://127.0.0.1.evil.test/graphql',
      'ws://127.0.0.1:4000/graphql',
      'file:///etc/passwd',
      'https://user:secret@enquiries.example.com/graphql',
      'not a url',
      42,
    ])
      expect(serviceUrlProblem(bad), String(bad)).not.toBeNull();

    const refused = await settingsWith({
      backendUrl: 'http://enquiries.example.com/graphql',
      updateFeedUrl: 'http://updates.example.com/feed',
      window: { width: 1200, height: 800 },
    });
    expect(refused.settings.backendUrl({})).toBeNull();
    expect(refused.settings.updateFeedUrl()).toBeNull();
    // The rest of the file still counts.
    expect(refused.settings.settings.window).toEqual({ width: 1200, height: 800 });
    expect(refused.log.mock.calls.map(([line]) => line as string)).toEqual([
      expect.stringMatching(/^settings: backendUrl in .*settings\.json is not used: it must be https:\/\//),
      expect.stringMatching(
        /^settings: updateFeedUrl in .*settings\.json is not used: it must be https:\/\//,
      ),
    ]);
    expect(refused.settings.backendUrl({ SUPERVISOR_BACKEND_URL: 'http://10.0.0.5/graphql' })).toBeNull();
    expect(refused.log).toHaveBeenLastCalledWith(
      expect.stringMatching(/^settings: SUPERVISOR_BACKEND_URL is not used: it must be https:\/\//),
    );

    const accepted = await settingsWith({
      backendUrl: 'https://enquiries.example.com/graphql',
      updateFeedUrl: 'https://updates.example.com/feed',
    });
    expect(accepted.settings.backendUrl({})).toBe('https://enquiries.example.com/graphql');
    expect(accepted.settings.backendUrl({ SUPERVISOR_BACKEND_URL: 'http://127.0.0.1:4000/graphql' })).toBe(
      'http://127.0.0.1:4000/graphql',
    );
    expect(accepted.settings.updateFeedUrl()).toBe('https://updates.example.com/feed');
    expect(accepted.log).not.toHaveBeenCalled();
  });

  it('2. no Node.js integration in the renderer, its workers or subframes', () => {
    const { prefs } = consoleWindow();
    expect(prefs).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('3. context isolation on', () => {
    expect(consoleWindow().prefs['contextIsolation']).toBe(true);
  });

  it('4. process sandboxing: sandbox on the window and app.enableSandbox() before ready', async () => {
    expect(consoleWindow().prefs['sandbox']).toBe(true);
    await startAppEntry();
    expect(electron.module.app.enableSandbox).toHaveBeenCalled();
    expect(electron.module.app.whenReady).toHaveBeenCalled();
    expect(electron.module.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(
      electron.module.app.whenReady.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('5. permission requests, checks and devices denied, in every session the app creates', async () => {
    const session = new electron.FakeSession();
    denyAllPermissions(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      session.requestHandler?.(null, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    expect(session.checkHandler?.()).toBe(false);
    expect(session.deviceHandler?.()).toBe(false);
    const stray = await guardedStrayContents();
    const strayCallback = vi.fn();
    (stray.session as FakeSession).requestHandler?.(null, 'media', strayCallback);
    expect(strayCallback).toHaveBeenCalledWith(false);
  });

  it('6. webSecurity not disabled', () => {
    expect(consoleWindow().prefs['webSecurity']).toBe(true);
  });

  it('7. a Content-Security-Policy on every renderer response, with no inline script and no network', async () => {
    const session = new electron.FakeSession();
    serveRenderer('/app/dist/renderer', session as never);
    const response = await session.protocolHandler!(new Request(`${APP_ORIGIN}/index.html`));
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    const directives = new Map(
      RENDERER_CSP.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('8. allowRunningInsecureContent not enabled', () => {
    expect(consoleWindow().prefs['allowRunningInsecureContent']).toBe(false);
  });

  it('9. experimental features not enabled', () => {
    expect(consoleWindow().prefs['experimentalFeatures']).toBe(false);
  });

  it('10. enableBlinkFeatures not used', () => {
    const { prefs } = consoleWindow();
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(consoleWebPreferences('/p')).not.toHaveProperty('enableBlinkFeatures');
  });

  it('11. <webview> allowpopups: no webview at all (tag off, every attach refused)', async () => {
    const { prefs, contents } = consoleWindow();
    expect(prefs['webviewTag']).toBe(false);
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, { allowpopups: true }, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('12. <webview> options and params: refused in any web contents, by the global guard', async () => {
    const stray = await guardedStrayContents();
    const attach = { preventDefault: vi.fn() };
    stray.emit(
      'will-attach-webview',
      attach,
      { preload: '/evil.js', nodeIntegration: true },
      { src: 'https://evil.test/' },
    );
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('13. navigation limited to the app, in the console window and in any web contents', async () => {
    for (const contents of [consoleWindow().contents, await guardedStrayContents()]) {
      for (const away of [
        'https://evil.test/',
        'app://console.evil.test/',
        'file:///etc/passwd',
        'about:blank',
      ]) {
        for (const event of ['will-navigate', 'will-redirect']) {
          const attempt = { preventDefault: vi.fn() };
          contents.emit(event, attempt, away);
          expect(attempt.preventDefault, `${event} ${away}`).toHaveBeenCalled();
        }
      }
      const inside = { preventDefault: vi.fn() };
      contents.emit('will-navigate', inside, `${APP_ORIGIN}/index.html`);
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('14. no new windows: window.open denied in the console window and in any web contents', async () => {
    for (const contents of [consoleWindow().contents, await guardedStrayContents()]) {
      for (const url of [
        `${APP_ORIGIN}/index.html`,
        'https://evil.test/',
        'about:blank',
        'javascript:alert(1)',
      ])
        expect(contents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
  });

  it('15. shell.openExternal only for https links to allow-listed hosts', () => {
    // The console links nowhere today: nothing is opened.
    expect(EXTERNAL_LINK_HOSTS).toEqual([]);
    const { contents } = consoleWindow();
    for (const url of [
      'https://example.com/help',
      'http://example.com/',
      'file:///etc/passwd',
      'smb://host/share',
    ])
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(electron.module.shell.openExternal).not.toHaveBeenCalled();

    const hosts = ['help.example.com'];
    expect(isAllowedExternalLink('https://help.example.com/guide', hosts)).toBe(true);
    expect(isAllowedExternalLink('https://HELP.example.com/guide', hosts)).toBe(true);
    for (const url of [
      'http://help.example.com/guide',
      'https://help.example.com.evil.test/',
      'https://evil.test/?https://help.example.com/',
      'https://user@help.example.com/',
      'https://help.example.com:8443/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
    ])
      expect(isAllowedExternalLink(url, hosts), url).toBe(false);
  });

  it('16. a current Electron: 45 or later, pinned in package.json', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    const range = pkg.devDependencies?.['electron'] ?? pkg.dependencies?.['electron'] ?? '';
    expect(Number(/(\d+)\./.exec(range)?.[1])).toBeGreaterThanOrEqual(45);
    const installed = JSON.parse(
      await readFile(join(root, 'node_modules/electron/package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it("17. every IPC message's sender checked: our window, its main frame, our origin", async () => {
    const { window } = consoleWindow();
    const contents = window.webContents as unknown as FakeContents;
    const windows = () => [window];
    electron.handlers.clear();
    registerIpcHandlers(async () => ({ ok: true, value: 'handled' }), windows);
    const handler = electron.handlers.get('session/get')!;
    expect(await handler({ sender: contents, senderFrame: contents.mainFrame }, {})).toEqual({
      ok: true,
      value: 'handled',
    });
    const subframe = new electron.FakeFrame(`${APP_ORIGIN}/index.html`);
    const navigatedMain = Object.assign(new electron.FakeFrame('https://evil.test/'), {
      routingId: contents.mainFrame.routingId,
    });
    const refused = [
      { sender: contents, senderFrame: subframe },
      { sender: contents, senderFrame: null },
      { sender: contents, senderFrame: navigatedMain },
      { sender: new electron.FakeWebContents(), senderFrame: contents.mainFrame },
    ];
    for (const event of refused) {
      expect(isTrustedSender(event as never, windows())).toBe(false);
      expect(await handler(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('18. no file://: the renderer comes from the app:// scheme, confined to its folder', async () => {
    const session = new electron.FakeSession();
    serveRenderer('/app/dist/renderer', session as never);
    electron.module.net.fetch.mockClear();
    const outside = await session.protocolHandler!(new Request(`${APP_ORIGIN}/..%2F..%2F..%2Fetc%2Fpasswd`));
    expect(outside.status).toBe(404);
    const otherHost = await session.protocolHandler!(new Request('app://elsewhere/index.html'));
    expect(otherHost.status).toBe(404);
    expect(electron.module.net.fetch).not.toHaveBeenCalled();
    await session.protocolHandler!(new Request(`${APP_ORIGIN}/assets/app.js`));
    expect(electron.module.net.fetch).toHaveBeenCalledWith('file:///app/dist/renderer/assets/app.js');
  });

  it('19. every Electron fuse stated in electron-builder.yml, each set the safe way', async () => {
    const yml = await readFile(join(root, 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?:[ \t]+.*\n)+)/m.exec(yml)?.[1] ?? '';
    const stated = new Map(
      [...block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true'] as const),
    );
    expect(Object.fromEntries(stated)).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // Every fuse the installed @electron/fuses knows is stated: in electron-builder.yml, or
    // (a fuse newer than electron-builder's schema) in the afterPack hook that flips them all.
    const { FuseV1Options } = await import('@electron/fuses');
    const { FUSES_BEYOND_BUILDER } = await import('../../main/packaging/electron-fuses');
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    for (const name of known) {
      const option = FuseV1Options[name as keyof typeof FuseV1Options];
      const inYml = stated.has(name[0]!.toLowerCase() + name.slice(1));
      expect(inYml || option in FUSES_BEYOND_BUILDER, `fuse ${name} stated`).toBe(true);
    }
  });

  it('20. no Electron API exposed to the page: one purpose-named API, contract channels only', async () => {
    await import('../../preload/electron');
    expect([...electron.exposed.keys()]).toEqual(['supervisor']);
    const api = electron.exposed.get('supervisor') as {
      invoke(channel: string, args: unknown): Promise<unknown>;
      on(event: string, listener: () => void): () => void;
    };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(await api.invoke('session/get', {})).toEqual({ ok: true, value: null });
    expect(electron.module.ipcRenderer.invoke).toHaveBeenCalledWith('session/get', {});
    electron.module.ipcRenderer.invoke.mockClear();
    for (const channel of ['ipc/raw', '__proto__', 'constructor', 'electron:open-devtools'])
      expect(await api.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
    expect(electron.module.ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(() => api.on('ipc/raw', () => undefined)).toThrow(/Unknown event/);
  });
});

describe('desktop defaults (issue 11, defect 11)', () => {
  it('a fresh install uses the demo world only when asked: --demo, or the remembered first-run choice', async () => {
    const { planBackend } = await import('../../main/electron/first-run');
    const app = ['/opt/Supervisor Console/supervisor-console'];
    expect(planBackend({ argv: app, configuredUrl: null, embeddedDemo: undefined })).toEqual({ kind: 'ask' });
    expect(planBackend({ argv: app, configuredUrl: null, embeddedDemo: false })).toEqual({ kind: 'ask' });
    expect(planBackend({ argv: [...app, '--demo'], configuredUrl: null, embeddedDemo: undefined })).toEqual({
      kind: 'embedded-demo',
      askedBy: 'flag',
    });
    expect(planBackend({ argv: app, configuredUrl: null, embeddedDemo: true })).toEqual({
      kind: 'embedded-demo',
      askedBy: 'setting',
    });
    // A configured backend wins: its own accounts, never the demo's.
    expect(
      planBackend({
        argv: [...app, '--demo'],
        configuredUrl: 'https://enquiries.example.com/graphql',
        embeddedDemo: true,
      }),
    ).toEqual({ kind: 'configured', url: 'https://enquiries.example.com/graphql' });
  });

  it('npm start asks for the demo world; the installed app does not', async () => {
    const { electronArgs } = await import('../../main/launcher');
    expect(electronArgs('/repo', [])).toEqual(['/repo', '--demo']);
    expect(electronArgs('/repo', ['--demo', '--inspect-brk'])).toEqual(['/repo', '--demo', '--inspect-brk']);
    const { embeddedBackendArgs } = await import('../../main/electron/embedded-backend');
    const { embeddedBackendOptions } = await import('../../main/electron/first-run');
    const utility = (args: string[]) =>
      embeddedBackendOptions(['/electron', '/app/backend-process.js', ...args]);
    expect(utility(embeddedBackendArgs('/data', false))).toMatchObject({
      dataDir: '/data',
      demo: false,
      simulator: false,
    });
    expect(utility(embeddedBackendArgs('/data', true))).toMatchObject({
      dataDir: '/data',
      demo: true,
      simulator: true,
    });
  });

  it('the first-run choice says in one line how to get a backend, and defaults to quitting', async () => {
    const { FIRST_RUN_CHOICE, firstRunAnswer, firstRunLine } = await import('../../main/electron/first-run');
    const line = firstRunLine('/home/ada/.config/Supervisor Console/settings.json');
    expect(line).not.toContain('\n');
    expect(line).toContain('"backendUrl" in /home/ada/.config/Supervisor Console/settings.json');
    expect(line).toContain('--demo');
    expect(FIRST_RUN_CHOICE.buttons[FIRST_RUN_CHOICE.demoButton]).toBe('Open the demo world');
    expect(firstRunAnswer(FIRST_RUN_CHOICE.cancelButton)).toBe('quit');
    expect(firstRunAnswer(FIRST_RUN_CHOICE.demoButton)).toBe('demo');
    expect(firstRunAnswer(-1)).toBe('quit');
    expect(FIRST_RUN_CHOICE.detail('/s.json')).toMatch(/published password/);
  });

  it('the embedded backend as the installed app starts it knows no demo account; asked, it does', async () => {
    const { startBackend } = await import('../../backend/index');
    const { embeddedBackendArgs } = await import('../../main/electron/embedded-backend');
    const { embeddedBackendOptions } = await import('../../main/electron/first-run');
    const { gql, DEMO_PASSWORD } = await import('../support/backend-client');
    const dataDir = await mkdtemp(join(tmpdir(), 'supervisor-embedded-'));
    tempDirs.push(dataDir);
    const signIn = (url: string) =>
      gql<{ login: { accessToken: string } }>(
        url,
        'mutation ($p: String!) { login(tenant: "demo", email: "ada@demo.test", password: $p) { accessToken } }',
        { p: DEMO_PASSWORD },
      );
    const fresh = await startBackend(
      embeddedBackendOptions(['/electron', '/app', ...embeddedBackendArgs(dataDir, false)]),
    );
    try {
      const refused = await signIn(fresh.url);
      expect(refused.data?.login ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await fresh.stop();
    }
    const demo = await startBackend({
      ...embeddedBackendOptions(['/electron', '/app', ...embeddedBackendArgs(dataDir, true)]),
      simulator: false,
    });
    try {
      expect((await signIn(demo.url)).data?.login.accessToken).toEqual(expect.any(String));
    } finally {
      await demo.stop();
    }
  }, 60_000);
});
