/**
 * The "Keyboard shortcuts" dialog ("?" opens it): every shortcut of the console, grouped by
 * where it works. The shared modal: Escape or "Close" closes it and focus goes back where
 * it was.
 */
import { Fragment, useId } from 'react';
import { create } from 'zustand';
import { Modal } from '../settings/Modal';
import { SHORTCUT_GROUPS } from './shortcuts';
import '../settings/settings.css';
import './shortcuts.css';

interface ShortcutsState {
  open: boolean;
  show(): void;
  close(): void;
}

/** Whether the dialog is open (zustand UI state). */
export const useShortcutsDialog = create<ShortcutsState>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  close: () => set({ open: false }),
}));

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

/** "Alt+ArrowLeft" as <kbd>Alt</kbd> + <kbd>←</kbd>. */
function Keys({ combo }: { combo: string }) {
  const parts = combo === '+' ? ['+'] : combo.split('+');
  return (
    <span className="shortcut-keys">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && ' + '}
          <kbd>{KEY_NAMES[part] ?? part}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/** Renders the dialog while it is open. */
export function ShortcutsDialog() {
  const open = useShortcutsDialog((state) => state.open);
  const close = useShortcutsDialog((state) => state.close);
  const idPrefix = useId();
  if (!open) return null;
  return (
    <Modal
      title="Keyboard shortcuts"
      subtitle="Letter keys never act while you type in a text field."
      className="shortcuts-dialog"
      onClose={close}
    >
      <div className="shortcut-groups">
        {SHORTCUT_GROUPS.map((group, groupIndex) => (
          <section key={group.title} className="shortcut-group" aria-labelledby={`${idPrefix}-${groupIndex}`}>
            <h3 id={`${idPrefix}-${groupIndex}`}>{group.title}</h3>
            <dl>
              {group.entries.map((entry) => (
                <div key={entry.what} className="shortcut-row">
                  <dt>
                    {entry.keys.map((combo, index) => (
                      <Fragment key={combo}>
                        {index > 0 && <span className="shortcut-or"> or </span>}
                        <Keys combo={combo} />
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{entry.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
