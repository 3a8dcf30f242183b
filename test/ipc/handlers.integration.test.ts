/**
 * The IPC handlers through the contract, over a real vault: in a folder on disk and in a bucket
 * on s3rver. Requests go through the same dispatcher the Electron layer uses (sender checks are
 * tested in sender-policy.test.ts), and every event is parsed with the contract's schema.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallName, EventName } from '../../contract/channels.js';
import type { IpcResult } from '../../contract/errors.js';
import { events, type CallInput, type CallOutput, type EventPayload, type LocationInput } from '../../contract/ipc.js';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { ExternalPlayer } from '../../main/ipc/external-player.js';
import { ImportQueue } from '../../main/ipc/import-queue.js';
import { LocationAccess, type StorageSummary } from '../../main/ipc/location-access.js';
import { storedLocation, vaultLocation } from '../../main/ipc/locations.js';
import { probeStorage } from '../../main/ipc/probe-storage.js';
import { AppSession } from '../../main/ipc/app-session.js';
import { createMediaHandler } from '../../main/protocol/media-handler.js';
import { createSecretStore, type SafeStorageLike } from '../../main/settings/secret-store.js';
import { openSettingsStore } from '../../main/settings/settings-store.js';
import { S3Store } from '../../main/store/s3-store.js';
import { createVault, openVault } from '../../main/vault/open-vault.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import { contentKey } from '../../main/catalog/storage-keys.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { TEST_KDF } from '../helpers/test-kdf.js';

const PASSPHRASE = 'correct horse battery staple';

/**
 * Electron's safeStorage is not available in Node; this stand-in seals by XOR behind Chromium's
 * version prefix: `v11` for a keyring's key, `v10` for the hard-coded key Linux falls back to.
 */
function fakeSafeStorage(keyring: Keyring = 'keyring'): SafeStorageLike {
  const xor = (buf: Buffer) => Buffer.from(buf.map((b) => b ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) => {
      if (keyring === 'refuses') throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
      return Buffer.concat([Buffer.from(keyring === 'fixed-key' ? 'v10' : 'v11'), xor(Buffer.from(plain))]);
    },
    decryptStringAsync: async (sealed) => ({ result: xor(sealed.subarray(3)).toString(), shouldReEncrypt: false }),
  };
}
type Keyring = 'keyring' | 'fixed-key' | 'refuses';

type Sent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

