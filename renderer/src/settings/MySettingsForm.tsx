/**
 * The person's own settings in the Settings dialog (everyone): which notifications become
 * desktop notifications, do-not-disturb, and the theme. Each choice is saved as it is made
 * (to the backend, so it follows the person; notification choices also to main's policy);
 * the theme applies at once through the one preferences store (see settings-queries.ts).
 */
import { useId, useState } from 'react';
import type { NotificationKind, Role } from '../../../shared/domain';
import type { MySettings } from '../../../shared/ipc/contract';
import { describeError } from '../bridge/bridge';
import { usePreferences, type ThemePreference } from '../stores/preferences-store';
import { useMySettings, useUpdateMySettings } from './settings-queries';

/** The notifications that concern each role, as people call them. */
const KINDS: Record<Role, { kind: NotificationKind; label: string }[]> = {
  ADMINISTRATOR: [
    { kind: 'ASSISTANCE_REQUESTED', label: 'An agent asks for help' },
    { kind: 'WAIT_WARNING', label: 'An enquiry is close to its wait limit' },
    { kind: 'ENQUIRY_MISSED', label: 'An enquiry is missed' },
    { kind: 'MONITORED_ENQUIRY_TAKEN_OVER', label: 'Someone takes over an enquiry you monitor' },
  ],
  AGENT: [
    { kind: 'ADMIN_JOINED', label: 'An administrator joins your enquiry' },
    { kind: 'TAKEN_OVER', label: 'An administrator takes over your enquiry' },
    { kind: 'ENQUIRY_TRANSFERRED', label: 'An enquiry is transferred to you or away from you' },
  ],
};

const THEMES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function MySettingsForm({ role }: { role: Role }) {
  const mine = useMySettings();
  const headingId = useId();
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Your settings</h3>
      <p className="muted settings-note">
        Only for you, on any computer you sign in on. Saved as you change them.
      </p>
      {mine.isPending ? (
        <p aria-busy="true">Loading your settings…</p>
      ) : mine.isError ? (
        <p className="form-error" role="alert">
          {describeError(mine.error)}
        </p>
      ) : (
        <MySettingsEditor saved={mine.data} role={role} />
      )}
    </section>
  );
}

function MySettingsEditor({ saved, role }: { saved: MySettings; role: Role }) {
  const update = useUpdateMySettings();
  const theme = usePreferences((state) => state.theme);
  const setTheme = usePreferences((state) => state.setTheme);
  const [status, setStatus] = useState('');
  const themeName = useId();
  const enabled = new Map(saved.notificationKinds.map((k) => [k.kind, k.enabled]));

  const save = (change: Parameters<typeof update.mutate>[0]) => {
    setStatus('Saving…');
    update.mutate(change, {
      onSuccess: () => setStatus('Your settings are saved.'),
      onError: (error) => setStatus(`Not saved: ${describeError(error)}`),
    });
  };

  return (
    <>
      <fieldset className="settings-group">
        <legend>Desktop notifications</legend>
        {KINDS[role].map(({ kind, label }) => (
          <label key={kind} className="setting-check">
            <input
              type="checkbox"
              checked={enabled.get(kind) ?? true}
              disabled={saved.doNotDisturb}
              onChange={(event) => save({ notificationKinds: [{ kind, enabled: event.target.checked }] })}
            />{' '}
            {label}
          </label>
        ))}
        <label className="setting-check">
          <input
            type="checkbox"
            checked={saved.doNotDisturb}
            onChange={(event) => save({ doNotDisturb: event.target.checked })}
          />{' '}
          Do not disturb
        </label>
        <p className="setting-hint muted">
          Do not disturb silences every desktop notification; toasts still show in the console.
        </p>
      </fieldset>
      <fieldset className="settings-group theme-choice">
        <legend>Theme</legend>
        {THEMES.map(({ value, label }) => (
          <label key={value} className="setting-radio">
            <input
              type="radio"
              name={themeName}
              value={value}
              checked={theme === value}
              onChange={() => setTheme(value)}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <p className="settings-status" role="status" aria-live="polite">
        {status}
      </p>
    </>
  );
}
