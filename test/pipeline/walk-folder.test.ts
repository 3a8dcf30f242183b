/**
 * Walking a folder the user dropped or picked: what it lists, in which folder, in which order, and
 * what it leaves out and why ([Note: Folder walk]). Real folders in the OS temp dir.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_WALK_FILES, walkFolder, type FolderWalk } from '../../main/pipeline/walk-folder.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

const unix = process.platform !== 'win32';

/** Creates `files` (relative paths; a trailing '/' makes a folder) under a new folder `root/<name>`. */
async function tree(name: string, files: string[]): Promise<{ base: string; root: string }> {
  const base = await makeTempDir('coffer-walk');
  const root = join(base, name);
  await mkdir(root);
  for (const file of files) {
    await mkdir(join(root, file, file.endsWith('/') ? '' : '..'), { recursive: true });
    if (!file.endsWith('/')) await writeFile(join(root, file), file);
  }
  return { base, root };
}

const listed = (walk: FolderWalk) => walk.files.map((f) => [f.folder, f.name]);
const skipped = (walk: FolderWalk) => walk.skipped.map((s) => [s.folder, s.name, s.kind, s.error.code]);

describe('walking a folder', () => {
  it("lists every regular file under it, depth first in sorted order, in the folder's own name joined with its subfolder", async () => {
    const { root } = await tree('Trip', ['b.jpg', 'a.jpg', 'day2/c.jpg', 'day1/x.jpg', 'day1/sub/y.jpg', '.notes.txt', 'empty/', 'Z.jpg']);
    const walk = await walkFolder(root);
    expect(listed(walk)).toEqual([
      ['Trip', '.notes.txt'],
      ['Trip', 'Z.jpg'],
      ['Trip', 'a.jpg'],
      ['Trip', 'b.jpg'],
      ['Trip/day1/sub', 'y.jpg'],
      ['Trip/day1', 'x.jpg'],
      ['Trip/day2', 'c.jpg'],
    ]);
    expect(walk.files[4]!.path).toBe(join(root, 'day1', 'sub', 'y.jpg'));
    expect(walk.skipped).toEqual([]);
  });

  it('leaves out what the OS drops into folders (.DS_Store, Thumbs.db, desktop.ini) without reporting it', async () => {
    const { root } = await tree('Photos', ['.DS_Store', 'sub/Thumbs.db', 'sub/DESKTOP.INI', 'kept.png']);
    const walk = await walkFolder(root);
    expect(listed(walk)).toEqual([['Photos', 'kept.png']]);
    expect(walk.skipped).toEqual([]);
  });

  it.runIf(unix)('never follows a symbolic link, to a file or a folder, inside the folder or out of it, and reports each', async () => {
    const { base, root } = await tree('Trip', ['real.jpg', 'day1/inner.jpg']);
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', 'private.key'), 'not for the vault');
    await symlink(join(base, 'outside'), join(root, 'escape'));
    await symlink(join(base, 'outside', 'private.key'), join(root, 'key-link'));
    await symlink('real.jpg', join(root, 'same-folder-link.jpg'));
    await symlink('..', join(root, 'day1', 'up'));
    const walk = await walkFolder(root);
    expect(listed(walk)).toEqual([['Trip/day1', 'inner.jpg'], ['Trip', 'real.jpg']]);
    expect(skipped(walk)).toEqual([
      ['Trip/day1', 'up', 'file', 'NOT_A_FILE'],
      ['Trip', 'escape', 'file', 'NOT_A_FILE'],
      ['Trip', 'key-link', 'file', 'NOT_A_FILE'],
      ['Trip', 'same-folder-link.jpg', 'file', 'NOT_A_FILE'],
    ]);
    expect(walk.skipped[1]!.error.message).toBe(`${join(root, 'escape')} is a symbolic link (links inside a folder are not followed), not a regular file; it was left out`);
  });

  it.runIf(unix)('leaves out a named pipe with NOT_A_FILE naming it', async () => {
    const { root } = await tree('Music', ['song.flac']);
    execFileSync('mkfifo', [join(root, 'pipe')]);
    const walk = await walkFolder(root);
    expect(listed(walk)).toEqual([['Music', 'song.flac']]);
    expect(walk.skipped).toMatchObject([{ name: 'pipe', folder: 'Music', error: { code: 'NOT_A_FILE', message: expect.stringContaining(`${join(root, 'pipe')} is a named pipe`) } }]);
  });

  it.runIf(process.platform === 'linux')('leaves out, with INVALID_ARGUMENT, a subfolder whose name or path cannot be an item folder, and nothing it holds', async () => {
    const long = (c: string) => c.repeat(255);
    const { root } = await tree('Trip', ['bad\nname/hidden.jpg', `${long('a')}/${long('b')}/${long('c')}/kept.jpg`, `${long('a')}/${long('b')}/${long('c')}/${long('d')}/lost.jpg`]);
    const walk = await walkFolder(root);
    expect(listed(walk)).toEqual([[`Trip/${long('a')}/${long('b')}/${long('c')}`, 'kept.jpg']]);
    expect(walk.skipped).toMatchObject([
      { name: long('d'), folder: `Trip/${long('a')}/${long('b')}/${long('c')}`, kind: 'folder', error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('is longer than 1024 characters') } },
      { name: 'bad\nname', folder: 'Trip', kind: 'folder', error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('contains a control character') } },
    ]);
  });

  it.runIf(unix)('leaves out a folder and a file it may not read with ACCESS_DENIED naming each, and lists the rest', async () => {
    const { base, root } = await tree('Shared', ['open.txt', 'secret.txt', 'locked/inside.txt']);
    await chmod(base, 0o755);
    await chmod(join(root, 'secret.txt'), 0o000);
    await chmod(join(root, 'locked'), 0o000);
    try {
      const walk = await walkAsOrdinaryUser(root);
      expect(walk.files.map((f) => [f.folder, f.name])).toEqual([['Shared', 'open.txt']]);
      expect(walk.skipped).toEqual([
        { folder: 'Shared', name: 'locked', kind: 'folder', code: 'ACCESS_DENIED', message: expect.stringContaining(`cannot read the folder ${join(root, 'locked')}: permission denied`) },
        { folder: 'Shared', name: 'secret.txt', kind: 'file', code: 'ACCESS_DENIED', message: expect.stringContaining(`cannot read the file ${join(root, 'secret.txt')}: permission denied`) },
      ]);
    } finally {
      await chmod(join(root, 'locked'), 0o755);
    }
  });

  it('refuses more files than the limit with INVALID_ARGUMENT, counting what the same import took elsewhere', async () => {
    const { root } = await tree('Many', ['1', '2', '3', 'sub/4']);
    await expect(walkFolder(root, { limit: 4 })).resolves.toMatchObject({ files: { length: 4 } });
    await expect(walkFolder(root, { limit: 3 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('more than 3 files to import at once'),
    });
    await expect(walkFolder(root, { limit: 4, counted: 1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it(`refuses a folder of more than ${MAX_WALK_FILES.toLocaleString('en-US')} files by default`, async () => {
    const { root } = await tree('Huge', []);
    await Promise.all(Array.from({ length: MAX_WALK_FILES + 1 }, (_, i) => writeFile(join(root, `${i}.txt`), '')));
    await expect(walkFolder(root)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('more than 10,000 files') });
  }, 60_000);
});

/**
 * Walks `root` as a user the permission bits apply to: this process when it is not root, else a
 * child running as nobody (root reads everything, so it would see no denial at all).
 */
async function walkAsOrdinaryUser(root: string) {
  type Flat = { files: { folder: string; name: string }[]; skipped: { folder: string; name: string; kind: string; code: string; message: string }[] };
  const flatten = (walk: FolderWalk): Flat => ({
    files: walk.files.map(({ folder, name }) => ({ folder, name })),
    skipped: walk.skipped.map(({ folder, name, kind, error }) => ({ folder, name, kind, code: error.code, message: error.message })),
  });
  if (process.getuid?.() !== 0) return flatten(await walkFolder(root));
  const script = `
    import { walkFolder } from ${JSON.stringify(join(process.cwd(), 'main/pipeline/walk-folder.ts'))};
    const walk = await walkFolder(process.argv[1]);
    const flat = {
      files: walk.files.map(({ folder, name }) => ({ folder, name })),
      skipped: walk.skipped.map(({ folder, name, kind, error }) => ({ folder, name, kind, code: error.code, message: error.message })),
    };
    process.stdout.write(JSON.stringify(flat));`;
  const nobody = 65534;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, root], {
    uid: nobody,
    gid: nobody,
    cwd: process.cwd(),
    env: { ...process.env, HOME: '/tmp' },
  });
  return JSON.parse(stdout) as Flat;
}
