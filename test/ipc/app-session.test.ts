import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../main/errors.js';
import { AppSession } from '../../main/ipc/app-session.js';
import type { Vault } from '../../main/vault/types.js';

/** A test double with the Vault methods the session uses: item lookup, ranged reads and lock. */
function vaultDouble() {
  const film = { id: 'film', name: 'film.mp4', size: 1000, type: 'video/mp4', added: '2026-01-01T00:00:00Z', compressed: false };
  return {
    location: '/v',
    lock: vi.fn(),
    item: vi.fn(async (id: string) => {
      if (id !== film.id) throw new NotFoundError(`item ${id}`);
      return film;
    }),
    openRange: vi.fn(async () => Readable.from([Buffer.alloc(10)])),
  } as unknown as Vault & { lock: ReturnType<typeof vi.fn> };
}

function setup() {
  let clock = 1_000;
  const emit = vi.fn();
  const session = new AppSession({ emit, now: () => clock });
  return { session, emit, advance: (ms: number) => (clock += ms) };
}

const tokenOf = (url: string) => url.replace('vault://media/', '');

describe('vault session', () => {
  it('answers LOCKED while no vault is open', () => {
    const { session } = setup();
    expect(session.unlocked).toBe(false);
    expect(() => session.vault()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
  });

  it('locking drops the keys, aborts running work and tells the renderer, once', () => {
    const { session, emit } = setup();
    const vault = vaultDouble();
    session.open(vault);
    const signal = session.signal;
    session.lock('suspend');
    session.lock('user');
    expect(vault.lock).toHaveBeenCalledOnce();
    expect(signal.aborted).toBe(true);
    expect(session.signal.aborted).toBe(false);
    expect(emit.mock.calls).toEqual([['locked', { reason: 'suspend' }]]);
  });

  it('issues media URLs that resolve to the item while unlocked and to nothing after a lock', async () => {
    const { session } = setup();
    const vault = vaultDouble();
    session.open(vault);
    const url = await session.mediaUrl('film');
    expect(url).toMatch(/^vault:\/\/media\/[A-Za-z0-9_-]{43}$/);
    const source = await session.resolveMedia(tokenOf(url));
    expect(source).toMatchObject({ size: 1000, contentType: 'video/mp4' });
    await source!.open(0, 9, new AbortController().signal);
    expect(vault.openRange).toHaveBeenCalledWith('film', 0, 9, expect.any(AbortSignal));
    session.lock('idle');
    expect(await session.resolveMedia(tokenOf(url))).toBeUndefined();
    // Unlocking again does not bring old URLs back.
    session.open(vaultDouble());
    expect(await session.resolveMedia(tokenOf(url))).toBeUndefined();
    expect(await session.resolveMedia(tokenOf(await session.mediaUrl('film')))).toBeDefined();
  });

  it('answers LOCKED for a media URL whose item lookup outlived a lock, so no token names an item of the next vault', async () => {
    const { session } = setup();
    const vault = vaultDouble();
    let finishLookup!: () => void;
    const lookup = new Promise<void>((resolve) => (finishLookup = resolve));
    const lookUp = vault.item;
    vi.mocked(vault.item).mockImplementationOnce(async (id) => {
      await lookup;
      return lookUp(id);
    });
    session.open(vault);
    const url = session.mediaUrl('film');
    session.lock('user');
    session.open(vaultDouble());
    finishLookup();
    await expect(url).rejects.toMatchObject({ code: 'LOCKED' });
  });

  /** A media read under way: the player's signal, and the one the vault's read was given. */
  async function streaming() {
    const { session } = setup();
    const vault = vaultDouble();
    session.open(vault);
    const source = await session.resolveMedia(tokenOf(await session.mediaUrl('film')));
    const player = new AbortController();
    await source!.open(0, 999, player.signal);
    return { session, player, readSignal: vi.mocked(vault.openRange).mock.calls[0]![3]! };
  }

  it('aborts the storage read of media still streaming when the vault locks', async () => {
    const { session, player, readSignal } = await streaming();
    expect(readSignal.aborted).toBe(false);
    session.lock('user');
    expect(readSignal.aborted).toBe(true);
    expect(player.signal.aborted).toBe(false);
  });

  it('still aborts the storage read when the player cancels it', async () => {
    const { player, readSignal } = await streaming();
    player.abort();
    expect(readSignal.aborted).toBe(true);
  });

  it('answers NOT_FOUND for a media URL of an unknown item', async () => {
    const { session } = setup();
    session.open(vaultDouble());
    await expect(session.mediaUrl('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('locks the previous vault when another is opened', () => {
    const { session } = setup();
    const first = vaultDouble();
    session.open(first);
    session.open(vaultDouble());
    expect(first.lock).toHaveBeenCalledOnce();
    expect(session.unlocked).toBe(true);
  });

  it('measures idleness from the last activity, and is never idle while work runs', async () => {
    const { session, advance } = setup();
    session.open(vaultDouble());
    advance(5_000);
    expect(session.idleMs()).toBe(5_000);
    let finish!: () => void;
    const work = session.busy(() => new Promise<void>((resolve) => (finish = resolve)));
    advance(60_000);
    expect(session.idleMs()).toBe(0);
    finish();
    await work;
    expect(session.idleMs()).toBe(0);
    advance(1_000);
    expect(session.idleMs()).toBe(1_000);
  });

  it('counts serving media as activity', async () => {
    const { session, advance } = setup();
    session.open(vaultDouble());
    const url = await session.mediaUrl('film');
    advance(10_000);
    await session.resolveMedia(tokenOf(url));
    expect(session.idleMs()).toBe(0);
  });
});
