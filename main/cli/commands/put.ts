import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CofferError, NotFoundError } from '../../errors.js';
import type { Command } from '../command.js';
import { ProgressBar } from '../progress-bar.js';
import { withVault } from '../unlock.js';

export const putCommand: Command = {
  name: 'put',
  summary: 'encrypt files into the vault; prints their new ids',
  usage: 'coffer put FILE...',
  help: `Encrypts each FILE into the vault, one after the other, under its base name, and prints each
new item's id on stdout as soon as that file is stored. On a terminal, stderr shows a progress bar
per file (percent, bytes, speed, ETA).

Ctrl-C cancels the file in progress and removes whatever of it was stored (files already done stay)
and exits with 130. Every FILE is checked before the first one is read, so a typo stores nothing.`,
  cancellable: true,
  positionals: { min: 1, max: Infinity },
  async run(ctx) {
    const { io } = ctx;
    const files = ctx.positionals.map((file) => resolve(io.cwd, file));
    for (const file of files) await assertRegularFile(file);
    return withVault(ctx, async (vault) => {
      for (const file of files) {
        const bar = io.stderr.isTTY ? new ProgressBar(io.stderr, basename(file)) : undefined;
        let id: string;
        try {
          ({ id } = await vault.importFile(file, { signal: io.signal, onProgress: bar && ((p) => bar.update(p)) }));
        } finally {
          // Off the bar's line before anything else is printed, the id included (stdout may share the terminal).
          bar?.end();
        }
        io.stdout.write(`${id}\n`);
      }
      return 0;
    });
  },
};

async function assertRegularFile(file: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`file ${file}`);
    throw new CofferError('INVALID_ARGUMENT', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (!isFile) throw new CofferError('INVALID_ARGUMENT', `${file} is not a regular file`);
}
