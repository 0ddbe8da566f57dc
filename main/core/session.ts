/**
 * A supervisor session: sign-in against the backend, tokens kept here in main, the one
 * authenticated connection, resumable board / room / notification streams, and the
 * notification policy. Framework-free: Electron and the browser host each wrap it.
 */
import type { EnquiryPage, Message, Room } from '../../shared/domain';
import * as docs from '../../shared/graphql/documents';
import type { LiveMetrics, NotificationSettings, RequestArgs, SessionState } from '../../shared/ipc/contract';
import { Credentials, type AuthPayload } from './credentials';
import { EventBatcher } from './event-batcher';
import { fail, SupervisorFailure } from './failures';
import { BackendClient, type ConnectionStatus } from './graphql-client';
import { NotificationPolicy } from './notification-policy';
import { StoredNotificationSettings } from './notification-settings';
import type { BackoffOptions, SessionPorts } from './ports';
import { login, refreshSession, signedInState, signedOutState } from './auth-calls';
import { loadOverviewPage } from './board-pages';
import { ConnectionTracker, type ConnectionView } from './connection-tracker';
import { OpenRooms } from './open-rooms';
import * as calls from './room-calls';
import { RoomStreams } from './room-streams';
import { SessionStreams } from './session-streams';
import { describe, StoredSignIn } from './stored-sign-in';

export interface SupervisorSessionOptions {
  /** http://host:port/graphql of the enquiry backend. */
  backendUrl: string;
  ports: SessionPorts;
  backoff?: BackoffOptions;
  keepAliveMs?: number;
  /**
   * Least time between two flushes of a busy room's events. Default 0: whatever arrived in
   * one I/O turn goes out together, so batches grow with load without a fixed delay (the
   * renderer draws each room at most once per frame anyway). The board is paced at 50 ms.
   */
  flushIntervalMs?: number;
  /** Messages fetched with a room snapshot. */
  roomMessages?: number;
  /** Coalescing window for native alerts. */
  coalesceMs?: number;
}

/** One signed-in (or signed-out) supervisor, holding the connection and the streams. */
export class SupervisorSession {
  private readonly credentials: Credentials;
  private readonly policy: NotificationPolicy;
  private readonly batcher: EventBatcher;
  private client: BackendClient | null = null;
  /** The board, notification and (administrators with the monitoring plan) live-metrics streams. */
  private streams: SessionStreams | null = null;
  private readonly rooms: OpenRooms;
  private state: SessionState;
  private readonly connection: ConnectionTracker;
  private readonly settings: StoredNotificationSettings;
  private readonly storedSignIn: StoredSignIn;
  private lifecycle: Promise<unknown> = Promise.resolve();
  /** A sign-out because the backend ended the session is under way. */
  private endingSession = false;
  /**
   * This session's monitor lease key: the backend lists the admin as monitoring a room
   * while any of their sessions (windows, tabs) holds a lease on it, so closing the room
   * here never stops another window's monitoring. New for every sign-in.
   */
  private monitorKey = calls.newMonitorKey();

  constructor(private readonly options: SupervisorSessionOptions) {
    this.state = this.signedOutState();
    this.storedSignIn = new StoredSignIn(options.ports, options.backendUrl);
    this.connection = new ConnectionTracker((view) => options.ports.emit('connection/state', view));
    this.credentials = new Credentials(
      (refreshToken) => this.exchangeRefreshToken(refreshToken),
      (payload) => void this.persist(payload),
      (error) => this.onRefreshFailed(error),
    );
    this.policy = new NotificationPolicy({
      show: (alert) => options.ports.showAlert?.(alert),
      onCount: (count) => options.ports.onAlertCount?.(count),
      coalesceMs: options.coalesceMs,
    });
    this.settings = new StoredNotificationSettings(this.policy, options.ports.settingsStore);
    this.batcher = new EventBatcher(options.ports.emit, options.flushIntervalMs, () =>
      this.connection.markSynced(),
    );
    const streams = new RoomStreams({
      batcher: this.batcher,
      backoff: options.backoff,
      reauthenticate: () => this.reauthenticate(),
      onEnded: (enquiryId, { code, message }) =>
        options.ports.emit('room/ended', { enquiryId, code, message }),
      log: (line) => this.log(line),
    });
    this.rooms = new OpenRooms(streams, {
      live: () => this.live(),
      current: () => this.client,
      monitorKey: () => (this.monitors() ? this.monitorKey : null),
      roomMessages: () => this.roomMessages,
    });
  }

  /** The session as the renderer may see it (no tokens). */
  getState(): SessionState {
    return this.state;
  }

  /** The connection state with the time of the last event or (re)connect. */
  getConnection(): ConnectionView {
    return this.connection.current;
  }

