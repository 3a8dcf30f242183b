import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { Agent, get, request, type IncomingMessage } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buffer } from 'node:stream/consumers';
import { openVault } from '../../main/vault/open-vault.js';
import { createVaultConfig } from '../../main/keys/vault-config.js';
import { LocalFolderStore } from '../../main/store/local-folder-store.js';
import { writeVaultConfig } from '../../main/vault/config-object.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { buildCli, coffer, spawnCoffer } from './run-coffer.js';
import { describeCliScenario, ID, PASS, snapshot } from './vault-scenario.js';

afterAll(removeTempDirs);

describeCliScenario({
  name: 'folder',
  async fresh() {
    const path = join(await makeTempDir('coffer-cli-vault'), 'vault');
    return { vault: path, initArgs: [], env: {}, raw: storeForLocation({ kind: 'folder', path }) };
  },
});

/** `dir` and everything under it, as [path, mode] pairs; entries that vanish meanwhile are skipped. */
async function modesUnder(dir: string): Promise<[string, number][]> {
  const found: [string, number][] = [[dir, (await lstat(dir)).mode]];
  for (const entry of await readdir(dir, { recursive: true })) {
    const stats = await lstat(join(dir, entry)).catch(() => undefined);
    if (stats) found.push([join(dir, entry), stats.mode]);
  }
  return found;
}

/** Lines of a child's stdout as they arrive, until `count` of them. */
async function firstLines(stream: NodeJS.ReadableStream, count: number): Promise<string[]> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const lines = text.split('\n');
    if (lines.length > count) return lines.slice(0, count);
  }
  throw new Error(`stdout ended after ${JSON.stringify(text)}`);
}

describe('coffer rekey on a folder vault', () => {
  it('killed mid-way, continues when run again, and ends with every item once and byte-exact', async () => {
    await buildCli();
    const work = await makeTempDir('coffer-cli-rekey');
    const vault = join(work, 'vault');
    const env = { COFFER_VAULT: vault, COFFER_PASSPHRASE: PASS, COFFER_CONFIG_DIR: join(work, 'config'), COFFER_CACHE_DIR: join(work, 'cache') };
    const files = new Map(Array.from({ length: 5 }, (_, i) => [`part${i}.bin`, randomBytes(4 * 1024 * 1024)]));
    for (const [name, data] of files) await writeFile(join(work, name), data);
    expect((await coffer(['init'], env, work)).code).toBe(0);
    expect((await coffer(['put', ...files.keys()], env, work)).code).toBe(0);

    const after = { ...env, COFFER_PASSPHRASE: 'the passphrase after the rekey' };
    const child = spawnCoffer(['rekey'], { ...env, COFFER_NEW_PASSPHRASE: after.COFFER_PASSPHRASE }, work);
    const exited = once(child, 'exit');
    const [first] = await firstLines(child.stdout, 1);
    child.kill('SIGKILL');
    await exited;
    expect(first).toMatch(/^[a-z2-7]{26} [a-z2-7]{26}$/);

    const resumed = await coffer(['rekey'], after, work);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/^continuing the rekey begun earlier\nrekey done: [1-4] item\(s\) re-encrypted/);
    // Read back in this process: one unlock rather than one per item.
    const session = await openVault({ kind: 'folder', path: vault }, after.COFFER_PASSPHRASE, { kdf: TEST_KDF });
    const listed = await session.list();
    expect(listed.map((i) => i.name).sort()).toEqual([...files.keys()].sort());
    for (const item of listed) expect((await buffer(await session.openRange(item.id, 0))).equals(files.get(item.name)!)).toBe(true);
    session.lock();
    // The config, each copy's content and metadata, and each original's tombstone.
    expect(Object.keys(await snapshot(storeForLocation({ kind: 'folder', path: vault })))).toHaveLength(1 + 3 * files.size);
  }, 120_000);
});

