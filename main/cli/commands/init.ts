import { CofferError } from '../../errors.js';
import { assertEmptyLocation } from '../../vault/empty-location.js';
import { createVault } from '../../vault/open-vault.js';
import { storeForLocation } from '../../vault/store-for-location.js';
import type { Command } from '../command.js';
import { askPassphrase, willPrompt } from '../passphrase.js';
import { rememberSettings, settingsFile } from '../remembered-settings.js';
import { kdfForTests } from '../test-kdf.js';
import { cacheDir, configDir } from '../user-dirs.js';
import { hasVault } from '../vault-presence.js';
import { resolveLocation } from '../vault-location.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'create a vault',
  usage: 'coffer init --vault <dir | s3://bucket/prefix> [--endpoint URL] [--region R] [--path-style]',
  help: `Creates an empty vault in a folder (made if missing) or under a bucket prefix. Asks for the new
passphrase twice, or takes COFFER_PASSPHRASE. Refuses, before asking, if a vault is already there,
or if the folder or prefix holds anything else (exit 4): a vault needs one of its own, so make a new
subfolder or prefix for it. Files the OS leaves in folders (.DS_Store, Thumbs.db, desktop.ini) are
allowed. The passphrase needs at least 10 characters and must not be easy to guess (common
passwords, names, keyboard patterns, repeats); a weak one is refused with the reason, exit 2, before
anything is made.

For an s3:// vault, the endpoint, region and path style in effect are remembered for that vault URL
in the config folder, so later commands need only --vault or COFFER_VAULT. Credentials are never
written anywhere.`,
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { io } = ctx;
    const { target, settings, location } = await resolveLocation(ctx, io, ctx.usage);
    const store = storeForLocation(location);
    // createVault refuses too, but only once the passphrase has been typed twice.
    if (willPrompt(io, 'COFFER_PASSPHRASE')) {
      if (await hasVault(store, location)) throw new CofferError('VAULT_EXISTS', `a Coffer vault already exists at ${store.location}`);
      await assertEmptyLocation(location, store);
    }
    const passphrase = await askPassphrase(io, { envVar: 'COFFER_PASSPHRASE', prompt: 'New passphrase: ', confirm: true });
    const vault = await createVault(location, passphrase, { cacheDir: cacheDir(io.env), store, kdf: kdfForTests(io.env) });
    vault.lock();
    io.stderr.write(`created a vault at ${vault.location}\n`);
    if (target.kind === 's3' && Object.keys(settings).length > 0) {
      const dir = configDir(io.env);
      await rememberSettings(dir, target.url, settings);
      io.stderr.write(`remembered its S3 settings in ${settingsFile(dir)}\n`);
    }
    return 0;
  },
};
