import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shouldCompress } from '../../main/pipeline/compression-policy.js';
import { detectContentType } from '../../main/pipeline/content-type.js';
import { ProgressMeter } from '../../main/pipeline/progress-meter.js';
import type { ImportProgress } from '../../main/pipeline/import-options.js';
import { isItemId, newItemId } from '../../main/catalog/storage-keys.js';

const mp4Head = Buffer.concat([Buffer.from('\0\0\0\x20ftypisom'), Buffer.alloc(20)]);
const pngHead = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
const webmHead = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from('webm'), Buffer.alloc(8)]);
const text = Buffer.from('The quick brown fox jumps over the lazy dog.\n'.repeat(200));

describe('content type detection', () => {
  it.each([
    ['clip.mp4', mp4Head, 'video/mp4'],
    ['clip.MOV', Buffer.concat([Buffer.from('\0\0\0\x14ftypqt  '), Buffer.alloc(20)]), 'video/quicktime'],
    ['song.m4a', mp4Head, 'audio/mp4'],
    ['film.webm', webmHead, 'video/webm'],
    ['photo.jpg', pngHead, 'image/png'],
    ['renamed.txt', mp4Head, 'video/mp4'],
    ['no-extension', pngHead, 'image/png'],
    ['notes.md', text, 'text/markdown'],
    ['README', text, 'text/plain'],
    ['blob', randomBytes(64), 'application/octet-stream'],
    ['empty.bin', Buffer.alloc(0), 'application/octet-stream'],
  ])('%s is %s', (name, head, expected) => {
    expect(detectContentType(name, head)).toBe(expected);
  });
});

describe('compression policy', () => {
  it('never compresses media or archives, however compressible the sample looks', () => {
    for (const type of ['video/mp4', 'audio/mpeg', 'image/jpeg', 'application/zip', 'application/gzip']) {
      expect(shouldCompress(type, text), type).toBe(false);
    }
  });
  it('compresses text that saves at least 10 %', () => {
    expect(shouldCompress('text/plain', text)).toBe(true);
    expect(shouldCompress('image/bmp', Buffer.alloc(4096))).toBe(true);
  });
  it('does not compress data that saves less than 10 %', () => {
    const mostlyRandom = Buffer.concat([randomBytes(9500), Buffer.alloc(500)]);
    expect(shouldCompress('application/octet-stream', mostlyRandom)).toBe(false);
    expect(shouldCompress('application/octet-stream', Buffer.alloc(0))).toBe(false);
  });
});

describe('progress meter', () => {
  it('throttles reports, smooths the rate and counts down the ETA', () => {
    let now = 0;
    const reports: ImportProgress[] = [];
    const meter = new ProgressMeter(1000, (p) => reports.push(p), () => now);
    meter.read(50);
    expect(reports).toHaveLength(0);
    now = 250;
    meter.read(50);
    expect(reports.at(-1)).toMatchObject({ bytesRead: 100, rate: 400, etaSeconds: 900 / 400 });
    now = 500;
    meter.stored(90);
    expect(reports.at(-1)).toMatchObject({ bytesStored: 90, rate: 400 * 0.7 });
    meter.read(900);
    meter.finish();
    expect(reports.at(-1)).toMatchObject({ bytesRead: 1000, etaSeconds: 0 });
  });

  it('reports at once when the last byte is read, whatever the throttle says', () => {
    let now = 0;
    const reports: ImportProgress[] = [];
    const meter = new ProgressMeter(1000, (p) => reports.push(p), () => now);
    meter.read(400);
    now = 10;
    meter.read(600);
    expect(reports).toMatchObject([{ bytesRead: 1000, total: 1000, etaSeconds: 0 }]);
  });
});

describe('item ids', () => {
  it('are 26 base32 characters and do not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, newItemId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(isItemId(id)).toBe(true);
  });
});
