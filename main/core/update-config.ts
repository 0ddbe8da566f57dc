/**
 * Where the installed app's updates come from, per installation, without rebuilding.
 *
 * The feed URL, first that is set and valid wins:
 *  1. the IT policy file (machine-wide, writable only by administrators:
 *     {@link updatePolicyFilePath}), `{ "updateFeedUrl": "https://…", "updateChannel": "stable" }`;
 *  2. the environment variable SUPERVISOR_UPDATE_FEED_URL (one launch, a deployment script);
 *  3. settings.json's `updateFeedUrl` (the user's own file).
 * The policy file comes first because a user can change the other two and an IT department
 * chooses the server. Each URL must be https (http only to this computer); one that is not
 * is logged and ignored, and the next source is used. No feed at all: updates are
 * 'unavailable', with the reason.
 *
 * The channel: the policy file's `updateChannel` when it sets one (the menu's choice is then
 * locked, and says why), else the app's setting (the menu's Update Channel), else stable.
 */
import { posix, win32 } from 'node:path';
import type { UpdateChannel } from '../../shared/ipc/contract';
import { serviceUrlProblem } from './service-url';
import type { FeedChoice, FeedSource } from './updater-port';

export const UPDATE_FEED_ENV = 'SUPERVISOR_UPDATE_FEED_URL';

/** The IT policy file's name, in the machine-wide folder of each OS. */
export const UPDATE_POLICY_FILE = 'update-policy.json';

/**
 * Where an IT department drops the update policy file:
 * - Windows: %ProgramData%\Supervisor Console\update-policy.json
 * - macOS: /Library/Application Support/Supervisor Console/update-policy.json
 * - Linux: /etc/supervisor-console/update-policy.json
 */
export function updatePolicyFilePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') {
    return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Supervisor Console', UPDATE_POLICY_FILE);
  }
  if (platform === 'darwin') {
    return posix.join('/Library/Application Support/Supervisor Console', UPDATE_POLICY_FILE);
  }
  return posix.join('/etc/supervisor-console', UPDATE_POLICY_FILE);
}

/** What the installation says, before it is checked. */
export interface UpdateConfigInput {
  /** The policy file: its path, and its text (null when there is none). */
  policyFile: { path: string; text: string | null };
  env: NodeJS.ProcessEnv;
  /** settings.json's values (unchecked). */
  settings: { updateFeedUrl?: unknown; updateChannel?: unknown };
  /** One line per value refused (never the value's query, which may hold a token). */
  log(line: string): void;
}

export interface UpdateConfig {
  feed: FeedChoice;
  channel: UpdateChannel;
  /** Set when the policy file fixes the channel: the menu cannot change it. */
  channelLockedBy: string | null;
}

const NO_FEED =
  'No update feed is configured: set updateFeedUrl in settings.json, the SUPERVISOR_UPDATE_FEED_URL environment variable, or ask your IT department for an update policy file.';

/** Reads the policy file's fields; a broken file is logged and read as empty. */
function readPolicyFile(
  file: UpdateConfigInput['policyFile'],
  log: (line: string) => void,
): { updateFeedUrl?: unknown; updateChannel?: unknown } {
  if (file.text === null) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch {
    log(`update: the policy file ${file.path} is not JSON: it is not used.`);
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    log(`update: the policy file ${file.path} is not a JSON object: it is not used.`);
    return {};
  }
  const record = raw as Record<string, unknown>;
  return { updateFeedUrl: record['updateFeedUrl'], updateChannel: record['updateChannel'] };
}

function isChannel(value: unknown): value is UpdateChannel {
  return value === 'stable' || value === 'beta';
}

/** Chooses the feed and the channel (see the module's comment for the order). */
export function resolveUpdateConfig(input: UpdateConfigInput): UpdateConfig {
  const policy = readPolicyFile(input.policyFile, input.log);
  const candidates: Array<{ value: unknown; source: FeedSource; where: string }> = [
    {
      value: policy.updateFeedUrl,
      source: 'policy file',
      where: `updateFeedUrl in ${input.policyFile.path}`,
    },
    { value: input.env[UPDATE_FEED_ENV], source: 'SUPERVISOR_UPDATE_FEED_URL', where: UPDATE_FEED_ENV },
    { value: input.settings.updateFeedUrl, source: 'settings', where: 'updateFeedUrl in settings.json' },
  ];
  let feed: FeedChoice = { url: null, reason: NO_FEED };
  for (const candidate of candidates) {
    if (candidate.value === undefined || candidate.value === '') continue;
    const problem = serviceUrlProblem(candidate.value);
    if (problem) {
      input.log(`update: ${candidate.where} is not used: ${problem}.`);
      continue;
    }
    feed = { url: candidate.value as string, source: candidate.source };
    break;
  }

  let channel: UpdateChannel = 'stable';
  let channelLockedBy: string | null = null;
  if (policy.updateChannel !== undefined && !isChannel(policy.updateChannel)) {
    input.log(
      `update: updateChannel in ${input.policyFile.path} is not used: it must be "stable" or "beta".`,
    );
  }
  if (isChannel(policy.updateChannel)) {
    channel = policy.updateChannel;
    channelLockedBy = `Set by your IT department (${input.policyFile.path}).`;
  } else if (isChannel(input.settings.updateChannel)) {
    channel = input.settings.updateChannel;
  }
  return { feed, channel, channelLockedBy };
}
