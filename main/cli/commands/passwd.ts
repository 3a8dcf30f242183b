import { CofferError } from '../../errors.js';
import type { Command } from '../command.js';
import { askPassphrase } from '../passphrase.js';
import { withVault } from '../unlock.js';

export const passwdCommand: Command = {
  name: 'passwd',
  summary: 'change the passphrase (re-encrypts nothing)',
  usage: 'coffer passwd',
  help: `Changes the vault's passphrase. Asks for the current one (or takes COFFER_PASSPHRASE), then the
new one twice (or takes COFFER_NEW_PASSPHRASE). Only the key slot in the vault config is rewritten:
the master key, and so all content, stays as it is. The old passphrase stops working.`,
  positionals: { min: 0, max: 0 },
  run: (ctx) =>
    withVault(ctx, async (vault, current) => {
      // Asked only once the current passphrase has proven itself, so a typo there costs one prompt.
      const next = await askPassphrase(ctx.io, { envVar: 'COFFER_NEW_PASSPHRASE', prompt: 'New passphrase: ', confirm: true });
      if (next === '') throw new CofferError('INVALID_ARGUMENT', 'the passphrase must not be empty');
      await vault.changePassphrase(current, next);
      ctx.io.stderr.write('passphrase changed\n');
      return 0;
    }),
};
