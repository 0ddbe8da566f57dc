/**
 * The monitor panel's actions: Join and Take over (each confirmed with OK / Cancel and
 * ending in a toast), Leave, Transfer (to another agent, or back to one after a take-over)
 * and Close enquiry, and sending chat messages and whispers. The server is the
 * judge: every action is sent, and its answer (a Room, or a refusal) is what the pane shows.
 */
import { useCallback, useState } from 'react';
import { hashKey, useQueryClient } from '@tanstack/react-query';
import type { Enquiry, Message, Room, StaffRef } from '../../../shared/domain';
import { BridgeError, describeError, newIdempotencyKey, request } from '../bridge/bridge';
import { confirmAction, withdrawConfirm, type ConfirmRequest } from '../stores/confirm-store';
import { usePendingWork } from '../stores/pending-work-store';
import { showToast } from '../stores/toast-store';
import { roomKey, refreshRoom, storeRoom } from './room-queries';

/** The room action on its way to the server, if any. */
export type RoomBusy = null | 'join' | 'takeOver' | 'leave' | 'transfer' | 'close';

/** An explanation the pane keeps showing until the next action. */
export interface RoomNotice {
  tone: 'warning' | 'error';
  text: string;
  /** The refusal's code, when it was one (CONFLICT: someone else owns the enquiry now). */
  code?: string;
}

/** Words a person reads for a refusal; a conflict names who took the enquiry first. */
export function explainRefusal(error: unknown): RoomNotice {
  if (error instanceof BridgeError) {
    if (error.code === 'CONFLICT') {
      // The server's words name who owns it now ("… has already taken over", "changed meanwhile: … owns it now").
      const who = error.owner?.name;
      const text =
        who && !error.message.includes(who) ? `${error.message} ${who} owns it now.` : error.message;
      return { tone: 'warning', text: `Someone else acted first. ${text}`, code: error.code };
    }
    return {
      tone: error.code === 'NETWORK' || error.code === 'INTERNAL' ? 'error' : 'warning',
      text: error.message,
      code: error.code,
    };
  }
  return { tone: 'error', text: describeError(error) };
}

const CALL_NAME = { ONE_TO_ONE: 'A 1-to-1 call', CONFERENCE: 'A conference call' } as const;

/** Refusals that the server's `viewer` answer also gives as the reason actions are disabled. */
const STATED_BY_VIEWER: ReadonlySet<string> = new Set(['CALL_IN_PROGRESS', 'PLAN_REQUIRED']);

