import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../main/store/object-store.js';
import { contentKey, metadataKey } from '../../main/catalog/storage-keys.js';
import type { ItemSummary } from '../../main/catalog/item-summary.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { buildCli, coffer } from './run-coffer.js';

export const PASS = 'correct horse battery staple';
export const ID = /^[a-z2-7]{26}$/;
const CHUNK = 65536;

/** Where the CLI tests put a vault. */
export interface CliBackend {
  name: string;
  /** A new empty vault location (`--vault`), what `init` needs besides it, the env for every run, and a store on the same objects. */
  fresh(): Promise<{ vault: string; initArgs: string[]; env: Record<string, string>; raw: ObjectStore }>;
}

/** Keys and ETags of every object: equal snapshots mean nothing was written. */
export async function snapshot(store: ObjectStore): Promise<Record<string, string>> {
  const objects: Record<string, string> = {};
  for await (const info of store.list('')) objects[info.key] = info.etag;
  return objects;
}

function textOf(lines: number): Buffer {
  return Buffer.from(Array.from({ length: lines }, (_, i) => `line ${i}: the quick brown fox jumps over the lazy dog\n`).join(''));
}

/**
 * The CLI end to end on one backend, one vault through its life: init, put, ls, cat, get, name
 * resolution, verify, tampering, rm, a wrong passphrase, passwd. Runs in order; each step builds on
 * the last, which keeps the number of (deliberately slow) unlocks down. The calling file removes the
 * temp dirs, after everything in it has run.
 */
