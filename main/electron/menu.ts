/**
 * The application menu with its keyboard shortcuts, the update items ("Check for
 * Updates…", the Update Channel) and "Open Log Folder". Installed again when what it shows
 * changes (the channel).
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { UpdateChannel } from '../../shared/ipc/contract';

/** What the menu shows of the app's updates, and does with them. */
export interface UpdateMenu {
  channel: UpdateChannel;
  /** Why the channel cannot be changed (the IT policy file), or null. */
  channelLockedBy: string | null;
  /** What the channel means for this version (a beta on stable), or null. */
  channelNote: string | null;
  check(): void;
  setChannel(channel: UpdateChannel): void;
}

export interface MenuActions {
  signOut(): void;
  toggleDoNotDisturb(): void;
  showConsole(): void;
  /** Opens the folder of the app's log file. */
  openLogFolder(): void;
  updates: UpdateMenu;
}

function updateItems(updates: UpdateMenu): MenuItemConstructorOptions[] {
  const channelItem = (channel: UpdateChannel, label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: updates.channel === channel,
    enabled: !updates.channelLockedBy,
    click: () => updates.setChannel(channel),
  });
  const notes = [updates.channelLockedBy, updates.channelNote].filter((note): note is string => !!note);
  return [
    { label: 'Check for Updates…', click: updates.check },
    {
      label: 'Update Channel',
      submenu: [
        channelItem('stable', 'Stable'),
        channelItem('beta', 'Beta'),
        ...(notes.length ? [{ type: 'separator' as const }] : []),
        ...notes.map((note) => ({ label: note, enabled: false })),
      ],
    },
  ];
}

/** Installs the app menu. */
export function installAppMenu(actions: MenuActions, isDev: boolean): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Sign Out', accelerator: 'CmdOrCtrl+Shift+Q', click: actions.signOut },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Show Enquiry Overview', accelerator: 'CmdOrCtrl+0', click: actions.showConsole },
        { label: 'Do Not Disturb', accelerator: 'CmdOrCtrl+Shift+D', click: actions.toggleDoNotDisturb },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...updateItems(actions.updates),
        { type: 'separator' },
        { label: 'Open Log Folder', click: actions.openLogFolder },
        { type: 'separator' },
        { label: `Supervisor Console ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
