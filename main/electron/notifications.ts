/**
 * Native notifications for the alerts the core's notification policy raises. Clicking one
 * focuses the console and opens the enquiry's room.
 */
import { Notification } from 'electron';
import type { NativeAlert } from '../core/ports';

/** Shows `alert` as an OS notification; `onOpen` focuses the app and opens the room. */
export function showNativeAlert(alert: NativeAlert, onOpen: (enquiryId: string | null) => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({
    title: alert.title,
    body: alert.body,
    silent: false,
    urgency: 'normal',
  });
  notification.on('click', () => onOpen(alert.enquiryId));
  notification.show();
}
