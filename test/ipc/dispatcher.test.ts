import { describe, expect, it, vi } from 'vitest';
import { callNames, type CallName } from '../../contract/channels.js';
import { calls } from '../../contract/ipc.js';
import { createDispatcher, type Handlers } from '../../main/ipc/dispatcher.js';
import type { Sender } from '../../main/ipc/sender-policy.js';
import { CofferError, WrongPassphraseError } from '../../main/errors.js';

const item = { id: 'abc', name: 'film.mp4', size: 10, type: 'video/mp4', added: '2026-01-01T00:00:00Z', compressed: false, folder: '' };
const status = {
  state: 'locked', location: { kind: 'folder', path: '/v' }, rememberedUnlock: false, defaultFolder: '/v', locationHasVault: true, recent: [],
} as const;
const settingsView = { autoLockMinutes: 5, language: 'system', theme: 'system', parallelImports: 2, secretStorage: 'available' };

/** Handlers that record calls and answer with valid values: a double for testing the dispatcher alone. */
function spyHandlers(): Handlers {
  const unlocked = { status, secretsNotStored: null };
  const answers: { [K in CallName]: unknown } = {
    createVault: unlocked,
    unlock: unlocked,
    unlockRemembered: unlocked,
    forgetRemembered: null,
    lock: null,
    status,
    listItems: [item],
    importDropped: [],
    addFiles: [],
    addFolder: [],
    cancelAllImports: null,
    retryImport: { jobId: '6f1c4b1e-8d7a-4a52-9d7e-2b4f2c3a1e10', path: '/a/b.txt', name: 'b.txt', folder: '' },
    exportItems: { folder: null, written: 0 },
    chooseVaultFolder: { path: null },
    cancelImport: null,
    renameItem: item,
    deleteItem: null,
    exportItem: { path: null },
    vaultUsage: { items: 1, bytes: 10, storedBytes: 200 },
    getSettings: settingsView,
    setSettings: settingsView,
    changePassphrase: null,
    forgetSecrets: null,
    testConnection: { outcome: 'reachable', contents: 'vault', detail: '/v answered' },
    mediaUrl: { url: 'vault://media/x', resumeAt: null },
    savePosition: null,
    previewText: { text: 'hello', truncated: false },
    externalPlayer: { url: 'http://127.0.0.1:1/s/media/x' },
  };
  return Object.fromEntries(callNames.map((name) => [name, vi.fn(async () => answers[name])])) as unknown as Handlers;
}

const trusted: Sender = { frame: { url: 'app://coffer/index.html', parent: null }, contentsId: 1 };

function setup(options: { trusted?: boolean } = {}) {
  const handlers = spyHandlers();
  const log = vi.fn();
  const dispatch = createDispatcher({ handlers, isTrusted: () => options.trusted ?? true, log });
  return { handlers, log, dispatch };
}

const folder = { kind: 'folder', path: '/home/me/vault' };

