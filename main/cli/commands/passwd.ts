import type { Command } from '../command.js';
import { askPassphrase } from '../passphrase.js';
import { withVault } from '../unlock.js';

const PASSWD_DONE = `passphrase changed
note: the old passphrase still opens any old copy of the vault config (versioned buckets, backups,
sync history), and with it all content; run 'coffer rekey' to replace the master key as well
`;

export const passwdCommand: Command = {
  name: 'passwd',
  summary: 'change the passphrase (re-encrypts nothing)',
  usage: 'coffer passwd',
  help: `Changes the vault's passphrase. Asks for the current one (or takes COFFER_PASSPHRASE), then the
new one twice (or takes COFFER_NEW_PASSPHRASE; the same rule as for init). Only the key slot in the
vault config is rewritten: the master key, and so all content, stays as it is.

The old passphrase stops opening this config, but it still opens any old copy of it (a versioned
bucket, a backup, a sync service's history), and that copy's master key still decrypts everything.
If the old passphrase may be known to someone, run 'coffer rekey' too: it replaces the master key.

Exits 10, writing nothing, if the vault config changed elsewhere since it was read.`,
  positionals: { min: 0, max: 0 },
  run: (ctx) =>
    withVault(ctx, async (vault, current) => {
      // Asked only once the current passphrase has proven itself, so a typo there costs one prompt.
      const next = await askPassphrase(ctx.io, { envVar: 'COFFER_NEW_PASSPHRASE', prompt: 'New passphrase: ', confirm: true });
      await vault.changePassphrase(current, next);
      ctx.io.stderr.write(PASSWD_DONE);
      return 0;
    }),
};
