import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalFolderStore } from '../../main/store/local-folder-store.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { objectStoreContract, streamOf } from './object-store.contract.js';

const run = promisify(execFile);

async function tempFiles(root: string): Promise<string[]> {
  return readdir(join(root, '.tmp')).catch(() => []);
}

async function keysIn(store: LocalFolderStore, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}

describe('LocalFolderStore', () => {
  afterEach(removeTempDirs);

  objectStoreContract({
    makeStore: async () => {
      const root = await makeTempDir();
      return { store: new LocalFolderStore(root), leftovers: () => tempFiles(root) };
    },
    atomicConditionalPuts: true,
  });

  describe('on disk', () => {
    it('stores key a/b as the file <root>/a/b', async () => {
      const root = await makeTempDir();
      await new LocalFolderStore(root).put('a/b', streamOf(Buffer.from('content')));
      expect(await readFile(join(root, 'a', 'b'), 'utf8')).toBe('content');
      expect(await tempFiles(root)).toEqual([]);
    });

    // Windows has no POSIX permission bits to check.
    it.skipIf(process.platform === 'win32')('creates its files and folders readable by their owner only', async () => {
      const root = await makeTempDir();
      await new LocalFolderStore(root).put('a/b/c', streamOf(Buffer.from('content')));
      const modes = await Promise.all(['.tmp', 'a', 'a/b', 'a/b/c'].map(async (path) => [path, (await stat(join(root, path))).mode & 0o777]));
      expect(modes).toEqual([['.tmp', 0o700], ['a', 0o700], ['a/b', 0o700], ['a/b/c', 0o600]]);
    });

    it('leaves only a temp file when the writing process dies mid-put, which cleanupIncomplete removes', async () => {
      const root = await makeTempDir();
      const storeModule = new URL('../../main/store/local-folder-store.ts', import.meta.url).href;
      // A real crash: a child process streams a put that stalls after 1 MiB, and is SIGKILLed.
      const program = `
        const { Readable } = await import('node:stream');
        const { LocalFolderStore } = await import(process.argv[1]);
        let sent = 0;
        const source = new Readable({ read() { if (sent < 1048576) { sent += 65536; this.push(Buffer.alloc(65536, 1)); } } });
        await new LocalFolderStore(process.argv[2]).put('crashed/object', source, {
          onProgress: (n) => { if (n === 1048576) console.log('written'); },
        });`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program, storeModule, root], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await once(child.stdout, 'data');
      child.kill('SIGKILL');
      await once(child, 'exit');

      const store = new LocalFolderStore(root);
      const [leftover] = await tempFiles(root);
      expect(leftover).toBeDefined();
      expect((await stat(join(root, '.tmp', leftover!))).size).toBe(1048576);
      expect(await store.head('crashed/object')).toBeUndefined();
      expect(await keysIn(store)).toEqual([]);
      expect(await store.cleanupIncomplete(new Date(Date.now() - 60_000))).toBe(0);
      expect(await tempFiles(root)).toHaveLength(1);
      expect(await store.cleanupIncomplete(new Date(Date.now() + 1000))).toBe(1);
      expect(await tempFiles(root)).toEqual([]);
    });

    it('cleans up only temp files of its own naming (<32 hex digits>.part), never other files in .tmp', async () => {
      const root = await makeTempDir();
      const store = new LocalFolderStore(root);
      await store.put('made-the-temp-folder', streamOf(Buffer.from('x')));
      const own = `${randomBytes(16).toString('hex')}.part`;
      const foreign = ['other.part', 'notes.txt', 'ABCDEF0123456789ABCDEF0123456789.part', `${own}.bak`];
      for (const name of [own, ...foreign]) await writeFile(join(root, '.tmp', name), `contents of ${name}`);
      await mkdir(join(root, '.tmp', 'folder'));
      const longAgo = new Date(Date.now() - 30 * 3600_000);
      for (const name of [own, ...foreign, 'folder']) await utimes(join(root, '.tmp', name), longAgo, longAgo);

      expect(await store.cleanupIncomplete(new Date())).toBe(1);
      expect((await tempFiles(root)).sort()).toEqual([...foreign, 'folder'].sort());
      for (const name of foreign) expect(await readFile(join(root, '.tmp', name), 'utf8')).toBe(`contents of ${name}`);
    });

    it('reserves the .tmp folder: such keys are rejected', async () => {
      const store = new LocalFolderStore(await makeTempDir());
      for (const key of ['.tmp', '.tmp/x']) {
        await expect(store.put(key, streamOf(Buffer.from('x')))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
        await expect(store.head(key)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      }
    });

    it('rejects a key that would make a file and a folder of one name, keeping the existing object', async () => {
      const store = new LocalFolderStore(await makeTempDir());
      await store.put('a', streamOf(Buffer.from('file a')));
      await store.put('x/y', streamOf(Buffer.from('file x/y')));
      await expect(store.put('a/b', streamOf(Buffer.from('?')))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(store.put('x', streamOf(Buffer.from('?')))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(await store.head('a/b')).toBeUndefined();
      expect((await keysIn(store)).sort()).toEqual(['a', 'x/y']);
      await store.delete('x');
      expect(await store.head('x/y')).toBeDefined();
    });

    it('reports a missing root folder as STORE_UNAVAILABLE and never creates it', async () => {
      const root = join(await makeTempDir(), 'unplugged-drive');
      const store = new LocalFolderStore(root);
      const unavailable = { code: 'STORE_UNAVAILABLE', message: expect.stringContaining(root) };
      await expect(store.put('k', streamOf(Buffer.from('x')))).rejects.toMatchObject(unavailable);
      await expect(store.get('k')).rejects.toMatchObject(unavailable);
      await expect(store.head('k')).rejects.toMatchObject(unavailable);
      await expect(store.delete('k')).rejects.toMatchObject(unavailable);
      await expect(keysIn(store)).rejects.toMatchObject(unavailable);
      await expect(store.cleanupIncomplete(new Date())).rejects.toMatchObject(unavailable);
      await expect(stat(root)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('takes over a conditional-put lock left by a process that died, once it is two minutes old', async () => {
      const root = await makeTempDir();
      const store = new LocalFolderStore(root);
      const first = await store.put('config', streamOf(Buffer.from('first')));
      const lock = join(root, '.tmp', 'config.lock');
      await writeFile(lock, '12345\n');
      const old = new Date(Date.now() - 3 * 60_000);
      await utimes(lock, old, old);
      await store.put('config', streamOf(Buffer.from('second')), { ifMatch: first.etag });
      expect((await readFile(join(root, 'config'), 'utf8'))).toBe('second');
      expect(await tempFiles(root)).toEqual([]);
    });

    it('never lists what is in the .tmp folder', async () => {
      const root = await makeTempDir();
      const store = new LocalFolderStore(root);
      await store.put('real', streamOf(Buffer.from('x')));
      await writeFile(join(root, '.tmp', 'stray.part'), 'partial');
      expect(await keysIn(store)).toEqual(['real']);
    });

    it('fails a put on a full disk with DISK_FULL and leaves no temp file', async (context) => {
      const root = await makeTempDir();
      // A 1 MiB tmpfs is a genuinely full disk; only possible where mount is allowed (root on Linux).
      const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', root]).then(
        () => true,
        () => false,
      );
      if (!mounted) return context.skip('cannot mount a small tmpfs here');
      try {
        const store = new LocalFolderStore(root);
        await expect(store.put('big', streamOf(Buffer.alloc(4 * 1024 * 1024, 1)))).rejects.toMatchObject({
          code: 'DISK_FULL',
          message: expect.stringContaining(root),
        });
        expect(await tempFiles(root)).toEqual([]);
        expect(await store.head('big')).toBeUndefined();
      } finally {
        await run('umount', [root]);
      }
    });
  });
});