/** The actions of one room, with the busy flag and the last explanation. */
export function useRoomActions(enquiryId: string) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<RoomBusy>(null);
  const [notice, setNotice] = useState<RoomNotice | null>(null);
  // A join or take-over on its way to the server: a restart to update waits for its answer.
  usePendingWork('action', busy !== null && busy !== 'leave');

  const current = useCallback(
    () => queryClient.getQueryData<Room>(roomKey(enquiryId)),
    [queryClient, enquiryId],
  );

  const refuse = useCallback(
    (error: unknown, title: string) => {
      const explanation = explainRefusal(error);
      // A refusal the panel's own reason line states once the room is refreshed (an ongoing
      // call, the plan) is not kept as a notice too: it would repeat it, and outlive the call.
      const shownByViewer = error instanceof BridgeError && STATED_BY_VIEWER.has(error.code);
      setNotice(shownByViewer ? null : explanation);
      showToast({ tone: explanation.tone, title, body: explanation.text, enquiryId });
      void refreshRoom(queryClient, enquiryId);
    },
    [queryClient, enquiryId],
  );

  /** Runs one action: busy while it runs, the answered Room stored, a toast, or the refusal explained. */
  const act = useCallback(
    async (
      kind: NonNullable<RoomBusy>,
      send: () => Promise<Room | Enquiry>,
      done: { tone: 'success' | 'info'; title: string; body?: string },
      refusedTitle: string,
    ): Promise<boolean> => {
      setBusy(kind);
      setNotice(null);
      try {
        const answer = await send();
        if ('viewer' in answer) storeRoom(queryClient, answer);
        else {
          // An enquiry (Close): shown at once, and the viewer's rights asked for again.
          queryClient.setQueryData<Room>(roomKey(enquiryId), (room) =>
            room && answer.version >= room.enquiry.version ? { ...room, enquiry: answer } : room,
          );
          void refreshRoom(queryClient, enquiryId);
        }
        showToast({ ...done, enquiryId });
        return true;
      } catch (error) {
        refuse(error, refusedTitle);
        return false;
      } finally {
        setBusy(null);
      }
    },
    [queryClient, enquiryId, refuse],
  );

  /**
   * Asks to confirm an action on the room as it is now. If the room's owner changes while
   * the question is open (someone else took it over), or a call starts (every action here
   * waits while one is ongoing), the question is withdrawn and the change told: OK must
   * never confirm a sentence that is no longer true, nor an action the server refuses.
   */
  const confirmWhileOwnerStays = useCallback(
    async (question: ConfirmRequest, refusedTitle: string): Promise<boolean> => {
      const ownerAtAsk = current()?.enquiry.owner?.id ?? null;
      const callAtAsk = current()?.enquiry.call ?? null;
      const hash = hashKey(roomKey(enquiryId));
      let withdrawn: RoomNotice | null = null;
      const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash !== hash || withdrawn !== null) return;
        const enquiry = current()?.enquiry;
        const owner = enquiry?.owner;
        if ((owner?.id ?? null) !== ownerAtAsk) {
          // Told as the server would have told it: a conflict, naming who owns it now.
          const text = `Someone else acted first. ${owner?.name ?? 'Nobody'} owns it now; nothing was done.`;
          withdrawn = { tone: 'warning', text, code: 'CONFLICT' };
        } else if (callAtAsk === null && enquiry?.call) {
          const text = `${CALL_NAME[enquiry.call]} started, so nothing was done. Try again when the call ends.`;
          withdrawn = { tone: 'warning', text, code: 'CALL_IN_PROGRESS' };
        } else return;
        withdrawConfirm(question);
      });
      try {
        const ok = await confirmAction(question);
        const reason = withdrawn as RoomNotice | null;
        if (reason !== null) {
          // A call is stated by the panel's own reason line (as a refused action's would be).
          if (!reason.code || !STATED_BY_VIEWER.has(reason.code)) setNotice(reason);
          showToast({ tone: reason.tone, title: refusedTitle, body: reason.text, enquiryId });
        }
        return ok && reason === null;
      } finally {
        unsubscribe();
      }
    },
    [queryClient, current, enquiryId],
  );

  const join = useCallback(async (): Promise<boolean> => {
    const room = current();
    const visitor = room?.enquiry.visitor.name ?? 'this visitor';
    const owner = room?.enquiry.owner?.name;
    const ok = await confirmWhileOwnerStays(
      {
        title: 'Join this enquiry?',
        body: `You will take part in ${visitor}'s enquiry${owner ? ` alongside ${owner}` : ''}. ${owner ?? 'The owner'} stays the owner, and everyone in the room will see that you joined.`,
      },
      'Could not join the enquiry',
    );
    if (!ok) return false;
    return act(
      'join',
      () => request('enquiry/join', { enquiryId, idempotencyKey: newIdempotencyKey() }),
      { tone: 'success', title: 'You have joined the enquiry.', body: `${visitor}'s room` },
      'Could not join the enquiry',
    );
  }, [current, act, enquiryId, confirmWhileOwnerStays]);

  const takeOver = useCallback(async (): Promise<boolean> => {
    const before = current();
    const visitor = before?.enquiry.visitor.name ?? 'this visitor';
    const owner = before?.enquiry.owner?.name;
    // The version the admin decided on: if anyone changes the enquiry before OK lands, the server says CONFLICT.
    const expectedVersion = before?.enquiry.version;
    const ok = await confirmWhileOwnerStays(
      {
        title: 'Take over this enquiry?',
        body: `You will become the owner of ${visitor}'s enquiry${owner ? ` instead of ${owner}` : ''}, with the owner's rights.`,
      },
      'Could not take over the enquiry',
    );
    if (!ok) return false;
    return act(
      'takeOver',
      () =>
        request('enquiry/takeOver', {
          enquiryId,
          idempotencyKey: newIdempotencyKey(),
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
        }),
      { tone: 'success', title: 'You have taken over the enquiry.', body: `${visitor}'s room` },
      'Could not take over the enquiry',
    );
  }, [current, act, enquiryId, confirmWhileOwnerStays]);

  const leave = useCallback(
    (): Promise<boolean> =>
      act(
        'leave',
        () => request('enquiry/leave', { enquiryId }),
        { tone: 'info', title: 'You have left the enquiry.' },
        'Could not leave the enquiry',
      ),
    [act, enquiryId],
  );

  /**
   * Transfers the enquiry to `to` (an agent the Transfer dialog offered): confirmed with OK,
   * against the version the administrator decided on. From an administrator who owns it (after
   * a take-over) this hands it back.
   */
  const transfer = useCallback(
    async (to: StaffRef): Promise<boolean> => {
      const before = current();
      const visitor = before?.enquiry.visitor.name ?? 'this visitor';
      const owner = before?.enquiry.owner;
      const mine = before?.viewer.isOwner === true;
      const expectedVersion = before?.enquiry.version;
      const leaving = mine ? 'You leave the room' : owner ? `${owner.name} leaves the room` : null;
      const ok = await confirmWhileOwnerStays(
        {
          title: mine ? `Hand this enquiry to ${to.name}?` : `Transfer this enquiry to ${to.name}?`,
          body: `${to.name} will become the owner of ${visitor}'s enquiry and is told so.${leaving ? ` ${leaving}, and the room gets a system message.` : ''}`,
        },
        'Could not transfer the enquiry',
      );
      if (!ok) return false;
      return act(
        'transfer',
        () =>
          request('enquiry/transfer', {
            enquiryId,
            toStaffId: to.id,
            idempotencyKey: newIdempotencyKey(),
            ...(expectedVersion === undefined ? {} : { expectedVersion }),
          }),
        { tone: 'success', title: `Transferred to ${to.name}.`, body: `${visitor}'s enquiry` },
        'Could not transfer the enquiry',
      );
    },
    [current, act, enquiryId, confirmWhileOwnerStays],
  );

  /** Closes the enquiry the administrator owns (after a take-over), confirmed with OK. */
  const close = useCallback(async (): Promise<boolean> => {
    const visitor = current()?.enquiry.visitor.name ?? 'this visitor';
    const ok = await confirmWhileOwnerStays(
      {
        title: 'Close this enquiry?',
        body: `${visitor}'s enquiry ends and moves to Closed; nobody can write in the room after this.`,
      },
      'Could not close the enquiry',
    );
    if (!ok) return false;
    return act(
      'close',
      () => request('enquiry/close', { enquiryId }),
      { tone: 'success', title: 'Enquiry closed.', body: `${visitor}'s enquiry` },
      'Could not close the enquiry',
    );
  }, [current, act, enquiryId, confirmWhileOwnerStays]);

  return { busy, notice, setNotice, join, takeOver, leave, transfer, close };
}

/** Sends a chat message (as the visitor sees it) or a whisper (staff only); throws on refusal. */
export function sendToRoom(enquiryId: string, text: string, kind: 'message' | 'whisper'): Promise<Message> {
  if (kind === 'message')
    return request('room/sendMessage', { enquiryId, text, idempotencyKey: newIdempotencyKey() });
  return request('room/sendWhisper', { enquiryId, text });
}