describe.concurrent('coffer on a folder vault: signals, pipes and serve', () => {
  // Bigger than socket buffers hold, so an unread response is still streaming when serve stops.
  const clip = Buffer.concat([Buffer.from('\0\0\0\x20ftypisom'), randomBytes(24 * 1024 * 1024)]);
  let work: string;
  let vault: string;
  let env: Record<string, string>;
  let clipId: string;
  let noteId: string;

  beforeAll(async () => {
    await buildCli();
    work = await makeTempDir('coffer-cli-work');
    vault = join(work, 'vault');
    env = { COFFER_VAULT: vault, COFFER_PASSPHRASE: PASS, COFFER_CONFIG_DIR: join(work, 'config'), COFFER_CACHE_DIR: join(work, 'cache') };
    await writeFile(join(work, 'clip.mp4'), clip);
    await writeFile(join(work, 'note.txt'), 'a small note\n');
    expect((await coffer(['init'], env, work)).code).toBe(0);
    const put = await coffer(['put', 'clip.mp4', 'note.txt'], env, work);
    [clipId, noteId] = put.stdout.toString().split('\n') as [string, string];
    expect(clipId).toMatch(ID);
    expect(noteId).toMatch(ID);
  });

  // Windows has no POSIX permission bits to check.
  it.skipIf(process.platform === 'win32')('keeps the vault folder, its files and the metadata cache private to their owner', async () => {
    expect((await coffer(['ls'], env, work)).code).toBe(0);
    const entries = [...(await modesUnder(vault)), ...(await modesUnder(join(work, 'cache')))];
    expect(entries.length).toBeGreaterThan(6);
    expect(entries.filter(([, mode]) => (mode & 0o077) !== 0).map(([path, mode]) => `${path} ${(mode & 0o777).toString(8)}`)).toEqual([]);
  });

  it('says NOT_A_VAULT with exit 4 where there is no vault', async () => {
    const result = await coffer(['ls', '--vault', work], env, work);
    expect(result).toMatchObject({ code: 4, stderr: `coffer: no Coffer vault at ${work}\n` });
  });

  it('Ctrl-C during put cancels the upload, leaves nothing behind and exits 130', async () => {
    await writeFile(join(work, 'big.mov'), randomBytes(96 * 1024 * 1024));
    const raw = storeForLocation({ kind: 'folder', path: vault });
    const before = await snapshot(raw);
    const child = spawnCoffer(['put', 'big.mov'], env, work);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    // The folder store streams each put into .tmp/ first: a file there means the upload is under way.
    while ((await readdir(join(vault, '.tmp')).catch(() => [])).length === 0) {
      expect(child.exitCode, stderr).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(130);
    expect(stderr).toBe('coffer: import of big.mov was cancelled\n');
    expect(await snapshot(raw)).toEqual(before);
    expect(await readdir(join(vault, '.tmp'))).toEqual([]);
  });

  it('cat into a pipe that closes early (| head -c 10) stops quietly with exit 0', async () => {
    const child = spawnCoffer(['cat', 'clip.mp4'], env, work);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    child.stdout.destroy();
    const [code] = await exited;
    expect(first.subarray(0, 10).equals(clip.subarray(0, 10))).toBe(true);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('serve prints a URL and name per item, serves byte ranges of the plaintext, and stops on SIGTERM', async () => {
    const child = spawnCoffer(['serve'], env, work);
    const exited = once(child, 'exit');
    const lines = await firstLines(child.stdout, 2);
    const [url, name] = lines[0]!.split('\t');
    expect(name).toBe('clip.mp4');
    expect(lines[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}\/media\/[\w-]{43}\tnote\.txt$/);
    expect(url).not.toContain(clipId);

    // Leaves an idle keep-alive connection behind, which must not hold serve open either.
    const ranged = await fetch(url!, { headers: { Range: 'bytes=1000000-1000999' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(clip.subarray(1_000_000, 1_001_000))).toBe(true);

    // A whole response, not read: once socket buffers fill, serve is stuck mid-body.
    const [response] = (await once(get(url!), 'response')) as [IncomingMessage];
    response.pause();
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    // Reading on finds the connection cut mid-body.
    await expect(finished(response.resume())).rejects.toMatchObject({ code: 'ECONNRESET', message: 'aborted' });
    expect(response.complete).toBe(false);
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('serve --max-connections 1 closes a second connection while the first is open, and serves the first on', async () => {
    const child = spawnCoffer(['serve', '--item', 'clip.mp4', '--max-connections', '1'], env, work);
    const exited = once(child, 'exit');
    const [url] = (await firstLines(child.stdout, 1))[0]!.split('\t');
    const ranged = async (agent: Agent) => {
      const [res] = (await once(request(url!, { agent, headers: { Range: 'bytes=0-9' } }).end(), 'response')) as [IncomingMessage];
      res.resume();
      await finished(res);
      return res.statusCode;
    };
    const first = new Agent({ keepAlive: true, maxSockets: 1 });
    const second = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await ranged(first)).toBe(206);
      await expect(ranged(second)).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(await ranged(first)).toBe(206);
    } finally {
      first.destroy();
      second.destroy();
    }
    child.kill('SIGINT');
    expect((await exited)[0]).toBe(0);
  });

  it.each([
    ['its name', () => 'note.txt'],
    ['its id', () => noteId],
  ])('serve --item with %s serves just that item', async (_how, item) => {
    const child = spawnCoffer(['serve', '--item', item()], env, work);
    const exited = once(child, 'exit');
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [notice] = (await once(child.stderr, 'data')) as [Buffer];
    expect(notice.toString()).toMatch(/^serving 1 item on http:\/\/127\.0\.0\.1:\d+; Ctrl-C to stop\n$/);
    const [url] = stdout.split('\t');
    const response = await fetch(url!);
    expect(await response.text()).toBe('a small note\n');
    // Text is not media: a download named after the item, in a sandbox should a client show it.
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''note.txt");
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    child.kill('SIGINT');
    expect((await exited)[0]).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  });
});

/** Every file under `dir` (relative path → bytes), `.tmp` included: what a user would find there. */
async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), await readFile(path));
    }
  }
  return files;
}

