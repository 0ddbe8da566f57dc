/**
 * The application menu with its keyboard shortcuts.
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  signOut(): void;
  toggleDoNotDisturb(): void;
  showConsole(): void;
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
    { role: 'help', submenu: [{ label: `Supervisor Console ${app.getVersion()}`, enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