describe('IPC dispatcher: arguments are parsed with the contract before any handler runs', () => {
  it('lists a schema for exactly the calls the preload exposes', () => {
    expect(Object.keys(calls).sort()).toEqual([...callNames].sort());
  });

  it('passes a valid argument to the handler and wraps its value as { ok: true, value }', async () => {
    const { handlers, dispatch } = setup();
    const input = { location: folder, passphrase: 'correct horse', remember: false };
    await expect(dispatch('unlock', trusted, [input])).resolves.toEqual({ ok: true, value: { status, secretsNotStored: null } });
    expect(handlers.unlock).toHaveBeenCalledWith(input);
  });

  it.each([
    ['a wrong type', 'renameItem', { id: 'abc', name: 42 }],
    ['an extra field', 'renameItem', { id: 'abc', name: 'x', admin: true }],
    ['a missing field', 'renameItem', { id: 'abc' }],
    ['an argument where none is taken', 'listItems', { all: true }],
    ['no argument where one is required', 'deleteItem', undefined],
    ['a relative import path', 'importDropped', { paths: ['videos/film.mp4'] }],
    ['a bare file name', 'importDropped', { paths: ['film.mp4'] }],
    ['a drive-relative Windows path', 'importDropped', { paths: ['C:film.mp4'] }],
    ['a path containing NUL', 'importDropped', { paths: ['/tmp/a\0b'] }],
    ['an empty import batch', 'importDropped', { paths: [] }],
    ['a huge path', 'importDropped', { paths: [`/${'a'.repeat(5000)}`] }],
    ['too many files at once', 'importDropped', { paths: Array.from({ length: 1001 }, (_, i) => `/f${i}`) }],
    ['a huge passphrase', 'unlock', { location: folder, passphrase: 'x'.repeat(1025), remember: false }],
    ['a huge name', 'renameItem', { id: 'abc', name: 'n'.repeat(256) }],
    ['a name with control characters', 'renameItem', { id: 'abc', name: 'a\nb' }],
    ['an item id with path characters', 'deleteItem', { id: '../config' }],
    ['a job id that is not a UUID', 'cancelImport', { jobId: 'job-1' }],
    ['a relative vault folder', 'createVault', { location: { kind: 'folder', path: 'vault' }, passphrase: 'long enough', remember: false }],
    ['a short new passphrase', 'createVault', { location: folder, passphrase: 'short', remember: false }],
    ['an unknown location kind', 'testConnection', { location: { kind: 'ftp', path: '/x' } }],
    ['an extra field inside the location', 'testConnection', { location: { ...folder, secret: 'x' } }],
    ['a file: endpoint', 'testConnection', { location: { kind: 's3', credentialSource: 'environment', bucket: 'my-bucket', prefix: '', endpoint: 'file:///etc' } }],
    ['an invalid bucket name', 'testConnection', { location: { kind: 's3', credentialSource: 'environment', bucket: 'My_Bucket', prefix: '' } }],
    ['an S3 location without a credential source', 'testConnection', { location: { kind: 's3', bucket: 'my-bucket', prefix: '' } }],
    ['plain http to a host that is not this computer', 'testConnection', {
      location: { kind: 's3', credentialSource: 'environment', bucket: 'my-bucket', prefix: '', endpoint: 'http://192.0.2.1:9000' },
    }],
    ['an access key id beside the environment credentials', 'testConnection', {
      location: { kind: 's3', credentialSource: 'environment', bucket: 'my-bucket', prefix: '', accessKeyId: 'AKIA1' },
    }],
    ['a path where the folder dialog takes none', 'chooseVaultFolder', { path: '/home/me/.ssh' }],
    ['paths where the file dialog takes none', 'addFiles', { paths: ['/home/me/.ssh/id_ed25519'] }],
    ['auto-lock minutes out of range', 'setSettings', { autoLockMinutes: -1 }],
    ['fractional auto-lock minutes', 'setSettings', { autoLockMinutes: 1.5 }],
    ['a non-object argument', 'mediaUrl', 'abc'],
  ] as const)('refuses %s with INVALID_ARGUMENT and calls nothing', async (_case, name, input) => {
    const { handlers, dispatch } = setup();
    const result = await dispatch(name, trusted, [input]);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses more than one argument', async () => {
    const { handlers, dispatch } = setup();
    const result = await dispatch('deleteItem', trusted, [{ id: 'abc' }, { id: 'def' }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(handlers.deleteItem).not.toHaveBeenCalled();
  });

  it('refuses a name that is not a call, even one every object has', async () => {
    const { dispatch } = setup();
    const result = await dispatch('toString' as CallName, trusted, []);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('keeps error messages short even when the input is huge', async () => {
    const { dispatch } = setup();
    const result = await dispatch('renameItem', trusted, [{ id: 'abc', name: 'x', [`k${'y'.repeat(10_000)}`]: 1 }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThanOrEqual(500);
  });

  it('accepts Windows absolute paths as well as POSIX ones', async () => {
    const { handlers, dispatch } = setup();
    const paths = ['C:\\Users\\me\\film.mp4', 'd:/media/clip.webm', '\\\\server\\share\\a.mp4', '/home/me/a.mp4'];
    await expect(dispatch('importDropped', trusted, [{ paths }])).resolves.toMatchObject({ ok: true });
    expect(handlers.importDropped).toHaveBeenCalledWith({ paths });
  });
});

describe('IPC dispatcher: results and errors cross as values', () => {
  it('strips fields a handler returns that the contract does not declare', async () => {
    const { handlers, dispatch } = setup();
    vi.mocked(handlers.listItems).mockResolvedValue([{ ...item, storageKey: 'objects/secret' } as never]);
    const result = await dispatch('listItems', trusted, []);
    expect(result).toEqual({ ok: true, value: [item] });
  });

  it('turns a CofferError into its stable code and message', async () => {
    const { handlers, dispatch } = setup();
    vi.mocked(handlers.unlock).mockRejectedValue(new WrongPassphraseError());
    const result = await dispatch('unlock', trusted, [{ location: folder, passphrase: 'nope', remember: false }]);
    expect(result).toEqual({ ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'wrong passphrase' } });
  });

  it('reports an unexpected error as INTERNAL without its message, and logs the original', async () => {
    const { handlers, log, dispatch } = setup();
    const bug = new TypeError('cannot read /home/me/secret-path');
    vi.mocked(handlers.listItems).mockRejectedValue(bug);
    const result = await dispatch('listItems', trusted, []);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret-path');
    expect(log).toHaveBeenCalledWith(bug);
  });

  it('reports a handler result that breaks the contract as INTERNAL rather than sending it', async () => {
    const { handlers, dispatch } = setup();
    vi.mocked(handlers.mediaUrl).mockResolvedValue({ url: 42 } as never);
    await expect(dispatch('mediaUrl', trusted, [{ id: 'abc' }])).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('keeps LOCKED as a code the UI can branch on', async () => {
    const { handlers, dispatch } = setup();
    vi.mocked(handlers.listItems).mockRejectedValue(new CofferError('LOCKED', 'the vault is locked'));
    await expect(dispatch('listItems', trusted, [])).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

describe('IPC dispatcher: only trusted senders are heard', () => {
  it('answers FORBIDDEN and calls nothing when the sender is not trusted', async () => {
    const { handlers, dispatch } = setup({ trusted: false });
    const result = await dispatch('lock', { frame: null, contentsId: 1 }, []);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('checks the sender before parsing, so an untrusted frame learns nothing about the schema', async () => {
    const { dispatch } = setup({ trusted: false });
    const result = await dispatch('renameItem', trusted, [{ id: 42 }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('counts accepted requests as activity, and refused ones not', async () => {
    const onActivity = vi.fn();
    const dispatch = createDispatcher({ handlers: spyHandlers(), isTrusted: (s) => s.contentsId === 1, log: vi.fn(), onActivity });
    await dispatch('status', { ...trusted, contentsId: 2 }, []);
    await dispatch('status', trusted, [{ bad: true }]);
    expect(onActivity).not.toHaveBeenCalled();
    await dispatch('status', trusted, []);
    expect(onActivity).toHaveBeenCalledTimes(1);
  });
});
