/** previewText over a real vault in a folder: what a text item starts with, cut at a character. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_PREVIEW } from '../../contract/ipc.js';
import { isPreviewableText } from '../../main/ipc/text-preview.js';
import { startIpcApp, type IpcApp } from '../helpers/ipc-app.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

async function addFile(app: IpcApp, name: string, content: string | Buffer): Promise<string> {
  const file = join(await makeTempDir('coffer-text'), name);
  await writeFile(file, content);
  return (await app.session.vault().importFile(file)).id;
}

async function unlockedApp() {
  const app = await startIpcApp();
  await app.createFolderVault();
  return app;
}

describe('text preview', () => {
  it.each([
    ['notes.txt', 'Shopping: eggs, 우유, café\n'],
    ['data.json', '{"name": "Coffer", "tags": ["vault"]}'],
    ['README.md', '# Coffer\n\n*Encrypted* media.'],
    ['subtitles.vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello'],
  ])('shows %s whole when it is short', async (name, content) => {
    const app = await unlockedApp();
    const id = await addFile(app, name, content);
    await expect(app.ok('previewText', { id })).resolves.toEqual({ text: content, truncated: false });
  });

  it('shows an empty text file as empty', async () => {
    const app = await unlockedApp();
    const id = await addFile(app, 'empty.txt', '');
    await expect(app.ok('previewText', { id })).resolves.toEqual({ text: '', truncated: false });
  });

  it(`shows the first ${MAX_TEXT_PREVIEW} bytes of a longer file, leaving out a character the cut would split`, async () => {
    const app = await unlockedApp();
    // '한' is three bytes in UTF-8: this one starts one byte before the cut.
    const content = `${'a'.repeat(MAX_TEXT_PREVIEW - 1)}한${'b'.repeat(1000)}`;
    const id = await addFile(app, 'long.txt', content);
    const { text, truncated } = await app.ok('previewText', { id });
    expect(truncated).toBe(true);
    expect(text).toBe('a'.repeat(MAX_TEXT_PREVIEW - 1));
  });

  it('ends at the cut exactly when a character ends there', async () => {
    const app = await unlockedApp();
    const content = `${'a'.repeat(MAX_TEXT_PREVIEW - 3)}한b`;
    const id = await addFile(app, 'long.txt', content);
    await expect(app.ok('previewText', { id })).resolves.toEqual({ text: `${'a'.repeat(MAX_TEXT_PREVIEW - 3)}한`, truncated: true });
  });

  it('shows bytes that are not UTF-8 as U+FFFD', async () => {
    const app = await unlockedApp();
    const id = await addFile(app, 'latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x21]));
    await expect(app.ok('previewText', { id })).resolves.toEqual({ text: 'caf\ufffd!', truncated: false });
  });

  it('refuses an item that is not text with INVALID_ARGUMENT', async () => {
    const app = await unlockedApp();
    const id = await addFile(app, 'film.mp4', Buffer.alloc(100));
    await expect(app.request('previewText', { id })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('answers NOT_FOUND for an unknown item and LOCKED while locked', async () => {
    const app = await unlockedApp();
    await expect(app.request('previewText', { id: 'no-such-item' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await app.ok('lock');
    await expect(app.request('previewText', { id: 'no-such-item' })).resolves.toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it.each([
    ['text/plain', true],
    ['text/markdown; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/x-markdown', true],
    ['video/mp4', false],
    ['image/svg+xml', false],
    ['application/pdf', false],
    ['application/octet-stream', false],
  ])('takes %s for text: %s', (type, expected) => {
    expect(isPreviewableText(type)).toBe(expected);
  });
});
