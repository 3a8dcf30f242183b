import { buffer } from 'node:stream/consumers';
import { MAX_TEXT_PREVIEW } from '../../contract/ipc.js';
import { CofferError } from '../errors.js';
import type { Vault } from '../vault/types.js';

/** Markdown as systems name it when not text/markdown. */
const MARKDOWN_TYPES = new Set(['application/markdown', 'application/x-markdown']);

/** Whether an item of this MIME type is shown as text: text/*, JSON and Markdown. */
export function isPreviewableText(contentType: string): boolean {
  const essence = (contentType.split(';')[0] as string).trim().toLowerCase();
  return essence.startsWith('text/') || essence === 'application/json' || MARKDOWN_TYPES.has(essence);
}

/**
 * The start of a text item, at most MAX_TEXT_PREVIEW bytes of it, decoded as UTF-8. Bytes that are
 * not UTF-8 become U+FFFD; a character cut by the limit is left out, never shown half.
 * INVALID_ARGUMENT for an item of another type.
 */
export async function previewText(vault: Vault, id: string, signal?: AbortSignal): Promise<{ text: string; truncated: boolean }> {
  const item = await vault.item(id);
  if (!isPreviewableText(item.type)) throw new CofferError('INVALID_ARGUMENT', `${item.type} is not shown as text`);
  if (item.size === 0) return { text: '', truncated: false };
  const truncated = item.size > MAX_TEXT_PREVIEW;
  const bytes = await buffer(await vault.openRange(id, 0, Math.min(item.size, MAX_TEXT_PREVIEW) - 1, signal));
  // In stream mode the decoder holds back an incomplete last character instead of replacing it.
  return { text: new TextDecoder('utf-8').decode(bytes, { stream: truncated }), truncated };
}
