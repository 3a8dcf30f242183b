import { describe, expect, it, vi } from 'vitest';
import { buildApi, subscriptionName, type ApiTransport } from '../../contract/api.js';
import { callChannel, callNames, eventChannel, eventNames } from '../../contract/channels.js';

/** Files "on disk", as a drop or a file input makes them; any other File has no path, as in Electron. */
const onDisk = new WeakMap<File, string>();
function droppedFile(path: string): File {
  const file = new File(['x'], path.split('/').pop()!);
  onDisk.set(file, path);
  return file;
}

function fakeTransport() {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const transport: ApiTransport = {
    invoke: vi.fn(async () => ({ ok: true, value: null })),
    on: (channel, listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    off: (channel, listener) => void listeners.get(channel)?.delete(listener),
    // Like webUtils.getPathForFile: '' for a File without a file behind it, a throw for a non-File.
    pathForFile: vi.fn((file: File) => {
      if (!(file instanceof File)) throw new TypeError('Expected a File');
      return onDisk.get(file) ?? '';
    }),
  };
  const emit = (channel: string, event: unknown, payload: unknown) => listeners.get(channel)?.forEach((l) => l(event, payload));
  return { transport, emit, listeners };
}

describe('the API the preload exposes, generated from the contract', () => {
  it('has one function per call, one subscription per event, and nothing else', () => {
    const api = buildApi(fakeTransport().transport);
    const expected = [...callNames, ...eventNames.map(subscriptionName)];
    expect(Object.keys(api).sort()).toEqual(expected.sort());
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('is frozen, so the page cannot swap a function for its own', () => {
    expect(Object.isFrozen(buildApi(fakeTransport().transport))).toBe(true);
  });

  it('sends each call on its own channel with exactly one argument, whatever the page passes', async () => {
    const { transport } = fakeTransport();
    const api = buildApi(transport);
    const extra = api.renameItem as unknown as (...args: unknown[]) => Promise<unknown>;
    await extra({ id: 'abc', name: 'x' }, 'smuggled', { more: true });
    expect(transport.invoke).toHaveBeenCalledWith(callChannel('renameItem'), { id: 'abc', name: 'x' });
    expect(vi.mocked(transport.invoke).mock.calls[0]).toHaveLength(2);
  });

  it('gives event listeners the payload only, never the Electron event (and its sender)', () => {
    const { transport, emit } = fakeTransport();
    const listener = vi.fn();
    buildApi(transport).onLocked(listener);
    const electronEvent = { sender: { send: () => undefined }, ports: [] };
    emit(eventChannel('locked'), electronEvent, { reason: 'idle' });
    expect(listener).toHaveBeenCalledWith({ reason: 'idle' });
    expect(listener.mock.calls[0]).toHaveLength(1);
  });

  it('unsubscribes exactly the listener it wrapped', () => {
    const { transport, emit, listeners } = fakeTransport();
    const api = buildApi(transport);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.onCatalogChanged(first);
    api.onCatalogChanged(second);
    stopFirst();
    emit(eventChannel('catalogChanged'), {}, { reason: 'rename' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(listeners.get(eventChannel('catalogChanged'))?.size).toBe(1);
  });

  it('imports dropped Files by the paths the preload finds behind them', async () => {
    const { transport } = fakeTransport();
    const files = [droppedFile('/home/me/film.mp4'), droppedFile('/home/me/notes.md')];
    await buildApi(transport).importDropped(files);
    expect(transport.invoke).toHaveBeenCalledWith(callChannel('importDropped'), { paths: ['/home/me/film.mp4', '/home/me/notes.md'] });
  });

  it.each([
    ['a path string instead of a File', ['/home/me/.ssh/id_ed25519']],
    ['a File the page made itself', [new File(['secret'], 'id_ed25519')]],
    ['a look-alike object', [{ name: 'id_ed25519', path: '/home/me/.ssh/id_ed25519' }]],
    ['a dropped File beside a forged one', [droppedFile('/home/me/film.mp4'), '/etc/shadow']],
    ['no files', []],
    ['something that is not a list', '/etc/shadow'],
  ])('refuses to import %s, without asking main', async (_what, files) => {
    const { transport } = fakeTransport();
    const result = await buildApi(transport).importDropped(files as unknown as File[]);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(transport.invoke).not.toHaveBeenCalled();
  });
});
