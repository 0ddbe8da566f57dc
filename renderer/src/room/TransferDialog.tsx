/**
 * "Transfer": a modal dialog in which an administrator chooses the agent an enquiry goes to
 * (or, after a take-over, the agent she hands it back to). Every agent of the tenant is
 * listed with presence and chats in hand against capacity; those who cannot take it now are
 * listed disabled, saying why. Choosing one closes this dialog and asks to confirm (OK /
 * Cancel) before anything is sent. Native <dialog>: focus stays inside, Escape cancels, and
 * focus goes back to where it was.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Enquiry, StaffRef } from '../../../shared/domain';
import { describeError, request } from '../bridge/bridge';
import { PRESENCE_WORDS, transferChoices } from './room-supervision';
import './room-supervision.css';

interface TransferDialogProps {
  enquiry: Enquiry;
  /** The viewer owns the enquiry (after a take-over): the transfer hands it back. */
  handingBack: boolean;
  onCancel(): void;
  onChoose(agent: StaffRef): void;
}

/** The Transfer dialog; mount it to open it, unmount it to close it. */
export function TransferDialog({ enquiry, handingBack, onCancel, onChoose }: TransferDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const titleId = useId();
  const hintId = useId();
  const agents = useQuery({
    queryKey: ['agents', 'transfer'],
    queryFn: () => request('agents/list', {}),
    // Presence and chats in hand change all day: asked afresh every time the dialog opens.
    staleTime: 0,
    gcTime: 0,
  });
  const choices = agents.data ? transferChoices(agents.data, enquiry.owner?.id ?? null) : [];
  const chosenAgent = choices.find((choice) => choice.agent.id === chosen && !choice.unavailable)?.agent;
  const available = choices.filter((choice) => !choice.unavailable).length;

  useLayoutEffect(() => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      // Back to Transfer (the confirmation that may follow returns there too).
      const back = returnFocus.current;
      if (back?.isConnected && !back.matches(':disabled')) back.focus();
      else back?.closest<HTMLElement>('[data-focus-region]')?.focus();
    };
  }, []);

  // Focus the first agent who can be chosen once the list is there.
  useEffect(() => {
    if (!agents.data) return;
    dialog.current?.querySelector<HTMLInputElement>('input[type="radio"]:not(:disabled)')?.focus();
  }, [agents.data]);

  const visitor = enquiry.visitor.name;
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog transfer-dialog"
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosenAgent) onChoose(chosenAgent);
        }}
      >
        <h2 id={titleId}>{handingBack ? 'Hand back to an agent' : 'Transfer to another agent'}</h2>
        <p id={hintId}>
          {visitor}&apos;s enquiry
          {enquiry.owner ? `, now with ${handingBack ? 'you' : enquiry.owner.name}` : ''}. Choose an online
          agent with room for another enquiry.
        </p>
        {agents.isPending ? (
          <p className="muted" aria-busy="true">
            Loading agents…
          </p>
        ) : agents.isError ? (
          <div className="transfer-problem" role="alert">
            <p>Could not load the agents. {describeError(agents.error)}</p>
            <button type="button" onClick={() => void agents.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <fieldset className="transfer-agents">
            <legend>Agents</legend>
            {choices.length === 0 && <p className="muted">Your organisation has no agents.</p>}
            {choices.map((choice) => (
              <AgentOption
                key={choice.agent.id}
                choice={choice}
                checked={chosen === choice.agent.id}
                onChoose={() => setChosen(choice.agent.id)}
              />
            ))}
            {choices.length > 0 && available === 0 && (
              <p className="transfer-none" role="status">
                No agent can take this enquiry now: each is offline, away, busy or at capacity.
              </p>
            )}
          </fieldset>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!chosenAgent}>
            {chosenAgent
              ? `${handingBack ? 'Hand back' : 'Transfer'} to ${chosenAgent.name}`
              : 'Choose an agent'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function AgentOption({
  choice,
  checked,
  onChoose,
}: {
  choice: ReturnType<typeof transferChoices>[number];
  checked: boolean;
  onChoose(): void;
}) {
  const whyId = useId();
  const disabled = choice.unavailable !== null;
  return (
    <label className="transfer-agent" data-disabled={disabled || undefined}>
      <input
        type="radio"
        name="transfer-agent"
        value={choice.agent.id}
        checked={checked}
        disabled={disabled}
        aria-describedby={disabled ? whyId : undefined}
        onChange={onChoose}
      />
      <span className="transfer-agent-name">{choice.agent.name}</span>
      <span className="transfer-agent-presence" data-presence={choice.presence}>
        {PRESENCE_WORDS[choice.presence]}
      </span>
      <span className="transfer-agent-load">
        {choice.chatsInHand} of {choice.capacity} chats
      </span>
      {disabled && (
        <span id={whyId} className="transfer-agent-why">
          {choice.unavailable}
        </span>
      )}
    </label>
  );
}