  /** The rooms whose events are streaming now. */
  openRoomIds(): string[] {
    return this.rooms.ids();
  }

  /** The user looked at the console: clears the unseen-alert badge. */
  acknowledgeAlerts(): void {
    this.policy.acknowledge();
  }

  /** Signs in with a stored refresh token, if the host keeps one for this backend. */
  restore(): Promise<SessionState> {
    return this.exclusive(() => this.restoreNow());
  }

  private async restoreNow(): Promise<SessionState> {
    const stored = await this.storedSignIn.load();
    if (!stored || this.credentials.present) return this.state;
    try {
      const payload = await this.exchangeRefreshToken(stored.refreshToken);
      await this.begin(payload, stored.tenant);
    } catch (error) {
      this.log(`stored session could not be restored (${describe(error)})`);
      await this.storedSignIn.forget();
    }
    return this.state;
  }

  /** Signs in with the tenant, email and password the supervisor typed. */
  signIn(args: RequestArgs<'session/signIn'>): Promise<SessionState> {
    return this.exclusive(() => this.signInNow(args));
  }

  private async signInNow(args: RequestArgs<'session/signIn'>): Promise<SessionState> {
    if (this.credentials.present) await this.signOutNow();
    await this.begin(await login(this.options.backendUrl, args), args.tenant);
    return this.state;
  }

  /** Signs out: tells the backend, drops the connection and forgets the tokens. */
  signOut(detail: string | null = null): Promise<SessionState> {
    return this.exclusive(() => this.signOutNow(detail));
  }

  /**
   * Sign-in, sign-out and restore run one at a time: a second sign-in (a double submit, or
   * a restore racing the user) never builds streams on a connection another one tore down.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(fn, fn);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private async signOutNow(detail: string | null = null): Promise<SessionState> {
    const refreshToken = this.credentials.refreshToken;
    const client = this.client;
    await this.rooms.closeAll();
    // The backend closes this session's sockets when it signs out (4401): the streams stop
    // first, so that the close does not start a re-authentication.
    this.streams?.stop();
    this.rooms.stopStreams();
    if (refreshToken && client) {
      await client.mutate(docs.LOGOUT, { refreshToken }).catch(() => undefined);
    }
    await this.teardown();
    await this.storedSignIn.forget();
    this.state = this.signedOutState();
    this.options.ports.emit('session/changed', this.state);
    this.connection.set({ state: 'signed-out', detail });
    return this.state;
  }

  /** One page of one Enquiry Overview column. */
  async loadBoard(args: RequestArgs<'board/load'>): Promise<EnquiryPage> {
    return loadOverviewPage(this.live(), args);
  }

  /** Opens a room: administrators start monitoring it; its events stream from the snapshot on. */
  openRoom(enquiryId: string): Promise<Room> {
    return this.rooms.open(enquiryId);
  }

  /**
   * Closes a room: its stream ends and this session's monitoring of it stops (the admin
   * stays listed while another of their windows still has the room open).
   */
  closeRoom(enquiryId: string): Promise<true> {
    return this.rooms.close(enquiryId);
  }

  /**
   * The renderer showing this session went away, most likely to reload (a window reload, a
   * browser tab reloading). Its rooms stay open, streaming and monitored, for `holdMs`: the
   * next renderer opens the rooms it restores again and they carry on unbroken; those it
   * does not open by then are closed.
   */
  keepRoomsForReopen(holdMs?: number): void {
    this.rooms.keepForReopen(holdMs);
  }

  /** Whether this session's admin monitors the rooms they open. */
  private monitors(): boolean {
    return this.state.role === 'ADMINISTRATOR' && this.state.enquiryMonitoring;
  }

  /** How many of the latest messages a room answer carries. */
  private get roomMessages(): number {
    return this.options.roomMessages ?? 200;
  }

  async join(args: RequestArgs<'enquiry/join'>): Promise<Room> {
    return await calls.joinEnquiry(this.live(), args, this.roomMessages);
  }

  async takeOver(args: RequestArgs<'enquiry/takeOver'>): Promise<Room> {
    return await calls.takeOverEnquiry(this.live(), args, this.roomMessages);
  }

  async leave(args: RequestArgs<'enquiry/leave'>): Promise<Room> {
    return await calls.leaveEnquiry(this.live(), args, this.roomMessages);
  }

  async sendMessage(args: RequestArgs<'room/sendMessage'>): Promise<Message> {
    return await calls.sendMessage(this.live(), args);
  }

  async sendWhisper(args: RequestArgs<'room/sendWhisper'>): Promise<Message> {
    return await calls.sendWhisper(this.live(), args);
  }

