/**
 * The console's keyboard shortcuts, named once: the "Keyboard shortcuts" dialog lists them,
 * room action buttons announce theirs (aria-keyshortcuts), and useWorkspaceKeys acts on them.
 */

/** A room action's shortcut, by the action's name (the button's or menu item's label). */
export const ROOM_ACTION_SHORTCUTS: Readonly<Record<string, string>> = {
  Join: 'Alt+J',
  'Take over': 'Alt+T',
};

/** The shortcut of a room action, if it has one (for aria-keyshortcuts). */
export function roomActionShortcut(label: string): string | undefined {
  return ROOM_ACTION_SHORTCUTS[label];
}

/**
 * Sent to a room pane when a room action's shortcut is pressed and no button in it carries
 * that shortcut (the action sits in a closed menu): the menu acts as if the item was chosen.
 */
export const ROOM_SHORTCUT_EVENT = 'room-action-shortcut';

export interface ShortcutEntry {
  /** Keys pressed together, one entry per alternative ("Alt+J"; "Shift+F6"). */
  keys: readonly string[];
  what: string;
}

export interface ShortcutGroup {
  title: string;
  entries: readonly ShortcutEntry[];
}

/** Everything the dialog lists, grouped by where it works. */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere (not while typing)',
    entries: [
      { keys: ['?'], what: 'Show these keyboard shortcuts' },
      { keys: ['/'], what: 'Search the board (visitor or subject)' },
    ],
  },
  {
    title: 'Moving around',
    entries: [
      { keys: ['F6', 'Shift+F6'], what: 'Next / previous area: the board, then each room' },
      { keys: ['Alt+ArrowLeft', 'Alt+ArrowRight'], what: 'Previous / next room' },
      { keys: ['Alt+1 … 9'], what: 'Go to the first … ninth room' },
    ],
  },
  {
    title: 'On the board',
    entries: [
      { keys: ['Tab', 'Shift+Tab'], what: 'Next / previous column (one stop per column)' },
      { keys: ['ArrowUp', 'ArrowDown'], what: 'Previous / next enquiry in the column' },
      { keys: ['Home', 'End'], what: 'First / last enquiry in the column' },
      { keys: ['PageUp', 'PageDown'], what: 'Five enquiries up / down' },
      { keys: ['ArrowLeft', 'ArrowRight'], what: 'Previous / next column' },
      { keys: ['Enter'], what: "Open the enquiry's room" },
    ],
  },
  {
    title: 'In the focused room (not while typing)',
    entries: [
      { keys: [ROOM_ACTION_SHORTCUTS.Join!], what: 'Join (asks you to confirm)' },
      { keys: [ROOM_ACTION_SHORTCUTS['Take over']!], what: 'Take over (asks you to confirm)' },
      { keys: ['Alt+W'], what: 'Close the room' },
    ],
  },
  {
    title: 'Dialogs and menus',
    entries: [{ keys: ['Escape'], what: 'Close, and go back where you were' }],
  },
];
