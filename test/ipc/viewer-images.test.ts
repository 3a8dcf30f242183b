/**
 * The image viewer shows vault:// URLs in <img>: imported raster images must come back inline,
 * with their own type, whole (200) and in ranges (206), exactly as video does.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMediaHandler } from '../../main/protocol/media-handler.js';
import { startIpcApp } from '../helpers/ipc-app.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

/** The first bytes each format is recognised by, then noise: the handler never decodes an image. */
const IMAGES: [string, string, Buffer][] = [
  ['photo.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
  ['photo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['photo.webp', 'image/webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP')])],
  ['photo.avif', 'image/avif', Buffer.concat([Buffer.alloc(4), Buffer.from('ftypavif')])],
  ['photo.gif', 'image/gif', Buffer.from('GIF89a')],
];

describe('vault:// for the image viewer', () => {
  it.each(IMAGES)('serves an imported %s as %s inline, whole with 200 and in ranges with 206', async (name, type, magic) => {
    const app = await startIpcApp();
    await app.createFolderVault();
    const bytes = Buffer.concat([magic, randomBytes(200_000)]);
    const file = join(await makeTempDir('coffer-image'), name);
    await writeFile(file, bytes);
    const { id } = await app.session.vault().importFile(file);
    const { url } = await app.ok('mediaUrl', { id });
    const media = createMediaHandler({ resolve: app.session.resolveMedia, onError: app.log });

    const whole = await media(new Request(url));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe(type);
    expect(whole.headers.get('content-disposition')).toBeNull();
    expect(whole.headers.get('content-security-policy')).toBeNull();
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await media(new Request(url, { headers: { Range: 'bytes=100-199' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });
});