  /** The tenant's live metrics: the stream's latest snapshot (the backend refuses those who may not see them). */
  async liveMetrics(): Promise<LiveMetrics> {
    const client = this.live();
    const feed = this.streams?.metrics;
    if (feed) return feed.current();
    return (await client.query<{ liveMetrics: LiveMetrics }>(docs.LIVE_METRICS_QUERY)).liveMetrics;
  }

  /** The signed-in client, for the request handler's data calls (supervisor-data.ts); UNAUTHENTICATED when signed out. */
  backend(): BackendClient {
    return this.live();
  }

  getNotificationSettings(): Promise<NotificationSettings> {
    return this.settings.current();
  }

  updateNotificationSettings(
    update: RequestArgs<'notifications/updateSettings'>,
  ): Promise<NotificationSettings> {
    return this.settings.update(update as Partial<NotificationSettings>);
  }

  /**
   * Ends the session's connection without signing out on the backend (host shutting
   * down); the rooms it monitors are let go first, as far as the backend answers quickly.
   */
  async dispose(): Promise<void> {
    await this.rooms.closeAll();
    await this.teardown();
  }

  private async begin(payload: AuthPayload, tenant: string): Promise<void> {
    await this.teardown();
    this.monitorKey = calls.newMonitorKey();
    this.credentials.accept(payload);
    await this.settings.load();
    const client = new BackendClient({
      backendUrl: this.options.backendUrl,
      accessToken: () => this.credentials.forRequest(),
      onTokenRejected: () => this.credentials.markRejected(),
      onStatus: (status) => this.onConnectionStatus(status),
      onHeartbeat: () => this.connection.markSynced(),
      backoff: this.options.backoff,
      keepAliveMs: this.options.keepAliveMs,
    });
    this.client = client;
    try {
      const signedIn = await signedInState(client, tenant, this.options.backendUrl);
      // The board stream starts at the tip, before any column is loaded: every page the
      // renderer loads later is covered (events carry enquiry.version to apply in order).
      const { boardCursor } = await this.loadBoard({ column: 'OPEN', first: 1 });
      this.state = signedIn;
      this.policy.setRole(signedIn.role);
      this.connection.set({ state: 'connecting', detail: null });
      this.streams = new SessionStreams({
        client,
        boardCursor,
        liveMetrics: this.monitors(),
        backoff: this.options.backoff,
        onBoardEvent: (event) => this.batcher.addBoardEvent(event),
        onNotification: (notification) => {
          this.options.ports.emit('notification/toast', notification);
          this.policy.consider(notification);
          this.connection.markSynced();
        },
        onLiveMetrics: (metrics) => this.options.ports.emit('metrics/live', metrics),
        reauthenticate: () => this.reauthenticate(),
      });
      this.streams.start();
      await this.persist(payload, tenant);
      this.options.ports.emit('session/changed', this.state);
    } catch (error) {
      await this.teardown();
      this.state = this.signedOutState();
      throw error;
    }
  }

  private async teardown(): Promise<void> {
    this.streams?.stop();
    this.rooms.stopStreams();
    this.streams = null;
    this.batcher.clear();
    this.policy.setRole(null);
    this.credentials.clear();
    const client = this.client;
    this.client = null;
    await client?.dispose().catch(() => undefined);
  }

  private live(): BackendClient {
    if (!this.client || !this.credentials.present) fail('UNAUTHENTICATED', 'Sign in to continue.');
    return this.client;
  }

  private exchangeRefreshToken(refreshToken: string): Promise<AuthPayload> {
    return refreshSession(this.options.backendUrl, refreshToken);
  }

  /** After a 4401/4403 on a subscription: refresh; if the refresh token is refused, sign out. */
  private reauthenticate(): Promise<void> {
    return this.credentials.reauthenticate();
  }

  /**
   * The refresh token was refused: the session ended on the backend (signed out elsewhere,
   * which also closes the socket with 4401, or expired). Signs out once, however many
   * streams noticed it at the same time.
   */
  private onRefreshFailed(error: unknown): void {
    if (
      error instanceof SupervisorFailure &&
      ['UNAUTHENTICATED', 'FORBIDDEN'].includes(error.ipcError.code) &&
      this.credentials.present &&
      !this.endingSession
    ) {
      this.log('refresh token refused; signing out');
      this.endingSession = true;
      void this.signOut('Your session has ended. Sign in again.').finally(() => {
        this.endingSession = false;
      });
    }
  }

  private async persist(payload: AuthPayload, tenant = this.state.tenant): Promise<void> {
    if (!tenant) return;
    await this.storedSignIn.keep(payload.refreshToken, tenant);
  }

  private onConnectionStatus(status: ConnectionStatus): void {
    if (this.credentials.present) this.connection.set(status);
  }

  private signedOutState(): SessionState {
    return signedOutState(this.options.backendUrl);
  }

  private log(line: string): void {
    this.options.ports.log?.(line);
  }
}
