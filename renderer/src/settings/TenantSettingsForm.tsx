/**
 * The tenant's settings in the Settings dialog (administrators): wait warning and limit, SLA
 * threshold, whether agents are told who monitors them, agents' capacity. Saved together
 * with "Save organisation settings"; the backend checks every value and its refusal shows
 * next to the field it is about. Without the monitoring plan the SLA threshold and the
 * capacities are shown but cannot be changed (they come with the plan).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TenantSettings } from '../../../shared/ipc/contract';
import { BridgeError, describeError } from '../bridge/bridge';
import {
  changeOf,
  draftOf,
  placeRefusal,
  type DurationDraft,
  type DurationField,
  type FieldErrors,
  type FieldKey,
  type TenantDraft,
} from './tenant-settings-draft';
import { useTenantSettings, useUpdateTenantSettings } from './settings-queries';

const DURATIONS: { field: DurationField; label: string; hint: string; needsPlan: boolean }[] = [
  {
    field: 'waitWarningSeconds',
    label: 'Wait warning',
    hint: 'Administrators are warned when an Open enquiry has waited this long.',
    needsPlan: false,
  },
  {
    field: 'waitLimitSeconds',
    label: 'Wait limit',
    hint: 'An Open enquiry that waits this long becomes Missed.',
    needsPlan: false,
  },
  {
    field: 'slaThresholdSeconds',
    label: 'SLA threshold',
    hint: 'An enquiry picked up within this time counts as answered within the SLA.',
    needsPlan: true,
  },
];

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

function DurationInput(props: {
  label: string;
  hint: string;
  value: DurationDraft;
  error: string | undefined;
  disabled: boolean;
  onChange(value: DurationDraft): void;
}) {
  const id = useId();
  const describedBy = `${id}-hint${props.error ? ` ${id}-error` : ''}`;
  return (
    <div className="setting-row">
      <label htmlFor={id}>{props.label}</label>
      <div className="setting-control">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          className="setting-number"
          value={props.value.amount}
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange({ ...props.value, amount: event.target.value })}
        />
        <select
          aria-label={`${props.label} unit`}
          value={props.value.unit}
          disabled={props.disabled}
          onChange={(event) => props.onChange({ ...props.value, unit: event.target.value as 's' | 'min' })}
        >
          <option value="s">seconds</option>
          <option value="min">minutes</option>
        </select>
      </div>
      <p id={`${id}-hint`} className="setting-hint muted">
        {props.hint}
      </p>
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

function CapacityInput(props: {
  label: string;
  value: string;
  placeholder?: string;
  error: string | undefined;
  disabled: boolean;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="capacity-row">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        className="setting-number"
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

/** The organisation's settings, for an administrator. */
export function TenantSettingsForm({ enquiryMonitoring }: { enquiryMonitoring: boolean }) {
  const settings = useTenantSettings(true);
  if (settings.isPending) return <p aria-busy="true">Loading the organisation’s settings…</p>;
  if (settings.isError)
    return (
      <p className="form-error" role="alert">
        {describeError(settings.error)}
      </p>
    );
  return <TenantSettingsEditor saved={settings.data} enquiryMonitoring={enquiryMonitoring} />;
}

function TenantSettingsEditor({
  saved,
  enquiryMonitoring,
}: {
  saved: TenantSettings;
  enquiryMonitoring: boolean;
}) {
  const update = useUpdateTenantSettings();
  const [draft, setDraft] = useState<TenantDraft>(() => draftOf(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const headingId = useId();

  // After a save the form shows what the backend kept.
  useEffect(() => setDraft(draftOf(saved)), [saved]);

  const edit = (next: Partial<TenantDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setStatus('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { change, errors: typed } = changeOf(saved, draft);
    setErrors(typed);
    setFormError(null);
    if (Object.keys(typed).length > 0) return setStatus('');
    if (Object.keys(change).length === 0) return setStatus('Nothing to save: no setting changed.');
    setStatus('Saving…');
    update.mutate(change, {
      onSuccess: () => setStatus('Organisation settings saved.'),
      onError: (error) => {
        setStatus('');
        const message = describeError(error);
        const placed =
          error instanceof BridgeError && error.code === 'BAD_USER_INPUT'
            ? placeRefusal(change, message)
            : { field: 'form' as const, message };
        if (placed.field === 'form') setFormError(placed.message);
        else setErrors({ [placed.field]: placed.message } as Record<FieldKey, string>);
      },
    });
  };

  const planLocked = !enquiryMonitoring;
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Organisation settings</h3>
      <p className="muted settings-note">
        These apply to everyone in your organisation; each change is recorded in the audit trail.
      </p>
      <form onSubmit={submit} noValidate>
        {DURATIONS.map(({ field, label, hint, needsPlan }) => (
          <DurationInput
            key={field}
            label={label}
            hint={hint}
            value={draft[field]}
            error={errors[field]}
            disabled={needsPlan && planLocked}
            onChange={(value) => edit({ [field]: value })}
          />
        ))}
        <div className="setting-row setting-check">
          <label>
            <input
              type="checkbox"
              checked={draft.agentsSeeMonitors}
              onChange={(event) => edit({ agentsSeeMonitors: event.target.checked })}
            />{' '}
            Tell agents who is monitoring their enquiries
          </label>
          <p className="setting-hint muted">
            Off: monitoring is silent. Joining and taking over are always announced.
          </p>
        </div>
        <fieldset className="capacity-set" disabled={planLocked}>
          <legend>Agents’ capacity (chats at once)</legend>
          {planLocked && (
            <p className="setting-hint muted">
              The SLA threshold and agents’ capacity come with the enquiry monitoring plan.
            </p>
          )}
          <CapacityInput
            label="Default capacity"
            value={draft.defaultAgentCapacity}
            error={errors.defaultAgentCapacity}
            disabled={planLocked}
            onChange={(value) => edit({ defaultAgentCapacity: value })}
          />
          {saved.agentCapacities.map(({ agent }) => (
            <CapacityInput
              key={agent.id}
              label={`Capacity of ${agent.name}`}
              value={draft.capacities[agent.id] ?? ''}
              placeholder={`${saved.defaultAgentCapacity} (default)`}
              error={errors[`capacity:${agent.id}`]}
              disabled={planLocked}
              onChange={(value) => edit({ capacities: { ...draft.capacities, [agent.id]: value } })}
            />
          ))}
        </fieldset>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="settings-actions">
          <p className="settings-status" role="status" aria-live="polite">
            {status}
          </p>
          <button type="submit" className="primary" disabled={update.isPending}>
            Save organisation settings
          </button>
        </div>
      </form>
    </section>
  );
}
