import { NotFoundError } from '../errors.js';
import type { Vault } from '../vault/types.js';
import type { MediaSource } from './media-source.js';

/**
 * An item of an unlocked vault as a MediaSource: size and type from its sealed metadata, bytes from a
 * decrypting ranged read whose storage request dies with the player's request. Unknown items (deleted
 * since the token was issued) resolve to undefined, which the handler answers with 404.
 */
export async function vaultMediaSource(vault: Vault, itemId: string): Promise<MediaSource | undefined> {
  try {
    const item = await vault.item(itemId);
    return { size: item.size, contentType: item.type, name: item.name, open: (start, end, signal) => vault.openRange(itemId, start, end, signal) };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
