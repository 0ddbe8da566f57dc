import { defaultDataDir, type ResolvedBackendOptions } from './options';
import { reachRedis } from './pubsub/redis';
import { checkPortFree } from './startup-error';
import { checkDataDir } from './storage/data-dir';
import { reachDatabase } from './storage/postgres';

/**
 * Checks what start-up needs from outside, cheapest first, each failing with one line that
 * names the option and what to do (a StartupError): the address and port, Redis, PostgreSQL
 * (creating a database the URL names that does not exist yet) or the embedded store's folder.
 * startBackend runs it before it opens anything; the CLI runs it before it loads the backend
 * (~1 s of CPU), so a mistake is answered at once. Both are cheap to repeat.
 */
export async function preflight(
  options: Pick<
    ResolvedBackendOptions,
    'host' | 'port' | 'redisUrl' | 'databaseUrl' | 'inMemory' | 'dataDir'
  >,
  log?: (message: string) => void,
): Promise<void> {
  await checkPortFree(options.host, options.port);
  if (options.redisUrl) await reachRedis(options.redisUrl);
  if (options.databaseUrl) await reachDatabase(options.databaseUrl, log);
  else if (!options.inMemory) checkDataDir(options.dataDir ?? defaultDataDir());
}
