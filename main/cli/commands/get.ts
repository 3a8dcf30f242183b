import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CofferError } from '../../errors.js';
import type { Command } from '../command.js';
import { withVault } from '../unlock.js';

export const getCommand: Command = {
  name: 'get',
  summary: 'export an item to a file',
  usage: 'coffer get <id|name> OUT',
  help: `Decrypts an item to the file OUT, or to a file named after the item inside OUT when OUT is a
folder. The export goes through a temp file beside OUT that is renamed only when every chunk has
been authenticated, so OUT never holds a partial or unauthenticated export. An existing OUT is
replaced.`,
  cancellable: true,
  positionals: { min: 2, max: 2 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const [ref, out] = ctx.positionals as [string, string];
      const item = await vault.resolve(ref);
      let target = resolve(ctx.io.cwd, out);
      if (await isDirectory(target)) target = join(target, asFileName(item.name));
      await vault.exportTo(item.id, target, { signal: ctx.io.signal });
      return 0;
    }),
};

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    // Missing (the usual case for a new file) or unreadable: the export reports what is wrong.
    return false;
  }
}

/** An item's name used as a file name; names may be anything a rename allows, paths included. */
function asFileName(name: string): string {
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    throw new CofferError('INVALID_ARGUMENT', `the item's name "${name}" is not a file name: give the output file's full path`);
  }
  return name;
}
