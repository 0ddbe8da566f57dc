import { describe, expect, it } from 'vitest';
import { applyRoomEvents, changesViewer, mergeMessages, mergeRoom } from '../../renderer/src/room/room-model';
import { ada, enquiry, message, room, roomEvent } from './fixtures';

describe('room model', () => {
  it('appends event messages once and takes the newest enquiry snapshot', () => {
    const start = room([message('m1', 1)]);
    const joined = enquiry('e1', { participants: [ada], parties: 3, version: 2 });
    const next = applyRoomEvents(start, [
      roomEvent('ADMIN_JOINED', joined, message('m2', 2, 'SYSTEM')),
      roomEvent('ADMIN_JOINED', joined, message('m2', 2, 'SYSTEM')),
      roomEvent('MESSAGE_POSTED', enquiry('e1', { version: 1 }), message('m3', 3)),
    ]);
    expect(next.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(next.enquiry.version).toBe(2);
    expect(next.enquiry.parties).toBe(3);
  });

  it('orders out-of-order messages by sequence', () => {
    expect(mergeMessages([message('a', 1), message('c', 3)], [message('b', 2)]).map((m) => m.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('leaves the transcript as it is when a known message comes back (a sent message echoed by the stream)', () => {
    const known = [message('a', 1), message('b', 2), message('c', 3)];
    expect(mergeMessages(known, [message('b', 2)])).toBe(known);
    expect(mergeMessages(known, [message('c', 3), message('a', 1)])).toBe(known);
    const next = mergeMessages(known, [message('c', 3), message('d', 4), message('d', 4)]);
    expect(next.map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('knows which events may change the viewer answer', () => {
    const e = enquiry('e1');
    expect(changesViewer([roomEvent('MESSAGE_POSTED', e)])).toBe(false);
    expect(changesViewer([roomEvent('CALL_STARTED', e)])).toBe(true);
    expect(changesViewer([roomEvent('ENQUIRY_TAKEN_OVER', e)])).toBe(true);
  });

  it('takes the server viewer from a fresh answer and keeps messages seen live', () => {
    const live = room([message('m1', 1), message('m2', 2)]);
    const fresh = room([message('m1', 1)], {
      viewer: { ...live.viewer, canJoin: false, isParticipant: true },
    });
    const merged = mergeRoom(live, fresh);
    expect(merged.viewer.canJoin).toBe(false);
    expect(merged.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });
});
