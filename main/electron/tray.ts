/**
 * The tray icon with the count of unseen alerts (tooltip and title; the dock / launcher
 * badge where the platform has one). Clicking it brings the console forward.
 */
import { app, Menu, nativeImage, Tray } from 'electron';

/** A 16×16 console glyph, so the tray needs no image file. */
const ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAMElEQVR4nGOQz3/NQAmmSDPVDfhPIqadAYScPWoAPWKBbANwGUZWUqbYALLyAlkYAGQzwsap0JasAAAAAElFTkSuQmCC';

export interface AlertTray {
  setAlertCount(count: number): void;
  destroy(): void;
}

/** Creates the tray icon; `onShow` brings the console window forward. */
export function createAlertTray(onShow: () => void, onSignOut: () => void): AlertTray {
  const tray = new Tray(nativeImage.createFromDataURL(ICON_DATA_URL));
  tray.setToolTip('Supervisor Console');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Supervisor Console', click: onShow },
      { label: 'Sign out', click: onSignOut },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ]),
  );
  tray.on('click', onShow);
  return {
    setAlertCount(count) {
      tray.setToolTip(
        count > 0
          ? `Supervisor Console — ${count} unseen alert${count === 1 ? '' : 's'}`
          : 'Supervisor Console',
      );
      if (process.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
      app.setBadgeCount(count);
    },
    destroy() {
      tray.destroy();
    },
  };
}
