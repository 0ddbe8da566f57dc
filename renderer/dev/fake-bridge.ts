/**
 * DEV ONLY — never part of a build. An in-page fake `window.supervisor` for quick visual
 * checks with `FAKE_BRIDGE=1 npx vite` (see vite.config.ts). `?n=10000` seeds that many
 * enquiries; `?burst=1` streams a board-event burst. The real flows are proven end to end
 * against the real backend in tests/e2e.
 */
import type { Enquiry, Message, Room, RoomViewer, StaffRef } from '../../shared/domain';
import type { EventName, EventPayloads, SessionState, SupervisorApi } from '../../shared/ipc/contract';

const params = new URLSearchParams(location.search);
const count = Number(params.get('n') ?? 60);
const me: StaffRef = { id: 's-ada', name: 'Ada Lovelace', email: 'ada@demo.test', role: 'ADMINISTRATOR' };
const agents: StaffRef[] = ['Grace Hopper', 'Linus Torvalds', 'Margaret Hamilton'].map((name, i) => ({
  id: `s-${i}`,
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@demo.test`,
  role: 'AGENT',
}));
const names = [
  'Olivia Brown',
  'Noah Smith',
  'Emma Jones',
  'Liam Garcia',
  'Ava Miller',
  'Lucas Davis',
  'Mia Wilson',
  'Ethan Moore',
];
const statuses = ['OPEN', 'HANDLING', 'HANDLING', 'MISSED', 'CLOSED'] as const;
const channels = ['WEB_CHAT', 'WHATSAPP', 'FACEBOOK', 'EMAIL', 'SMS'] as const;

const enquiries = new Map<string, Enquiry>();
for (let i = 0; i < count; i++) {
  const status = statuses[i % statuses.length]!;
  const owner = status === 'OPEN' || status === 'MISSED' ? null : agents[i % agents.length]!;
  enquiries.set(`e${i}`, {
    id: `e${i}`,
    status,
    channel: channels[i % channels.length]!,
    visitor: { id: `v${i}`, name: `${names[i % names.length]} ${i}` },
    subject: i % 3 === 0 ? 'Refund for order' : 'Delivery question',
    owner,
    participants: owner ? [owner] : [],
    monitors: i % 11 === 1 ? [agents[0]!] : [],
    parties: owner ? 2 : 1,
    call: i % 7 === 1 ? 'ONE_TO_ONE' : null,
    waitingSince: new Date(Date.now() - (i % 50) * 61_000 - 30_000).toISOString(),
    pickedUpAt: owner ? new Date(Date.now() - (i % 40) * 47_000).toISOString() : null,
    lastMessageAt: null,
    closedAt: status === 'CLOSED' || status === 'MISSED' ? new Date().toISOString() : null,
    messageCount: 3,
    version: 1,
  });
}

const listeners = new Map<EventName, Set<(payload: never) => void>>();
function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayloads[E]) => void)(payload);
}

let session: SessionState = {
  status: 'signed-out',
  staff: null,
  tenant: null,
  role: null,
  enquiryMonitoring: true,
  backendUrl: '',
};

function viewerOf(e: Enquiry): RoomViewer {
  const isOwner = e.owner?.id === me.id;
  const isParticipant = e.participants.some((p) => p.id === me.id);
  const blocked = e.call ? 'A call is in progress' : null;
  return {
    isOwner,
    isParticipant,
    isMonitoring: true,
    canJoin: !blocked && !isParticipant && e.status === 'HANDLING',
    canTakeOver: !blocked && !isOwner && e.status === 'HANDLING',
    canGoToChatRoom: isParticipant && !isOwner,
    canProceed: isOwner,
    canSendMessage: isParticipant,
    canWhisper: true,
    canLeave: isParticipant && !isOwner,
    blockedCode: blocked ? 'CALL_IN_PROGRESS' : null,
    blockedReason: blocked,
  };
}

const messages = new Map<string, Message[]>();
let seq = 1;
function messagesOf(e: Enquiry): Message[] {
  if (!messages.has(e.id)) {
    messages.set(e.id, [
      {
        id: `m${seq}`,
        enquiryId: e.id,
        kind: 'TEXT',
        author: { kind: 'VISITOR', id: null, name: e.visitor.name, role: null },
        text: 'Hello, my parcel has not arrived yet.',
        at: e.waitingSince,
        seq: seq++,
      },
      {
        id: `m${seq}`,
        enquiryId: e.id,
        kind: 'SYSTEM',
        author: { kind: 'SYSTEM', id: null, name: 'System', role: null },
        text: `${e.owner?.name ?? 'An agent'} picked up the enquiry.`,
        at: e.waitingSince,
        seq: seq++,
      },
      {
        id: `m${seq}`,
        enquiryId: e.id,
        kind: 'TEXT',
        author: { kind: 'STAFF', id: e.owner?.id ?? null, name: e.owner?.name ?? 'Agent', role: 'AGENT' },
        text: 'Let me check that for you.',
        at: e.waitingSince,
        seq: seq++,
      },
      {
        id: `m${seq}`,
        enquiryId: e.id,
        kind: 'WHISPER',
        author: { kind: 'STAFF', id: 's-alan', name: 'Alan Turing', role: 'ADMINISTRATOR' },
        text: 'Offer the express re-send.',
        at: e.waitingSince,
        seq: seq++,
      },
    ]);
  }
  return messages.get(e.id)!;
}

function roomOf(id: string): Room {
  const e = enquiries.get(id)!;
  return { enquiry: e, messages: messagesOf(e), viewer: viewerOf(e), cursor: String(seq) };
}

function change(id: string, patch: Partial<Enquiry>, text: string): Room {
  const e = { ...enquiries.get(id)!, ...patch, version: enquiries.get(id)!.version + 1 };
  enquiries.set(id, e);
  const message: Message = {
    id: `m${seq}`,
    enquiryId: id,
    kind: 'SYSTEM',
    author: { kind: 'SYSTEM', id: null, name: 'System', role: null },
    text,
    at: new Date().toISOString(),
    seq: seq++,
  };
  messagesOf(e).push(message);
  emit('board/events', [
    { cursor: String(seq), seq, type: 'ADMIN_JOINED', at: message.at, actor: me, enquiry: e },
  ]);
  return roomOf(id);
}

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

const api = {
  invoke(channel: string, args: Record<string, unknown>) {
    const id = args.enquiryId as string;
    switch (channel) {
      case 'session/get':
        return ok(session);
      case 'session/signIn':
        session = {
          status: 'signed-in',
          staff: me,
          tenant: String(args.tenant),
          role: 'ADMINISTRATOR',
          enquiryMonitoring: true,
          backendUrl: '',
        };
        setTimeout(
          () =>
            emit('connection/state', { state: 'live', lastSyncAt: new Date().toISOString(), detail: null }),
          50,
        );
        return ok(session);
      case 'session/signOut':
        session = { ...session, status: 'signed-out', staff: null };
        return ok(session);
      case 'board/load': {
        const all = [...enquiries.values()].filter((e) => e.status === args.column);
        const start = args.after ? Number(args.after) : 0;
        const first = Number(args.first ?? 100);
        return ok({
          enquiries: all.slice(start, start + first),
          hasNextPage: start + first < all.length,
          endCursor: String(start + first),
          totalCount: all.length,
          boardCursor: '0',
        });
      }
      case 'room/open':
        return ok(roomOf(id));
      case 'room/close':
        return ok(true);
      case 'enquiry/join': {
        const e = enquiries.get(id)!;
        return ok(
          change(
            id,
            { participants: [...e.participants, me], parties: e.parties + 1 },
            'Ada Lovelace joined the enquiry.',
          ),
        );
      }
      case 'enquiry/takeOver':
        return ok(change(id, { owner: me, participants: [me] }, 'Ada Lovelace took over the enquiry.'));
      case 'enquiry/leave': {
        const e = enquiries.get(id)!;
        return ok(
          change(id, { participants: e.participants.filter((p) => p.id !== me.id) }, 'Ada Lovelace left.'),
        );
      }
      case 'room/sendMessage':
      case 'room/sendWhisper': {
        const message: Message = {
          id: `m${seq}`,
          enquiryId: id,
          kind: channel === 'room/sendWhisper' ? 'WHISPER' : 'TEXT',
          author: { kind: 'STAFF', id: me.id, name: me.name, role: 'ADMINISTRATOR' },
          text: String(args.text),
          at: new Date().toISOString(),
          seq: seq++,
        };
        messagesOf(enquiries.get(id)!).push(message);
        return ok(message);
      }
      default:
        return Promise.resolve({
          ok: false as const,
          error: { code: 'BAD_USER_INPUT' as const, message: `fake: ${channel}` },
        });
    }
  },
  on(event: EventName, listener: (payload: never) => void) {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)!.add(listener);
    return () => listeners.get(event)!.delete(listener);
  },
} as unknown as SupervisorApi;

window.supervisor = api;

if (params.get('burst') === '1') {
  setInterval(() => {
    const batch = [];
    for (let k = 0; k < 200; k++) {
      const id = `e${Math.floor(Math.random() * count)}`;
      const e = enquiries.get(id)!;
      const next = {
        ...e,
        messageCount: e.messageCount + 1,
        lastMessageAt: new Date().toISOString(),
        version: e.version + 1,
      };
      enquiries.set(id, next);
      batch.push({
        cursor: '0',
        seq: seq++,
        type: 'MESSAGE_POSTED' as const,
        at: new Date().toISOString(),
        actor: null,
        enquiry: next,
      });
    }
    emit('board/events', batch);
  }, 20);
}