describe('coffer in a folder of the user\'s own files', () => {
  const thirtyHoursAgo = new Date(Date.now() - 30 * 3600_000);
  /** What the user keeps there, each file last touched 30 hours ago, past every cleanup age. */
  const theirs: Record<string, Buffer> = {
    'c/src/main.c': Buffer.from('int main(void) { return 0; }\n'),
    'c/aaaaaaaaaaaaaaaaaaaaaaaaaa': randomBytes(4096),
    'm/readme.md': Buffer.from('# notes\n'),
    '.tmp/notes.txt': Buffer.from('not a temp file of Coffer\'s\n'),
    '.tmp/draft.part': Buffer.from('nor this\n'),
    'holiday.jpg': randomBytes(2048),
  };
  let work: string;
  let env: Record<string, string>;

  async function folderOfTheirs(name: string): Promise<string> {
    const dir = join(work, name);
    for (const [path, bytes] of Object.entries(theirs)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), bytes);
      await utimes(join(dir, path), thirtyHoursAgo, thirtyHoursAgo);
    }
    return dir;
  }

  beforeAll(async () => {
    await buildCli();
    work = await makeTempDir('coffer-cli-work');
    env = { COFFER_PASSPHRASE: PASS, COFFER_CONFIG_DIR: join(work, 'config'), COFFER_CACHE_DIR: join(work, 'cache') };
    await writeFile(join(work, 'put-me.txt'), 'stored in the vault\n');
  });

  it('init refuses the folder with exit 4, naming it and a subfolder to use instead, and changes nothing', async () => {
    const dir = await folderOfTheirs('documents');
    const result = await coffer(['init', '--vault', dir], env, work);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(new RegExp(`^coffer: ${dir} holds other files \\(such as "[^"]+"\\); a vault needs an empty folder of its own: try ${join(dir, 'Coffer')}\n$`));
    expect(await filesUnder(dir)).toEqual(new Map(Object.entries(theirs)));
    expect((await coffer(['init', '--vault', join(dir, 'Coffer')], env, work)).code).toBe(0);
  });

  it('a vault made there before init refused such folders keeps working, and put, ls, verify and rm leave every file of the user\'s byte-identical', async () => {
    const dir = await folderOfTheirs('old-vault');
    await writeVaultConfig(new LocalFolderStore(dir), (await createVaultConfig(PASS)).config, undefined);
    const at = { ...env, COFFER_VAULT: dir };
    const put = await coffer(['put', 'put-me.txt'], at, work);
    expect(put.code, put.stderr).toBe(0);
    const id = put.stdout.toString().trim();
    const listed = await coffer(['ls', '--json'], at, work);
    expect(JSON.parse(listed.stdout.toString())).toMatchObject([{ id, name: 'put-me.txt' }]);
    expect(await coffer(['verify'], at, work)).toMatchObject({ code: 0, stdout: Buffer.from(`ok      ${id}  put-me.txt\n`) });
    expect((await coffer(['rm', id], at, work)).code).toBe(0);
    const after = await filesUnder(dir);
    after.delete('coffer-vault.json');
    // The removed item's tombstone stays, so other devices learn it was deleted on purpose.
    expect(after.delete(`m/${id}`)).toBe(true);
    expect(after).toEqual(new Map(Object.entries(theirs)));
  });
});

