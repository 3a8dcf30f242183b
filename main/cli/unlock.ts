import { CofferError } from '../errors.js';
import { openVault } from '../vault/open-vault.js';
import { storeForLocation } from '../vault/store-for-location.js';
import type { VaultSession } from '../vault/vault-session.js';
import type { CommandContext } from './command.js';
import { askPassphrase, willPrompt } from './passphrase.js';
import { kdfForTests } from './test-kdf.js';
import { cacheDir } from './user-dirs.js';
import { hasVault } from './vault-presence.js';
import { resolveLocation } from './vault-location.js';

/**
 * Finds and unlocks the vault (passphrase from COFFER_PASSPHRASE or the terminal), runs `use`, and
 * locks it again however `use` ends, so the master key is zeroed before the process exits.
 */
export async function withVault<T>(ctx: CommandContext, use: (vault: VaultSession, passphrase: string) => Promise<T>): Promise<T> {
  const { location } = await resolveLocation(ctx, ctx.io, ctx.usage);
  const store = storeForLocation(location);
  if (willPrompt(ctx.io, 'COFFER_PASSPHRASE') && !(await hasVault(store, location))) {
    throw new CofferError('NOT_A_VAULT', `no Coffer vault at ${store.location}`);
  }
  const passphrase = await askPassphrase(ctx.io, { envVar: 'COFFER_PASSPHRASE', prompt: 'Passphrase: ' });
  const vault = await openVault(location, passphrase, { cacheDir: cacheDir(ctx.io.env), store, kdf: kdfForTests(ctx.io.env) });
  try {
    return await use(vault, passphrase);
  } finally {
    vault.lock();
  }
}
