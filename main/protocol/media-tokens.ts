import { randomBytes } from 'node:crypto';
import type { MediaResolver, MediaSource } from './media-source.js';

/** 32 random bytes in base64url: 43 characters, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Per-session capability tokens for `vault://media/<token>` URLs. A token is 32 random bytes, so it
 * cannot be guessed, and it stands for an item id without revealing it: no item id, key or storage
 * path ever appears in a media URL. Tokens live only in memory and die together on `revokeAll()`,
 * which the app calls when the vault locks.
 */
export class MediaTokens {
  private readonly itemByToken = new Map<string, string>();
  private readonly tokenByItem = new Map<string, string>();

  /**
   * The token for `itemId`. Asking again for the same item returns the same token until the next
   * `revokeAll()`, so the registry grows with the number of items played, not with the number of
   * times the UI renders a player.
   */
  issue(itemId: string): string {
    const existing = this.tokenByItem.get(itemId);
    if (existing !== undefined) return existing;
    const token = randomBytes(32).toString('base64url');
    this.itemByToken.set(token, itemId);
    this.tokenByItem.set(itemId, token);
    return token;
  }

  /** The item id a live token stands for; undefined for anything else, including revoked tokens. */
  resolve(token: string): string | undefined {
    // Checking the shape first keeps arbitrary attacker strings out of the map lookup.
    return TOKEN_PATTERN.test(token) ? this.itemByToken.get(token) : undefined;
  }

  /** Kills every token issued so far; URLs built from them answer 404 from now on. */
  revokeAll(): void {
    this.itemByToken.clear();
    this.tokenByItem.clear();
  }
}

/**
 * The MediaResolver the media handler needs, built from the token registry and whatever opens an
 * item as a MediaSource (the vault in the app, plain files in tests). Unknown tokens resolve to
 * undefined without touching `sourceFor`.
 */
export function tokenResolver(
  tokens: MediaTokens,
  sourceFor: (itemId: string) => Promise<MediaSource | undefined> | MediaSource | undefined,
): MediaResolver {
  return (token) => {
    const itemId = tokens.resolve(token);
    return itemId === undefined ? undefined : sourceFor(itemId);
  };
}