describe('coffer put FOLDER on a folder vault', () => {
  let work: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    await buildCli();
    work = await makeTempDir('coffer-cli-folders');
    env = { COFFER_VAULT: join(work, 'vault'), COFFER_PASSPHRASE: PASS, COFFER_CONFIG_DIR: join(work, 'config'), COFFER_CACHE_DIR: join(work, 'cache') };
    expect((await coffer(['init'], env, work)).code).toBe(0);
  });

  it('puts every file under the folder in sorted order, each in the folder it was found in, and ls shows them there', async () => {
    for (const [file, text] of [['Trip/b.txt', 'bee'], ['Trip/a.txt', 'ay'], ['Trip/day1/beach.jpg', 'waves'], ['Trip/.DS_Store', 'litter'], ['loose.txt', 'on its own']]) {
      await mkdir(dirname(join(work, file!)), { recursive: true });
      await writeFile(join(work, file!), text!);
    }
    const put = await coffer(['put', 'Trip', 'loose.txt'], env, work);
    expect(put).toMatchObject({ code: 0, stderr: '' });
    const ids = put.stdout.toString().trimEnd().split('\n');
    expect(ids).toHaveLength(4);

    const json = JSON.parse((await coffer(['ls', '--json'], env, work)).stdout.toString()) as { id: string; name: string; folder: string }[];
    const byId = new Map(json.map((item) => [item.id, [item.folder, item.name]]));
    expect(ids.map((id) => byId.get(id))).toEqual([['Trip', 'a.txt'], ['Trip', 'b.txt'], ['Trip/day1', 'beach.jpg'], ['', 'loose.txt']]);

    const [header, ...rows] = (await coffer(['ls'], env, work)).stdout.toString().trimEnd().split('\n');
    expect(header).toMatch(/^ID +NAME +SIZE +TYPE +ADDED +FOLDER$/);
    const folderColumn = header!.indexOf('FOLDER');
    const row = (id: string) => rows.find((r) => r.startsWith(id))!;
    expect(row(ids[2]!).slice(folderColumn)).toBe('Trip/day1');
    expect(row(ids[0]!).slice(folderColumn)).toBe('Trip');
    expect(row(ids[3]!)).toMatch(/\d\d:\d\d$/);
  });

  it.runIf(process.platform !== 'win32')('leaves out links and pipes, naming each on stderr, stores the rest, and exits 5', async () => {
    const mixed = join(work, 'Mixed');
    await mkdir(mixed);
    await writeFile(join(work, 'secret.txt'), 'outside the folder');
    await writeFile(join(mixed, 'kept.txt'), 'kept');
    await symlink(join(work, 'secret.txt'), join(mixed, 'link.txt'));
    execFileSync('mkfifo', [join(mixed, 'pipe')]);
    const put = await coffer(['put', 'Mixed'], env, work);
    expect(put.code).toBe(5);
    expect(put.stderr.split('\n')).toEqual([
      `coffer: ${join(mixed, 'link.txt')} is a symbolic link (links inside a folder are not followed), not a regular file; it was left out`,
      `coffer: ${join(mixed, 'pipe')} is a named pipe, not a regular file; it was left out`,
      'coffer: 2 entries were left out (see above); everything else is stored',
      '',
    ]);
    const [id] = put.stdout.toString().trimEnd().split('\n');
    expect(id).toMatch(ID);
    const json = JSON.parse((await coffer(['ls', '--json'], env, work)).stdout.toString()) as { id: string; name: string; folder: string }[];
    expect(json.filter((item) => item.folder === 'Mixed').map((item) => [item.id, item.name])).toEqual([[id, 'kept.txt']]);
  });

  it('stores nothing when one of the arguments is neither a file nor a folder', async () => {
    const before = await snapshot(storeForLocation({ kind: 'folder', path: env.COFFER_VAULT! }));
    const put = await coffer(['put', 'Trip', 'no-such-thing'], env, work);
    expect(put).toMatchObject({ code: 5, stderr: `coffer: file ${join(work, 'no-such-thing')} not found\n` });
    expect(await snapshot(storeForLocation({ kind: 'folder', path: env.COFFER_VAULT! }))).toEqual(before);
  });
});
