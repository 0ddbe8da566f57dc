/** The host (Electron preload or the browser host's bridge.js) provides this before our scripts run. */
import type { SupervisorApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    supervisor: SupervisorApi;
  }
}

export {};
