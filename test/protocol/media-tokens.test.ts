import { describe, expect, it, vi } from 'vitest';
import { createMediaHandler } from '../../main/protocol/media-handler.js';
import { MediaTokens, tokenResolver } from '../../main/protocol/media-tokens.js';
import { memoryMediaSource, patternBytes } from '../helpers/memory-media-source.js';

describe('MediaTokens', () => {
  it('issues 32 random bytes as 43 characters of base64url', () => {
    const token = new MediaTokens().issue('item-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('never puts the item id in the token', () => {
    const itemId = 'f3a9c2d4e5b60718293a4b5c6d7e8f90';
    const tokens = new MediaTokens();
    const token = tokens.issue(itemId);
    const decoded = Buffer.from(token, 'base64url');
    for (const view of [token, decoded.toString('latin1'), decoded.toString('hex')]) {
      expect(view).not.toContain(itemId.slice(0, 8));
    }
  });

  it('resolves a token to its item, and gives different items different tokens', () => {
    const tokens = new MediaTokens();
    const a = tokens.issue('a');
    const b = tokens.issue('b');
    expect(a).not.toBe(b);
    expect(tokens.resolve(a)).toBe('a');
    expect(tokens.resolve(b)).toBe('b');
  });

  it('returns the live token again for an item it already issued one for', () => {
    const tokens = new MediaTokens();
    expect(tokens.issue('a')).toBe(tokens.issue('a'));
  });

  it('issues unrelated tokens in separate sessions', () => {
    expect(new MediaTokens().issue('a')).not.toBe(new MediaTokens().issue('a'));
  });

  it('resolves nothing it did not issue', () => {
    const tokens = new MediaTokens();
    const token = tokens.issue('a');
    expect(tokens.resolve(`${token.slice(0, 42)}${token[42] === 'A' ? 'B' : 'A'}`)).toBeUndefined();
    expect(tokens.resolve('a')).toBeUndefined();
    expect(tokens.resolve('')).toBeUndefined();
    expect(tokens.resolve('__proto__')).toBeUndefined();
  });

  it('kills every token on revokeAll, and issues fresh ones afterwards', () => {
    const tokens = new MediaTokens();
    const before = [tokens.issue('a'), tokens.issue('b')];
    tokens.revokeAll();
    expect(before.map((token) => tokens.resolve(token))).toEqual([undefined, undefined]);
    const after = tokens.issue('a');
    expect(after).not.toBe(before[0]);
    expect(tokens.resolve(after)).toBe('a');
  });
});

describe('tokenResolver', () => {
  it('serves an issued token through the handler, and 404s it once the vault locks', async () => {
    const data = patternBytes(100);
    const tokens = new MediaTokens();
    const sourceFor = vi.fn((itemId: string) => (itemId === 'movie' ? memoryMediaSource(data) : undefined));
    const handler = createMediaHandler({ resolve: tokenResolver(tokens, sourceFor) });
    const url = `vault://media/${tokens.issue('movie')}`;

    const served = await handler(new Request(url));
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(data);
    expect(sourceFor).toHaveBeenCalledWith('movie');

    tokens.revokeAll();
    expect((await handler(new Request(url))).status).toBe(404);
    expect(sourceFor).toHaveBeenCalledTimes(1);
  });
});
