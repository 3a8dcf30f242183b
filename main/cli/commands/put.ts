import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CofferError, NotFoundError } from '../../errors.js';
import { MAX_WALK_FILES, walkFolder, type SkippedEntry } from '../../pipeline/walk-folder.js';
import type { Command } from '../command.js';
import { exitCodeFor } from '../exit-codes.js';
import { ProgressBar } from '../progress-bar.js';
import { withVault } from '../unlock.js';

/** One file to put, with the folder to list it in. */
interface Put {
  path: string;
  name: string;
  folder: string;
  /** Found by walking a folder: a symbolic link in its place is refused. */
  walked: boolean;
}

export const putCommand: Command = {
  name: 'put',
  summary: 'encrypt files and folders into the vault; prints their new ids',
  usage: 'coffer put FILE|FOLDER...',
  help: `Encrypts each FILE into the vault, one after the other, under its base name, and prints each
new item's id on stdout as soon as that file is stored. A FOLDER puts every regular file under it,
in sorted order, each listed in the folder it was found in, starting with FOLDER's own name:
'coffer put ~/Trip' lists ~/Trip/day1/a.jpg as a.jpg in the folder Trip/day1 (see coffer ls).
On a terminal, stderr shows a progress bar per file (percent, bytes, speed, ETA).

Inside a FOLDER, symbolic links are never followed. They, named pipes, devices and sockets, what
cannot be read, and subfolders whose name or path cannot be an item's folder are left out, each
named on stderr with the reason; once everything else is stored, the exit code is that of the first
one left out (5 not a regular file, 8 permission denied, 2 an unusable folder name). OS litter
(.DS_Store, Thumbs.db, desktop.ini) is left out silently. Folders holding more than
${MAX_WALK_FILES.toLocaleString('en-US')} files in all store nothing: put fewer at a time.

Ctrl-C cancels the file in progress and removes whatever of it was stored (files already done stay)
and exits with 130. Every FILE and FOLDER is checked before the first one is read, so a typo stores
nothing.`,
  cancellable: true,
  positionals: { min: 1, max: Infinity },
  async run(ctx) {
    const { io } = ctx;
    const puts: Put[] = [];
    const skipped: SkippedEntry[] = [];
    for (const arg of ctx.positionals) {
      const path = resolve(io.cwd, arg);
      if (!(await isFolder(path))) {
        puts.push({ path, name: basename(path), folder: '', walked: false });
        continue;
      }
      const walk = await walkFolder(path, { counted: puts.length + skipped.length });
      skipped.push(...walk.skipped);
      puts.push(...walk.files.map((file) => ({ ...file, walked: true })));
    }
    for (const { path } of puts.filter((put) => !put.walked)) await assertRegularFile(path);
    for (const { error } of skipped) io.stderr.write(`coffer: ${error.message}\n`);
    return withVault(ctx, async (vault) => {
      for (const put of puts) {
        const label = put.folder ? `${put.folder}/${put.name}` : put.name;
        const bar = io.stderr.isTTY ? new ProgressBar(io.stderr, label) : undefined;
        let id: string;
        try {
          ({ id } = await vault.importFile(put.path, {
            signal: io.signal,
            folder: put.folder,
            refuseLink: put.walked,
            onProgress: bar && ((p) => bar.update(p)),
          }));
        } finally {
          // Off the bar's line before anything else is printed, the id included (stdout may share the terminal).
          bar?.end();
        }
        io.stdout.write(`${id}\n`);
      }
      const [first] = skipped;
      if (!first) return 0;
      io.stderr.write(`coffer: ${skipped.length} ${skipped.length === 1 ? 'entry was' : 'entries were'} left out (see above); everything else is stored\n`);
      return exitCodeFor(first.error.code);
    });
  },
};

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

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
