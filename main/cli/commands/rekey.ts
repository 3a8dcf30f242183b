import type { Command } from '../command.js';
import { askPassphrase } from '../passphrase.js';
import { withVault } from '../unlock.js';

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: 'replace the master key, re-encrypting every item (resumable)',
  usage: 'coffer rekey',
  help: `Replaces the vault's master key with a new one and re-encrypts every item under it, so that an
old copy of the vault config (a versioned bucket, a backup, a sync service's history) and the old
passphrase that opens it decrypt nothing that is stored afterwards. Use it after 'coffer passwd'
when the old passphrase may be known to someone, or when the master key itself may have leaked.

Asks for the current passphrase (or takes COFFER_PASSPHRASE), then a new one twice (or takes
COFFER_NEW_PASSPHRASE; it may be the current one if that is still secret, and must pass the same
rule as for init). The new master key is stored behind that passphrase alone: any other key slot
goes.

Each item is re-encrypted as a new item with a new id: uploaded, read back in full and compared,
and only then is the original deleted. For each item, stdout gets one line "OLD-ID NEW-ID" as soon
as it is done. Needs room for the largest item twice over while it is copied.

Ctrl-C stops (exit 130); so may a crash or a lost connection. Run 'coffer rekey' again, with the new
passphrase, to continue where it stopped: it asks for no new passphrase then. Until it finishes the
vault opens as usual and lists every item once; the previous key stays in the config, under the new
one, for reading what is not re-encrypted yet.

Other devices that have the vault open keep the old config: they cannot read re-encrypted items
until they unlock again, and a config write of theirs fails (exit 10). An item that fails to read
stops the rekey (exit 6): 'coffer verify' names it; remove it and run again.`,
  cancellable: true,
  positionals: { min: 0, max: 0 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const { io } = ctx;
      const resuming = vault.rekeyInProgress;
      const newPassphrase = resuming ? undefined : await askPassphrase(io, { envVar: 'COFFER_NEW_PASSPHRASE', prompt: 'New passphrase: ', confirm: true });
      if (resuming) io.stderr.write('continuing the rekey begun earlier\n');
      const result = await vault.rekey({ newPassphrase, signal: io.signal, onItem: ({ from, to }) => io.stdout.write(`${from} ${to}\n`) });
      if (result.unreadable > 0) {
        io.stderr.write(`warning: ${result.unreadable} item(s) have metadata that opens under no key; 'coffer verify' lists them\n`);
      }
      if (!result.finished) {
        io.stderr.write(`${result.remaining} item(s) were added under the old key while this ran; run 'coffer rekey' again\n`);
        return 0;
      }
      io.stderr.write(`rekey done: ${result.reencrypted} item(s) re-encrypted; the old master key is gone from the vault config\n`);
      return 0;
    }),
};
