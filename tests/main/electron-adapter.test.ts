/**
 * The Electron adapter, with only the `electron` module mocked: the console window's
 * security options and handlers, the IPC sender check, safeStorage refusal, deep links.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  class FakeWebContents {
    static nextId = 1;
    id = FakeWebContents.nextId++;
    listeners = new Map<string, Listener[]>();
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    mainFrame = { url: 'app://console/index.html', processId: 3, routingId: this.id * 100 };
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
    isLoading() {
      return false;
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadURL = vi.fn(async () => undefined);
    constructor(public options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
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
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1200, height: 800 };
    }
    show() {}
  }
  const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
  return {
    FakeBrowserWindow,
    FakeWebContents,
    handlers,
    module: {
      BrowserWindow: FakeBrowserWindow,
      ipcMain: {
        handle: vi.fn((channel: string, handler: (event: unknown, args: unknown) => unknown) =>
          handlers.set(channel, handler),
        ),
        removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
      },
      shell: { openExternal: vi.fn(async () => undefined) },
      protocol: { registerSchemesAsPrivileged: vi.fn() },
      session: { defaultSession: {} },
      net: { fetch: vi.fn() },
      safeStorage: {
        isEncryptionAvailable: vi.fn(() => true),
        getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
        encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
        decryptString: vi.fn((data: Buffer) => data.toString().replace(/^enc:/, '')),
      },
    },
  };
});

vi.mock('electron', () => electron.module);

const { createConsoleWindow, denyAllPermissions, guardNavigation, APP_ORIGIN, consoleWebPreferences } =
  await import('../../main/electron/window');
const { registerIpcHandlers, isTrustedSender } = await import('../../main/electron/ipc');
const { createSecureTokenStore } = await import('../../main/electron/secure-store');
const { parseDeepLink, findDeepLink } = await import('../../main/electron/deep-links');
const { createRequestHandler } = await import('../../main/core/request-handler');
const { SupervisorSession } = await import('../../main/core/session');
const { REQUEST_CHANNELS } = await import('../../shared/ipc/contract');

describe('console window', () => {
  it('states every security flag', () => {
    const window = createConsoleWindow({ preloadPath: '/app/dist/preload/electron.cjs' });
    const prefs = (window as unknown as { options: { webPreferences: Record<string, unknown> } }).options
      .webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/electron.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(consoleWebPreferences('/p')).toEqual({ ...prefs, preload: '/p' });
    expect(window.loadURL).toHaveBeenCalledWith(`${APP_ORIGIN}/index.html`);
  });

  it('denies window.open (allow-listed https links go to the browser) and guards navigation', () => {
    const window = createConsoleWindow({ preloadPath: '/p' });
    const contents = window.webContents as unknown as InstanceType<typeof electron.FakeWebContents>;
    // No host is allow-listed by default: nothing leaves the app.
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(electron.module.shell.openExternal).not.toHaveBeenCalled();
    const guarded = new electron.FakeWebContents();
    guardNavigation(guarded as never, ['example.com']);
    expect(guarded.windowOpenHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(electron.module.shell.openExternal).toHaveBeenCalledWith('https://example.com/help');
    expect(guarded.windowOpenHandler?.({ url: 'http://example.com/help' })).toEqual({ action: 'deny' });
    expect(guarded.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.module.shell.openExternal).toHaveBeenCalledTimes(1);
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://evil.test/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, `${APP_ORIGIN}/index.html#/room/1`);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies permission requests by default', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
      null;
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    denyAllPermissions({
      setDevicePermissionHandler: (handler: typeof device) => {
        device = handler;
      },
      setPermissionRequestHandler: (handler: typeof request) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler: typeof check) => {
        check = handler;
      },
    } as never);
    const callback = vi.fn();
    request!(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });
});

describe('IPC handlers', () => {
  beforeEach(() => electron.handlers.clear());

  it('registers every contract channel and refuses senders that are not our window', async () => {
    const window = createConsoleWindow({ preloadPath: '/p' });
    const session = new SupervisorSession({
      backendUrl: 'http://127.0.0.1:9/graphql',
      ports: { emit: () => undefined },
    });
    const dispose = registerIpcHandlers(createRequestHandler(session), () => [window]);
    expect([...electron.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    const handler = electron.handlers.get('session/get')!;
    const ours = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await handler(ours, {})).toMatchObject({ ok: true, value: { status: 'signed-out' } });
    const stranger = {
      sender: new electron.FakeWebContents(),
      senderFrame: window.webContents.mainFrame,
    };
    const subframe = {
      sender: window.webContents,
      senderFrame: { url: `${APP_ORIGIN}/index.html`, processId: 3, routingId: -1 },
    };
    expect(await handler(subframe, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler(stranger, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const foreignFrame = {
      sender: window.webContents,
      senderFrame: { ...window.webContents.mainFrame, url: 'https://evil.test/' },
    };
    expect(await handler(foreignFrame, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(isTrustedSender({ sender: window.webContents, senderFrame: null } as never, [window])).toBe(false);
    const badArgs = await electron.handlers.get('room/open')!(ours, { enquiryId: { $ne: null } });
    expect(badArgs).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
    dispose();
    expect(electron.handlers.size).toBe(0);
  });
});

describe('secure token store', () => {
  it('persists the refresh token encrypted, and refuses where encryption is unavailable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'supervisor-secure-'));
    try {
      const store = createSecureTokenStore(dir);
      const entry = {
        refreshToken: 'refresh-secret',
        backendUrl: 'http://127.0.0.1:1/graphql',
        tenant: 'demo',
      };
      await store.save(entry);
      expect((await readFile(join(dir, 'session.bin'))).toString()).toMatch(/^enc:/);
      expect(await store.load()).toEqual(entry);

      electron.module.safeStorage.isEncryptionAvailable.mockReturnValue(false);
      const log = vi.fn();
      const refusing = createSecureTokenStore(dir, log);
      await refusing.save(entry);
      await expect(readFile(join(dir, 'session.bin'))).rejects.toThrow();
      expect(await refusing.load()).toBeNull();
      expect(log).toHaveBeenCalled();
      expect(JSON.stringify(log.mock.calls)).not.toContain('refresh-secret');
    } finally {
      electron.module.safeStorage.isEncryptionAvailable.mockReturnValue(true);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('deep links', () => {
  it('opens supervisor-console://enquiry/<id> and nothing else', () => {
    expect(parseDeepLink('supervisor-console://enquiry/enq_123')).toEqual({ enquiryId: 'enq_123' });
    expect(parseDeepLink('supervisor-console://enquiry/')).toBeNull();
    expect(parseDeepLink('supervisor-console://settings/x')).toBeNull();
    expect(parseDeepLink('https://enquiry/enq_1')).toBeNull();
    expect(parseDeepLink('supervisor-console://enquiry/a%20b')).toBeNull();
    // A malformed escape in a hostile link is refused, never thrown (it would stop the app starting).
    expect(parseDeepLink('supervisor-console://enquiry/%')).toBeNull();
    expect(findDeepLink(['/usr/bin/app', 'supervisor-console://enquiry/%E0%A4%A'])).toBeNull();
    expect(findDeepLink(['/usr/bin/app', '--flag', 'supervisor-console://enquiry/enq_9'])).toEqual({
      enquiryId: 'enq_9',
    });
  });
});
