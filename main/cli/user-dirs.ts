import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the CLI remembers S3 settings per vault: `COFFER_CONFIG_DIR`, else `$XDG_CONFIG_HOME/coffer`,
 * else `~/.config/coffer`. Nothing secret is kept there.
 */
export function configDir(env: NodeJS.ProcessEnv): string {
  return env.COFFER_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'coffer');
}

/**
 * Where the CLI caches sealed item metadata: `COFFER_CACHE_DIR`, else `$XDG_CACHE_HOME/coffer`, else
 * `~/.cache/coffer`. It holds ciphertext only and may be deleted at any time; deleting it also
forgets which items and revisions this device has seen, so the next open starts that record afresh.
 */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  return env.COFFER_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'coffer');
}