/** The app as the Electron layer composes it, minus Electron. */
async function startApp(options: { keyring?: Keyring; savePath?: () => string | undefined; userData?: string } = {}) {
  const userData = options.userData ?? (await makeTempDir('coffer-userdata'));
  const sent: Sent[] = [];
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    events[name].parse(payload);
    sent.push({ name, payload } as Sent);
  };
  const log = vi.fn();
  const settings = await openSettingsStore({ file: join(userData, 'settings.json'), defaultVaultFolder: join(userData, 'vault'), log });
  const secrets = createSecretStore({
    file: join(userData, 'secrets.json'),
    safeStorage: fakeSafeStorage(options.keyring),
    platform: 'linux',
    log,
  });
  const session = new AppSession({ emit });
  const imports = new ImportQueue({ session, emit, log });
  const chooseSavePath = vi.fn(async () => options.savePath?.());
  // The native dialogs: the user picks nothing and confirms every storage unless a test says otherwise.
  const chooseFolder = vi.fn(async (): Promise<string | undefined> => undefined);
  const chooseFilesToImport = vi.fn(async (): Promise<string[]> => []);
  const chooseFolderToImport = vi.fn(async (): Promise<string | undefined> => undefined);
  const chooseExportFolder = vi.fn(async (): Promise<string | undefined> => undefined);
  const confirmStorage = vi.fn(async (_summary: StorageSummary) => true);
  const access = new LocationAccess({ settings, defaultVaultFolder: join(userData, 'vault'), confirmStorage });
  const handlers = createHandlers({
    session, imports, settings, secrets, access, emit, probeStorage, chooseSavePath, chooseFolder, chooseFilesToImport, chooseFolderToImport, chooseExportFolder,
    player: new ExternalPlayer({ session, onError: log }), openExternal: vi.fn(async () => {}), copyText: vi.fn(async () => {}),
    createVault: (location, passphrase) => createVault(location, passphrase, { kdf: TEST_KDF }),
    openVault: (location, passphrase) => openVault(location, passphrase, { kdf: TEST_KDF }),
  });
  const dispatch = createDispatcher({ handlers, isTrusted: () => true, log });
  const trusted = { frame: { url: 'app://coffer/index.html', parent: null }, contentsId: 1 };

  /** One request as the renderer makes it; answers the raw result value. */
  const request = <K extends CallName>(name: K, ...input: CallInput<K> extends undefined ? [] : [CallInput<K>]) =>
    dispatch(name, trusted, input) as Promise<IpcResult<CallOutput<K>>>;
  /** One request that must succeed. */
  const ok = async <K extends CallName>(name: K, ...input: CallInput<K> extends undefined ? [] : [CallInput<K>]) => {
    const result = await request(name, ...input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const media = createMediaHandler({ resolve: session.resolveMedia, onError: log });
  const importedEvents = (jobId: string) =>
    sent.flatMap((e) => (e.name === 'importProgress' && e.payload.jobId === jobId ? [e.payload] : []));
  /** Waits until each job has finished one way or another, and answers its last event. */
  const settled = async (jobs: { jobId: string }[]) => {
    await vi.waitFor(
      () => {
        for (const job of jobs) expect(importedEvents(job.jobId).at(-1)?.state).toMatch(/done|failed|cancelled/);
      },
      { timeout: 30_000, interval: 20 },
    );
    return jobs.map((job) => importedEvents(job.jobId).at(-1)!);
  };
  /** Imports the files and folders and waits until each job has finished one way or another. */
  const importAndWait = async (paths: string[]) => settled(await ok('importDropped', { paths }));
  /** The user picks `path` in the native folder dialog. */
  const pickFolder = async (path: string) => {
    chooseFolder.mockResolvedValueOnce(path);
    return ok('chooseVaultFolder');
  };
  return {
    userData, sent, log, settings, session, chooseSavePath, chooseFolder, chooseFilesToImport, chooseFolderToImport, chooseExportFolder,
    confirmStorage, pickFolder, request, ok, media, importedEvents, settled, importAndWait,
  };
}

type App = Awaited<ReturnType<typeof startApp>>;

let s3: S3rverServer;
let source: string;
let sourceBytes: Buffer;

beforeAll(async () => {
  s3 = await startS3rver();
  const dir = await makeTempDir('coffer-sources');
  source = join(dir, 'holiday.mp4');
  sourceBytes = randomBytes(3 * 1024 * 1024 + 123);
  await writeFile(source, sourceBytes);
}, 60_000);
afterAll(async () => {
  await s3?.close();
  await removeTempDirs();
});

type S3Input = LocationInput & { kind: 's3' };

/** A location under `prefix` on the test s3rver, signed with its access key (secret typed); `extra` overrides fields. */
function s3rverLocation(prefix: string, extra: Partial<S3Input> = {}): LocationInput {
  return {
    kind: 's3',
    credentialSource: 'keys',
    bucket: s3.bucket,
    prefix,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    accessKeyId: s3.credentials.accessKeyId,
    secretAccessKey: s3.credentials.secretAccessKey,
    ...extra,
  };
}

let prefixCounter = 0;
/** A fresh location the user has chosen: a folder picked in the dialog, or a new prefix on s3rver. */
const locations: [string, (app: App) => Promise<LocationInput>][] = [
  [
    'a folder',
    async (app) => {
      const dir = join(await makeTempDir('coffer-vault'), 'vault');
      await mkdir(dir);
      await app.pickFolder(dir);
      return { kind: 'folder', path: dir };
    },
  ],
  [
    's3rver',
    async () => s3rverLocation(`vault-${++prefixCounter}`),
  ],
];

describe.each(locations)('IPC handlers over a real vault in %s', (_where, makeLocation) => {
  let app: App;
  let location: LocationInput;

  beforeEach(async () => {
    const exportDir = await makeTempDir('coffer-export');
    app = await startApp({ savePath: () => join(exportDir, 'exported.mp4') });
    location = await makeLocation(app);
  });

  it('creates a vault, then reports it unlocked and empty', async () => {
    const created = await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    expect(created).toMatchObject({ status: { state: 'unlocked', location: { kind: location.kind } }, secretsNotStored: null });
    await expect(app.ok('status')).resolves.toMatchObject({ state: 'unlocked' });
    await expect(app.ok('listItems')).resolves.toEqual([]);
  });

  it('refuses a weak passphrase with WEAK_PASSPHRASE and the reason, and stays locked', async () => {
    await expect(app.request('createVault', { location, passphrase: 'passwordpassword', remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSPHRASE', message: expect.stringContaining('Repeated character patterns') },
    });
    await expect(app.ok('status')).resolves.toMatchObject({ state: 'locked' });
  });

  it('refuses to create a second vault in the same place with VAULT_EXISTS', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    await app.ok('lock');
    await expect(app.request('createVault', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VAULT_EXISTS' },
    });
  });

  it('refuses to create a vault where other files are with LOCATION_NOT_EMPTY, naming one, and stays locked', async () => {
    const raw = storeForLocation(vaultLocation(storedLocation(location), s3.credentials.secretAccessKey));
    await raw.put('mine.txt', Readable.from([Buffer.from('mine')]));
    await expect(app.request('createVault', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'LOCATION_NOT_EMPTY', message: expect.stringContaining('(such as "mine.txt")') },
    });
    await expect(app.ok('status')).resolves.toMatchObject({ state: 'locked' });
    expect(await raw.head('coffer-vault.json')).toBeUndefined();
  });

  it('locks (answering LOCKED afterwards, announcing it once), and unlocks only with the right passphrase', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    await app.ok('lock');
    expect(app.sent.filter((e) => e.name === 'locked')).toEqual([{ name: 'locked', payload: { reason: 'user' } }]);
    await expect(app.request('listItems')).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await expect(app.request('unlock', { location, passphrase: 'wrong passphrase', remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    await expect(app.ok('unlock', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      status: { state: 'unlocked' },
    });
  });

  it('answers NOT_A_VAULT for an empty location', async () => {
    await expect(app.request('unlock', { location, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_A_VAULT' },
    });
  });

  it('imports a file with per-file progress events, then lists it', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const [last] = await app.importAndWait([source]);
    expect(last).toMatchObject({ state: 'done', name: 'holiday.mp4', folder: '', bytesRead: sourceBytes.length, total: sourceBytes.length, error: null });
    const events = app.importedEvents(last!.jobId);
    const states = [...new Set(events.map((e) => e.state))];
    expect(states).toEqual(['queued', 'encrypting', 'uploading', 'done']);
    // Uploading starts once every byte has been read and sealed.
    expect(events.find((e) => e.state === 'uploading')).toMatchObject({ bytesRead: sourceBytes.length, total: sourceBytes.length });
    expect(app.sent).toContainEqual({ name: 'catalogChanged', payload: { reason: 'import' } });
    const items = await app.ok('listItems');
    expect(items).toEqual([last!.item]);
    expect(items[0]).toMatchObject({ name: 'holiday.mp4', size: sourceBytes.length });
  });

  it('reports a file that cannot be read as failed, with a code', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const [last] = await app.importAndWait([join(app.userData, 'no-such-file.mp4')]);
    expect(last).toMatchObject({ state: 'failed', item: null });
    expect(last!.error?.code).toMatch(/^[A-Z_]+$/);
    await expect(app.ok('listItems')).resolves.toEqual([]);
  });

  it('cancels an import on request, leaving nothing in the vault', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const [job] = await app.ok('importDropped', { paths: [source] });
    await app.ok('cancelImport', { jobId: job!.jobId });
    await vi.waitFor(() => expect(app.importedEvents(job!.jobId).at(-1)?.state).toBe('cancelled'));
    await expect(app.ok('listItems')).resolves.toEqual([]);
  });

  it('imports a dropped folder, each file in the folder\'s name and its subfolder, and reports what it left out', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const trip = join(await makeTempDir('coffer-drop'), 'Trip');
    await mkdir(join(trip, 'day1'), { recursive: true });
    await writeFile(join(trip, 'map.txt'), 'the map');
    await writeFile(join(trip, 'day1', 'beach.jpg'), 'waves');
    await symlink(source, join(trip, 'link.mp4'));
    const ended = await app.importAndWait([trip, source]);
    expect(ended.map((e) => [e.folder, e.name, e.state, e.error?.code ?? null])).toEqual([
      ['Trip', 'link.mp4', 'failed', 'NOT_A_FILE'],
      ['Trip/day1', 'beach.jpg', 'done', null],
      ['Trip', 'map.txt', 'done', null],
      ['', 'holiday.mp4', 'done', null],
    ]);
    expect(ended[0]!.error!.message).toContain(join(trip, 'link.mp4'));
    const listed = (await app.ok('listItems')).map((i) => [i.folder, i.name]).sort();
    expect(listed).toEqual([['', 'holiday.mp4'], ['Trip', 'map.txt'], ['Trip/day1', 'beach.jpg']]);
  });

  it('imports the folder picked in the native dialog, and nothing when the dialog was cancelled', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    await expect(app.ok('addFolder')).resolves.toEqual([]);
    const photos = join(await makeTempDir('coffer-pick'), 'Photos');
    await mkdir(photos);
    await writeFile(join(photos, 'cat.jpg'), 'meow');
    app.chooseFolderToImport.mockResolvedValueOnce(photos);
    const jobs = await app.ok('addFolder');
    expect(jobs).toEqual([{ jobId: expect.any(String), path: join(photos, 'cat.jpg'), name: 'cat.jpg', folder: 'Photos' }]);
    await expect(app.settled(jobs)).resolves.toMatchObject([{ state: 'done', item: { folder: 'Photos' } }]);
  });

  it('retries a failed import as a new job, and answers NOT_FOUND for one it does not remember', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const late = join(await makeTempDir('coffer-late'), 'late.txt');
    const [failed] = await app.importAndWait([late]);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
    await writeFile(late, 'here now');
    const again = await app.ok('retryImport', { jobId: failed!.jobId });
    expect(again).toMatchObject({ path: late, name: 'late.txt', folder: '' });
    await expect(app.settled([again])).resolves.toMatchObject([{ state: 'done', item: { name: 'late.txt' } }]);
    await expect(app.request('retryImport', { jobId: failed!.jobId })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('cancels every import at once, leaving nothing in the vault', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const jobs = await app.ok('importDropped', { paths: [source, source, source] });
    await app.ok('cancelAllImports');
    await expect(app.settled(jobs)).resolves.toMatchObject([{ state: 'cancelled' }, { state: 'cancelled' }, { state: 'cancelled' }]);
    await expect(app.ok('listItems')).resolves.toEqual([]);
  });

  it('exports chosen items into the chosen folder, never replacing a file there, and nothing when the dialog was cancelled', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const trip = join(await makeTempDir('coffer-drop'), 'Trip');
    await mkdir(join(trip, 'day1'), { recursive: true });
    await writeFile(join(trip, 'note.txt'), 'first note');
    await writeFile(join(trip, 'day1', 'note.txt'), 'second note');
    const ended = await app.importAndWait([trip]);
    const ids = ended.map((e) => e.item!.id);
    const out = await makeTempDir('coffer-export-to');
    await writeFile(join(out, 'note.txt'), 'the user\'s own');

    app.chooseExportFolder.mockResolvedValueOnce(out);
    await expect(app.ok('exportItems', { ids })).resolves.toEqual({ folder: out, written: 2 });
    expect(await readFile(join(out, 'note.txt'), 'utf8')).toBe('the user\'s own');
    const exported = [await readFile(join(out, 'note (2).txt'), 'utf8'), await readFile(join(out, 'note (3).txt'), 'utf8')];
    expect(exported.sort()).toEqual(['first note', 'second note']);

    await expect(app.ok('exportItems', { ids })).resolves.toEqual({ folder: null, written: 0 });
    app.chooseExportFolder.mockClear();
    await expect(app.request('exportItems', { ids: [ids[0]!, 'no-such-item'] })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(app.chooseExportFolder).not.toHaveBeenCalled();
  });

  it('stops an export at an item it cannot read, saying how many were exported before it', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const second = join(await makeTempDir('coffer-src'), 'second.txt');
    await writeFile(second, 'the second item');
    const ended = await app.importAndWait([source, second]);
    const ids = ended.map((e) => e.item!.id);
    const raw = storeForLocation(vaultLocation(storedLocation(location), s3.credentials.secretAccessKey));
    await raw.delete(contentKey(ids[1]!));
    const out = await makeTempDir('coffer-export-to');
    app.chooseExportFolder.mockResolvedValueOnce(out);
    const result = await app.request('exportItems', { ids });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining(`(1 of 2 items were exported to ${out} before)`) } });
    expect(await readdir(out)).toEqual(['holiday.mp4']);
  });

  it('renames and deletes items, announcing each change', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const [done] = await app.importAndWait([source]);
    const id = done!.item!.id;
    await expect(app.ok('renameItem', { id, name: 'Summer 2026.mp4' })).resolves.toMatchObject({ id, name: 'Summer 2026.mp4' });
    await app.ok('deleteItem', { id });
    await expect(app.ok('listItems')).resolves.toEqual([]);
    expect(app.sent.filter((e) => e.name === 'catalogChanged').map((e) => e.payload)).toEqual([
      { reason: 'import' },
      { reason: 'rename' },
      { reason: 'delete' },
    ]);
    await expect(app.request('deleteItem', { id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('exports an item byte for byte to the path the save dialog chose, or nowhere when it was cancelled', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const [done] = await app.importAndWait([source]);
    const { path } = await app.ok('exportItem', { id: done!.item!.id });
    expect(app.chooseSavePath).toHaveBeenCalledWith('holiday.mp4');
    expect((await readFile(path!)).equals(sourceBytes)).toBe(true);

    app.chooseSavePath.mockResolvedValueOnce(undefined);
    await expect(app.ok('exportItem', { id: done!.item!.id })).resolves.toEqual({ path: null });
  });

  it('serves a media URL with Range requests until the vault locks', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const [done] = await app.importAndWait([source]);
    const { url } = await app.ok('mediaUrl', { id: done!.item!.id });
    expect(url).toMatch(/^vault:\/\/media\/[A-Za-z0-9_-]{43}$/);
    expect(url).not.toContain(done!.item!.id);

    const response = await app.media(new Request(url, { headers: { Range: 'bytes=1000-1999' } }));
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).equals(sourceBytes.subarray(1000, 2000))).toBe(true);

    await app.ok('lock');
    expect((await app.media(new Request(url))).status).toBe(404);
  });

  it('answers NOT_FOUND for the media URL of an unknown item', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    await expect(app.request('mediaUrl', { id: 'no-such-item' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('remembers the passphrase on this device when asked, and forgets it on request', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: true });
    await app.ok('lock');
    await expect(app.ok('status')).resolves.toMatchObject({ state: 'locked', rememberedUnlock: true });
    await expect(app.ok('unlockRemembered')).resolves.toMatchObject({ status: { state: 'unlocked' } });
    await app.ok('forgetRemembered');
    await app.ok('lock');
    await expect(app.request('unlockRemembered')).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('remembers the last location for the next start', async () => {
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    const { secretAccessKey: _secret, ...shown } = location as LocationInput & { secretAccessKey?: string };
    expect((await app.ok('status')).location).toMatchObject(shown);
  });

  it('tests the storage connection: reachable and empty, then holding a vault', async () => {
    await expect(app.ok('testConnection', { location })).resolves.toMatchObject({ outcome: 'reachable', contents: 'empty' });
    await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
    await expect(app.ok('testConnection', { location })).resolves.toMatchObject({ outcome: 'reachable', contents: 'vault' });
  });
});

describe('IPC handlers: secrets on this device', () => {
  /** With the secret typed anew, or without it (then the one stored on this device is used). */
  const s3Location = (prefix: string, secretAccessKey?: string): LocationInput => {
    const { secretAccessKey: _typed, ...withoutSecret } = s3rverLocation(prefix) as S3Input;
    return secretAccessKey === undefined ? withoutSecret : { ...withoutSecret, secretAccessKey };
  };

  it('stores the S3 secret key encrypted, never shows it, and uses it to unlock next time', async () => {
    // s3rver checks only the access key id, so any secret works; a distinctive one can be searched for.
    const secret = 'distinctive-secret-0f3c9a71';
    const app = await startApp();
    await app.ok('createVault', { location: s3Location('secrets-1', secret), passphrase: PASSPHRASE, remember: false });
    await app.ok('lock');
    const status = await app.ok('status');
    expect(status.location).toMatchObject({ kind: 's3', hasStoredSecret: true });
    expect(JSON.stringify(status)).not.toContain(secret);
    await expect(app.ok('unlock', { location: s3Location('secrets-1'), passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      status: { state: 'unlocked' },
    });
    for (const file of ['settings.json', 'secrets.json']) {
      expect(await readFile(join(app.userData, file), 'utf8')).not.toContain(secret);
    }
  });

  it('on a Linux desktop where Electron falls back to its fixed key (no keyring), keeps no secret and says why', async () => {
    const app = await startApp({ keyring: 'fixed-key' });
    const result = await app.ok('createVault', {
      location: s3Location('secrets-2', s3.credentials.secretAccessKey),
      passphrase: PASSPHRASE,
      remember: true,
    });
    expect(result.secretsNotStored).toBe('basic-text');
    expect(result.status).toMatchObject({ rememberedUnlock: false, location: { hasStoredSecret: false } });
    await expect(app.ok('getSettings')).resolves.toMatchObject({ secretStorage: 'basic-text' });
    await app.ok('lock');
    await expect(app.request('unlock', { location: s3Location('secrets-2'), passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('when the keyring refuses to store a secret after the vault opened, answers unlocked with the "not stored" notice', async () => {
    const app = await startApp({ keyring: 'refuses' });
    const result = await app.ok('createVault', {
      location: s3Location('secrets-3', s3.credentials.secretAccessKey),
      passphrase: PASSPHRASE,
      remember: true,
    });
    expect(result).toMatchObject({ status: { state: 'unlocked', rememberedUnlock: false }, secretsNotStored: 'unavailable' });
    await expect(app.ok('listItems')).resolves.toEqual([]);
  });

  it('saves the auto-lock setting', async () => {
    const app = await startApp();
    await expect(app.ok('setSettings', { autoLockMinutes: 3 })).resolves.toMatchObject({ autoLockMinutes: 3 });
    expect(app.settings.get().autoLockMinutes).toBe(3);
  });
});

describe('IPC handlers: testing a storage connection that fails', () => {
  it('reports a folder that cannot be made (inside a file) as folder-unavailable', async () => {
    const app = await startApp();
    await writeFile(join(app.userData, 'a-file'), 'x');
    const location = { kind: 'folder' as const, path: join(app.userData, 'a-file', 'vault') };
    await app.pickFolder(location.path);
    await expect(app.ok('testConnection', { location })).resolves.toMatchObject({ outcome: 'folder-unavailable', contents: null });
  });

  it('reports an endpoint nothing listens on as unreachable', async () => {
    const app = await startApp();
    const location = {
      kind: 's3' as const, credentialSource: 'keys' as const, bucket: 'coffer-test', prefix: '', endpoint: 'http://127.0.0.1:9', accessKeyId: 'x', secretAccessKey: 'y',
    };
    await expect(app.ok('testConnection', { location })).resolves.toMatchObject({ outcome: 'unreachable', contents: null });
  });
});

describe('IPC handlers: the page names no path, no unconfirmed endpoint and no credential source', () => {
  const create = (app: App, location: LocationInput) => app.request('createVault', { location, passphrase: PASSPHRASE, remember: false });
  const objectsUnder = async (prefix: string) => {
    const store = new S3Store({ bucket: s3.bucket, prefix, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
    const keys: string[] = [];
    for await (const info of store.list('')) keys.push(info.key);
    return keys;
  };

  it('refuses a folder the page typed, and creates nothing there', async () => {
    const app = await startApp();
    const typed = join(await makeTempDir('coffer-typed'), 'vault');
    await expect(create(app, { kind: 'folder', path: typed })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await expect(readFile(join(typed, 'coffer-vault.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates a vault in the default folder it offers, and in a folder picked in the native dialog', async () => {
    const app = await startApp();
    const { defaultFolder } = await app.ok('status');
    await expect(create(app, { kind: 'folder', path: defaultFolder })).resolves.toMatchObject({ ok: true });

    const picked = join(await makeTempDir('coffer-picked'), 'vault');
    await expect(app.pickFolder(picked)).resolves.toEqual({ path: picked });
    await expect(create(app, { kind: 'folder', path: picked })).resolves.toMatchObject({ ok: true });
    app.chooseFolder.mockResolvedValueOnce(undefined);
    await expect(app.ok('chooseVaultFolder')).resolves.toEqual({ path: null });
  });

  it('lets a later start unlock a recent vault without picking it again, but not a folder picked and never used', async () => {
    const userData = await makeTempDir('coffer-userdata');
    const first = await startApp({ userData });
    const used = join(await makeTempDir('coffer-picked'), 'vault');
    const unused = join(await makeTempDir('coffer-picked'), 'other');
    await first.pickFolder(used);
    await first.pickFolder(unused);
    await first.ok('createVault', { location: { kind: 'folder', path: used }, passphrase: PASSPHRASE, remember: false });
    await first.ok('lock');

    const second = await startApp({ userData });
    await expect(second.ok('unlock', { location: { kind: 'folder', path: used }, passphrase: PASSPHRASE, remember: false })).resolves.toMatchObject({
      status: { state: 'unlocked' },
    });
    await expect(create(second, { kind: 'folder', path: unused })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('asks before it first contacts new S3 storage, showing endpoint, bucket, prefix and credentials; a refusal sends nothing', async () => {
    const app = await startApp();
    app.confirmStorage.mockResolvedValueOnce(false);
    await expect(create(app, s3rverLocation('confirm-1'))).resolves.toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(app.confirmStorage).toHaveBeenCalledWith({
      endpoint: s3.endpoint,
      region: undefined,
      bucket: s3.bucket,
      prefix: 'confirm-1',
      credentials: { source: 'keys', accessKeyId: s3.credentials.accessKeyId },
    });
    expect(await objectsUnder('confirm-1')).toEqual([]);
    await expect(app.request('testConnection', { location: s3rverLocation('confirm-1') })).resolves.toMatchObject({ ok: true });
    expect(app.confirmStorage).toHaveBeenCalledTimes(2);
  });

  it('asks once per storage: the same location again is not asked, another endpoint or prefix is', async () => {
    const app = await startApp();
    await app.ok('createVault', { location: s3rverLocation('confirm-2'), passphrase: PASSPHRASE, remember: false });
    await app.ok('lock');
    await app.ok('unlock', { location: s3rverLocation('confirm-2'), passphrase: PASSPHRASE, remember: false });
    expect(app.confirmStorage).toHaveBeenCalledTimes(1);
    const sameServerOtherName = s3.endpoint.replace('127.0.0.1', 'localhost');
    await app.request('testConnection', { location: s3rverLocation('confirm-2', { endpoint: sameServerOtherName }) });
    await app.request('testConnection', { location: s3rverLocation('confirm-3') });
    expect(app.confirmStorage).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['plain http to another host', { endpoint: 'http://s3.example.com' }],
    ['no credential source', { credentialSource: undefined }],
    ['an access key id with the environment credentials', { credentialSource: 'environment' as const }],
    ['a secret with the environment credentials', { credentialSource: 'environment' as const, accessKeyId: undefined }],
    ['the access-key credentials without a key id', { accessKeyId: undefined, secretAccessKey: undefined }],
  ])('refuses %s before asking anyone', async (_what, extra) => {
    const app = await startApp();
    const location = JSON.parse(JSON.stringify(s3rverLocation('refused', extra))) as LocationInput;
    await expect(create(app, location)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(app.confirmStorage).not.toHaveBeenCalled();
  });

  it('uses the AWS profile or environment only where the user chose it, and says so in the confirmation', async () => {
    const app = await startApp();
    const environment: LocationInput = { kind: 's3', credentialSource: 'environment', bucket: s3.bucket, prefix: 'chain', endpoint: s3.endpoint, forcePathStyle: true };
    await app.request('testConnection', { location: environment });
    expect(app.confirmStorage).toHaveBeenCalledWith(expect.objectContaining({ credentials: { source: 'environment' } }));
  });

  it('asks again for a location remembered from before confirmations existed, naming its credential source', async () => {
    const userData = await makeTempDir('coffer-userdata');
    const old = { kind: 's3', bucket: s3.bucket, prefix: 'old-settings', endpoint: s3.endpoint, forcePathStyle: true };
    await writeFile(join(userData, 'settings.json'), JSON.stringify({ version: 1, location: old, autoLockMinutes: 10 }));
    const app = await startApp({ userData });
    await expect(app.ok('status')).resolves.toMatchObject({ location: { ...old, credentialSource: 'environment' } });
    app.confirmStorage.mockResolvedValueOnce(false);
    await expect(app.request('unlock', { location: { ...old, credentialSource: 'environment' } as LocationInput, passphrase: PASSPHRASE, remember: false }))
      .resolves.toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(app.confirmStorage).toHaveBeenCalledWith(expect.objectContaining({ credentials: { source: 'environment' } }));
  });

  it('imports what the user picked in the native dialog, and nothing when the dialog was cancelled', async () => {
    const app = await startApp();
    const { defaultFolder } = await app.ok('status');
    await app.ok('createVault', { location: { kind: 'folder', path: defaultFolder }, passphrase: PASSPHRASE, remember: false });
    await expect(app.ok('addFiles')).resolves.toEqual([]);
    app.chooseFilesToImport.mockResolvedValueOnce([source]);
    const [job] = await app.ok('addFiles');
    expect(job).toMatchObject({ path: source, name: 'holiday.mp4' });
    await vi.waitFor(() => expect(app.importedEvents(job!.jobId).at(-1)?.state).toBe('done'), { timeout: 30_000 });
  });
});

describe('IPC handlers: storage that goes away during an import', () => {
  it('reports the import failed with STORE_UNAVAILABLE, not cancelled, and lists nothing', async () => {
    const gone = await startS3rver();
    try {
      const app = await startApp();
      const location: LocationInput = {
        kind: 's3', credentialSource: 'keys', bucket: gone.bucket, prefix: 'going', endpoint: gone.endpoint, forcePathStyle: true,
        accessKeyId: gone.credentials.accessKeyId, secretAccessKey: gone.credentials.secretAccessKey,
      };
      await app.ok('createVault', { location, passphrase: PASSPHRASE, remember: false });
      const big = join(await makeTempDir('coffer-big'), 'big.bin');
      await writeFile(big, randomBytes(96 * 1024 * 1024));
      const [job] = await app.ok('importDropped', { paths: [big] });
      // Stopped once the first bytes are on their way, with most of the file still to go.
      await vi.waitFor(() => expect(app.importedEvents(job!.jobId).some((e) => e.bytesRead > 0)).toBe(true), { timeout: 30_000, interval: 5 });
      await gone.close();
      const [last] = await app.settled([job!]);
      expect(last).toMatchObject({ state: 'failed', item: null, error: { code: 'STORE_UNAVAILABLE', message: expect.stringContaining(gone.endpoint) } });
      expect(last!.bytesRead).toBeLessThan(96 * 1024 * 1024);
    } finally {
      await gone.close();
    }
  }, 120_000);
});