export function describeCliScenario(backend: CliBackend): void {
  describe(`coffer on a vault in ${backend.name}`, () => {
    const files = {
      'clip.mp4': Buffer.concat([Buffer.from('\0\0\0\x20ftypisom'), randomBytes(300 * 1024)]),
      'notes.txt': textOf(4000),
      'a/same.txt': Buffer.from('first of two items with one name\n'),
      'b/same.txt': Buffer.from('second of two items with one name\n'),
      'victim.bin': randomBytes(300 * 1024),
    };
    const ids: Record<string, string> = {};
    let work: string;
    let vault: string;
    let initArgs: string[];
    let raw: ObjectStore;
    let env: Record<string, string>;
    let cacheDir: string;
    const run = (args: string[], extra: Record<string, string> = {}) => coffer(args, { ...env, ...extra }, work);

    beforeAll(async () => {
      const [fresh] = await Promise.all([backend.fresh(), buildCli()]);
      ({ vault, initArgs, raw } = fresh);
      work = await makeTempDir('coffer-cli-work');
      cacheDir = join(work, 'cache');
      env = {
        ...fresh.env,
        COFFER_CONFIG_DIR: join(work, 'config'),
        COFFER_CACHE_DIR: cacheDir,
        COFFER_PASSPHRASE: PASS,
        COFFER_VAULT: vault,
      };
      for (const [name, data] of Object.entries(files)) {
        await mkdir(join(work, name, '..'), { recursive: true });
        await writeFile(join(work, name), data);
      }
    });

    it('init creates the vault, and a second init there exits 4 (vault exists)', async () => {
      const made = await run(['init', '--vault', vault, ...initArgs]);
      expect(made).toMatchObject({ code: 0, stderr: expect.stringContaining('created a vault') });
      expect(await raw.head('coffer-vault.json')).toBeDefined();
      const again = await run(['init', '--vault', vault, ...initArgs]);
      expect(again.code).toBe(4);
      expect(again.stderr).toMatch(/^coffer: a Coffer vault already exists at .+\n$/);
    });

    it('put stores each file and prints one new id per line on stdout, with no progress bar off a terminal', async () => {
      const names = Object.keys(files);
      const result = await run(['put', ...names]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const lines = result.stdout.toString().split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(names.length);
      for (const line of lines) expect(line).toMatch(ID);
      expect(new Set(lines).size).toBe(names.length);
      names.forEach((name, i) => (ids[name] = lines[i]!));
    });

    // Nothing here writes to the vault, so these run side by side: each CLI run is its own process.
    describe.concurrent('reading it', () => {
      it('ls --json lists every item, oldest first, with id, name, size, type, added and folder', async () => {
        const result = await run(['ls', '--json']);
        expect(result.code).toBe(0);
        const items = JSON.parse(result.stdout.toString()) as ItemSummary[];
        expect(items.map((i) => [i.id, i.name, i.size])).toEqual(
          Object.entries(files).map(([name, data]) => [ids[name], name.replace(/^.\//, ''), data.length]),
        );
        expect(items.map((i) => i.type)).toEqual(['video/mp4', 'text/plain', 'text/plain', 'text/plain', 'application/octet-stream']);
        // Each put on its own, not from a folder: a/ and b/ are only where the files were.
        expect(items.map((i) => i.folder)).toEqual(['', '', '', '', '']);
        for (const item of items) expect(Date.now() - Date.parse(item.added)).toBeLessThan(10 * 60_000);
      });

      it('ls prints a table with a header, human-readable sizes and the time added', async () => {
        const result = await run(['ls']);
        const [header, ...rows] = result.stdout.toString().trimEnd().split('\n');
        expect(header).toMatch(/^ID +NAME +SIZE +TYPE +ADDED +FOLDER$/);
        expect(rows).toHaveLength(5);
        expect(rows[0]).toMatch(new RegExp(`^${ids['clip.mp4']} +clip\\.mp4 +307 kB +video/mp4 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
        expect(rows[1]).toMatch(new RegExp(`^${ids['notes.txt']} +notes\\.txt +\\d+ kB +text/plain `));
      });

      it('cat writes the plaintext byte-exact, finding the item by name', async () => {
        const result = await run(['cat', 'clip.mp4']);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout.equals(files['clip.mp4'])).toBe(true);
      });

      it('cat --range writes exactly bytes START to END inclusive, or from START to the end', async () => {
        // Across two chunk boundaries, with the item named by a prefix of its id.
        const clip = await run(['cat', ids['clip.mp4']!.slice(0, 8), '--range', `${CHUNK - 6}-${2 * CHUNK + 9}`]);
        expect(clip.code).toBe(0);
        expect(clip.stdout.equals(files['clip.mp4'].subarray(CHUNK - 6, 2 * CHUNK + 10))).toBe(true);
        // notes.txt is stored compressed: ranges go through the segment index.
        const notes = files['notes.txt'];
        const tail = await run(['cat', 'notes.txt', `--range=${notes.length - 100}-`]);
        expect(tail.stdout.equals(notes.subarray(notes.length - 100))).toBe(true);
      });

      it('get exports byte-exact to a file, or into a folder under the item name', async () => {
        const out = await makeTempDir('coffer-cli-out');
        expect((await run(['get', 'clip.mp4', join(out, 'copy.mp4')])).code).toBe(0);
        expect((await readFile(join(out, 'copy.mp4'))).equals(files['clip.mp4'])).toBe(true);
        expect((await run(['get', ids['notes.txt']!, out])).code).toBe(0);
        expect((await readFile(join(out, 'notes.txt'))).equals(files['notes.txt'])).toBe(true);
      });

      it('refuses a name that matches several items with exit 5, listing their ids', async () => {
        const result = await run(['cat', 'same.txt']);
        expect(result.code).toBe(5);
        expect(result.stdout.length).toBe(0);
        expect(result.stderr).toMatch(/^coffer: "same.txt" matches 2 items: .+\n$/);
        expect(result.stderr).toContain(ids['a/same.txt']);
        expect(result.stderr).toContain(ids['b/same.txt']);
      });

      it('says an unknown item is not found, with exit 5', async () => {
        const result = await run(['rm', 'no-such-item']);
        expect(result).toMatchObject({ code: 5, stderr: 'coffer: item "no-such-item" not found\n' });
      });

      it('verify authenticates every item and prints one ok line each', async () => {
        const result = await run(['verify']);
        expect(result.code).toBe(0);
        const lines = result.stdout.toString().trimEnd().split('\n').sort();
        const expected = Object.entries(files).map(([name]) => `ok      ${ids[name]}  ${name.replace(/^.\//, '')}`);
        expect(lines).toEqual(expected.sort());
      });
    });

    // Not describe.concurrent: vitest would run two concurrent suites in a row side by side.
    describe('after a byte of chunk 2 of victim.bin is flipped in storage', () => {
      beforeAll(async () => {
        const key = contentKey(ids['victim.bin']!);
        const stored = await buffer(await raw.get(key));
        stored[80 + 2 * (CHUNK + 16) + 100]! ^= 0x01;
        await raw.put(key, Readable.from([stored]));
      });

      it.concurrent('cat fails with exit 6 naming chunk 2, having written only the authentic chunks before it', async () => {
        const result = await run(['cat', 'victim.bin']);
        expect(result.code).toBe(6);
        expect(result.stderr).toMatch(/^coffer: object .+ is corrupt or tampered at chunk 2: .+\n$/);
        expect(result.stdout.length).toBeLessThanOrEqual(2 * CHUNK);
        expect(result.stdout.equals(files['victim.bin'].subarray(0, result.stdout.length))).toBe(true);
      });

      it.concurrent('verify reports it FAILED at chunk 2, the others ok, and exits 6', async () => {
        const result = await run(['verify']);
        expect(result.code).toBe(6);
        const lines = result.stdout.toString().trimEnd().split('\n');
        expect(lines.filter((l) => l.startsWith('ok '))).toHaveLength(4);
        expect(lines.filter((l) => l.startsWith('FAILED'))).toEqual([
          expect.stringMatching(new RegExp(`^FAILED  ${ids['victim.bin']}  victim\\.bin: .*chunk 2`)),
        ]);
        expect(result.stderr).toContain('coffer: 1 of 5 items failed verification');
      });

      it.concurrent('verify <name> checks only that item', async () => {
        const result = await run(['verify', 'clip.mp4']);
        expect(result.code).toBe(0);
        expect(result.stdout.toString()).toBe(`ok      ${ids['clip.mp4']}  clip.mp4\n`);
      });
    });

    it('rm removes the item: its content leaves the storage and its metadata becomes a tombstone nothing lists', async () => {
      const id = ids['victim.bin']!;
      const result = await run(['rm', 'victim.bin']);
      expect(result).toMatchObject({ code: 0, stderr: `removed ${id} (victim.bin)\n` });
      expect(await raw.head(contentKey(id))).toBeUndefined();
      expect(await raw.head(metadataKey(id))).toBeDefined();
      const listed = await run(['ls', '--json']);
      expect(listed).toMatchObject({ code: 0, stderr: '' });
      expect((JSON.parse(listed.stdout.toString()) as ItemSummary[]).map((i) => i.id)).not.toContain(id);
    });

    it('a wrong passphrase exits 3 with "wrong passphrase" and writes nothing, not even to the cache', async () => {
      const before = { objects: await snapshot(raw), cache: await readdir(cacheDir) };
      const result = await run(['put', 'clip.mp4'], { COFFER_PASSPHRASE: 'not the passphrase' });
      expect(result).toMatchObject({ code: 3, stderr: 'coffer: wrong passphrase\n' });
      expect(result.stdout.length).toBe(0);
      expect({ objects: await snapshot(raw), cache: await readdir(cacheDir) }).toEqual(before);
    });

    it('passwd changes the passphrase without touching content: the old one then exits 3', async () => {
      const content = await raw.head(contentKey(ids['clip.mp4']!));
      const changed = await run(['passwd'], { COFFER_NEW_PASSPHRASE: 'a brand new passphrase' });
      expect(changed.code).toBe(0);
      expect(changed.stderr).toMatch(/^passphrase changed\nnote: the old passphrase still opens any old copy of the vault config .+run 'coffer rekey'/s);
      expect((await run(['ls'])).code).toBe(3);
      const listed = await run(['ls', '--json'], { COFFER_PASSPHRASE: 'a brand new passphrase' });
      expect(JSON.parse(listed.stdout.toString())).toHaveLength(4);
      expect(await raw.head(contentKey(ids['clip.mp4']!))).toEqual(content);
    });

    describe("after notes.txt's metadata and content are deleted behind Coffer's back", () => {
      const passphrase = { COFFER_PASSPHRASE: 'a brand new passphrase' };
      const notice = /^coffer: 1 item vanished or rolled back behind Coffer's back since this device last looked; run 'coffer verify' for the list\n$/;

      beforeAll(async () => {
        await raw.delete(metadataKey(ids['notes.txt']!));
        await raw.delete(contentKey(ids['notes.txt']!));
      });

      it('ls lists the rest and says so in one line on stderr, exiting 0, on every run', async () => {
        for (let run_ = 0; run_ < 2; run_++) {
          const result = await run(['ls'], passphrase);
          expect(result.code).toBe(0);
          expect(result.stderr).toMatch(notice);
          expect(result.stdout.toString()).not.toContain(ids['notes.txt']);
        }
      });

      it('verify names it VANISHED after the ok lines and exits 6', async () => {
        const result = await run(['verify'], passphrase);
        expect(result.code).toBe(6);
        const lines = result.stdout.toString().trimEnd().split('\n');
        expect(lines.filter((l) => l.startsWith('ok '))).toHaveLength(3);
        expect(lines.at(-1)).toMatch(new RegExp(`^VANISHED  ${ids['notes.txt']}  notes\\.txt: deleted behind Coffer's back`));
        expect(result.stderr).toContain('3 items verified');
      });

      it('verify --acknowledge prints and clears the report; then ls and verify are quiet again', async () => {
        const acknowledged = await run(['verify', '--acknowledge'], passphrase);
        expect(acknowledged).toMatchObject({ code: 0, stderr: '1 report acknowledged\n' });
        expect(acknowledged.stdout.toString()).toMatch(new RegExp(`^VANISHED  ${ids['notes.txt']}  `));
        expect(await run(['ls'], passphrase)).toMatchObject({ code: 0, stderr: '' });
        expect(await run(['verify'], passphrase)).toMatchObject({ code: 0, stderr: '3 items verified\n' });
      });
    });

    it('rekey re-encrypts every item under a new master key, printing old and new ids; every item reads the same', async () => {
      const current = { COFFER_PASSPHRASE: 'a brand new passphrase' };
      const before = JSON.parse((await run(['ls', '--json'], current)).stdout.toString()) as ItemSummary[];
      const result = await run(['rekey'], { ...current, COFFER_NEW_PASSPHRASE: 'the passphrase after the rekey' });
      expect(result).toMatchObject({ code: 0, stderr: 'rekey done: 3 item(s) re-encrypted; the old master key is gone from the vault config\n' });
      const renamed = new Map(result.stdout.toString().trimEnd().split('\n').map((line) => line.split(' ') as [string, string]));
      expect([...renamed.keys()].sort()).toEqual(before.map((i) => i.id).sort());
      const after = { COFFER_PASSPHRASE: 'the passphrase after the rekey' };
      const listed = JSON.parse((await run(['ls', '--json'], after)).stdout.toString()) as ItemSummary[];
      expect(listed).toEqual(before.map((item) => ({ ...item, id: renamed.get(item.id) })));
      expect((await run(['cat', 'clip.mp4'], after)).stdout.equals(files['clip.mp4'])).toBe(true);
      for (const id of renamed.keys()) expect(await raw.head(contentKey(id))).toBeUndefined();
      expect((await run(['ls'], current)).code).toBe(3);
    });
  });
}
