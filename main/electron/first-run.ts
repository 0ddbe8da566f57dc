/**
 * Which enquiry backend the desktop app uses, decided without Electron so it can be tested.
 *
 * A fresh install knows no credentials: the embedded backend seeds the demo world (whose
 * accounts share a published password) only when asked — `--demo` on the command line
 * (`npm start` passes it), or the first-run choice, remembered in settings.json as
 * `embeddedDemo`. With neither, and no backend configured, the app asks once: open the demo
 * world, or quit and set `backendUrl` to the organisation's enquiry backend, whose
 * administrators sign in with the accounts that backend provisions.
 */

/** The command-line flag that asks for the demo world. */
export const DEMO_FLAG = '--demo';

export type BackendPlan =
  /** A configured backend (settings.json `backendUrl` or SUPERVISOR_BACKEND_URL). */
  | { kind: 'configured'; url: string }
  /** The embedded backend with the demo world, asked for by `--demo` or the first-run choice. */
  | { kind: 'embedded-demo'; askedBy: 'flag' | 'setting' }
  /** Nothing configured and no demo asked for: ask the person (see {@link FIRST_RUN_CHOICE}). */
  | { kind: 'ask' };

export interface BackendPlanInput {
  /** process.argv of the app. */
  argv: readonly string[];
  /** The configured backend URL, already checked (SettingsFile.backendUrl). */
  configuredUrl: string | null;
  /** settings.json's `embeddedDemo`. */
  embeddedDemo: boolean | undefined;
}

/** Decides the backend: a configured one first, then the demo if asked for, else ask. */
export function planBackend(input: BackendPlanInput): BackendPlan {
  if (input.configuredUrl) return { kind: 'configured', url: input.configuredUrl };
  if (input.argv.includes(DEMO_FLAG)) return { kind: 'embedded-demo', askedBy: 'flag' };
  if (input.embeddedDemo === true) return { kind: 'embedded-demo', askedBy: 'setting' };
  return { kind: 'ask' };
}

/** The one line the app logs (and shows) when it has no backend and no demo was asked for. */
export function firstRunLine(settingsPath: string): string {
  return (
    `No enquiry backend is configured: set "backendUrl" in ${settingsPath} to your organisation's ` +
    `enquiry backend (https://…/graphql) and sign in with the account it gave you, or start with ` +
    `${DEMO_FLAG} to try the demo world.`
  );
}

/** The first-run dialog: its buttons, in order, and what each answer means. */
export const FIRST_RUN_CHOICE = {
  title: 'Supervisor Console',
  message: 'No enquiry backend is configured.',
  buttons: ['Open the demo world', 'Quit'] as const,
  /** Index of the button that opens the demo world; any other answer quits. */
  demoButton: 0,
  cancelButton: 1,
  detail(settingsPath: string): string {
    return (
      `${firstRunLine(settingsPath)}\n\nThe demo world is a sample contact centre on this ` +
      `computer. Its accounts share a published password, so anyone using this computer can ` +
      `sign in to it.`
    );
  },
} as const;

/** What the first-run answer (the index of the button pressed) means. */
export function firstRunAnswer(response: number): 'demo' | 'quit' {
  return response === FIRST_RUN_CHOICE.demoButton ? 'demo' : 'quit';
}

/** What the embedded backend's utilityProcess starts (backend-process.ts), from its arguments. */
export function embeddedBackendOptions(argv: readonly string[]): {
  port: 0;
  host: '127.0.0.1';
  dataDir: string | undefined;
  demo: boolean;
  simulator: boolean;
  quiet: true;
} {
  const flag = argv.indexOf('--data-dir');
  const dataDir = flag >= 0 ? argv[flag + 1] : undefined;
  const demo = argv.includes(DEMO_FLAG);
  return { port: 0, host: '127.0.0.1', dataDir, demo, simulator: demo, quiet: true };
}
