import { clipboard, shell } from 'electron';
import { CofferError } from '../errors.js';
import { isExternalPlayerUrl } from '../shell/web-policy.js';

/** Opens an external player's loopback URL with the system's default handler; refuses any other URL. */
export async function openLoopbackUrl(url: string): Promise<void> {
  if (!isExternalPlayerUrl(url)) throw new CofferError('INVALID_ARGUMENT', 'only the loopback URL of the external player is opened');
  await shell.openExternal(url);
}

/** Puts text on the system clipboard. */
export function copyText(text: string): Promise<void> {
  return clipboard.writeText(text);
}
