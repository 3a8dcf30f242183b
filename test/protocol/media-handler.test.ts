import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, CofferError, type ErrorCode } from '../../main/errors.js';
import { createMediaHandler, mediaTokenFromUrl } from '../../main/protocol/media-handler.js';
import type { MediaResolver, MediaSource } from '../../main/protocol/media-source.js';
import { memoryMediaSource, patternBytes } from '../helpers/memory-media-source.js';

const TOKEN = 'tok_en-1';
const URL_ = `vault://media/${TOKEN}`;
const DATA = patternBytes(10_000);

let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  // Give any stray rejection from a cancelled or failed body the turns it needs to surface.
  await sleep(20);
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

/** A handler serving `source` for TOKEN, with onError recorded. */
function serve(source: MediaSource | MediaResolver) {
  const onError = vi.fn();
  const resolve: MediaResolver = typeof source === 'function' ? source : (token) => (token === TOKEN ? source : undefined);
  const handler = createMediaHandler({ resolve, onError });
  const request = (init: RequestInit & { url?: string } = {}) => handler(new Request(init.url ?? URL_, init));
  return { handler, request, onError };
}

async function bodyOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

describe('media handler: GET', () => {
  it('serves the whole item with 200 and Content-Length when there is no Range', async () => {
    const { request } = serve(memoryMediaSource(DATA));
    const response = await request();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('10000');
    expect(response.headers.get('content-range')).toBeNull();
    expect(await bodyOf(response)).toEqual(DATA);
  });

  it('serves bytes=A-B as 206 with Content-Range bytes A-B/size, Content-Length B−A+1 and exactly those bytes', async () => {
    const source = memoryMediaSource(DATA);
    const { request } = serve(source);
    const response = await request({ headers: { Range: 'bytes=1234-5677' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 1234-5677/10000');
    expect(response.headers.get('content-length')).toBe('4444');
    expect(await bodyOf(response)).toEqual(DATA.subarray(1234, 5678));
    expect(source.opens.map(({ start, end }) => [start, end])).toEqual([[1234, 5677]]);
  });

  it('serves bytes=N- from N through the last byte', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ headers: { Range: 'bytes=9000-' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 9000-9999/10000');
    expect(await bodyOf(response)).toEqual(DATA.subarray(9000));
  });

  it('serves bytes=-N as the last N bytes', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ headers: { Range: 'bytes=-10' } });
    expect(response.headers.get('content-range')).toBe('bytes 9990-9999/10000');
    expect(await bodyOf(response)).toEqual(DATA.subarray(9990));
  });

  it('clamps a range end past the last byte to size − 1', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ headers: { Range: 'bytes=9998-20000' } });
    expect(response.headers.get('content-range')).toBe('bytes 9998-9999/10000');
    expect(response.headers.get('content-length')).toBe('2');
    expect(await bodyOf(response)).toEqual(DATA.subarray(9998));
  });

  it('serves only the first satisfiable range when several are asked for', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ headers: { Range: 'bytes=20000-, 10-19, 30-39' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 10-19/10000');
    expect(await bodyOf(response)).toEqual(DATA.subarray(10, 20));
  });

  it('ignores a syntactically invalid Range and serves the whole item with 200', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ headers: { Range: 'bytes=5-1' } });
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual(DATA);
  });

  it('rejects a range that starts past the end with 416 and bytes */size, without opening the source', async () => {
    const source = memoryMediaSource(DATA);
    const response = await serve(source).request({ headers: { Range: 'bytes=10000-' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */10000');
    expect(await bodyOf(response)).toEqual(new Uint8Array());
    expect(source.opens).toEqual([]);
  });

  it('rejects a zero-length suffix with 416', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ headers: { Range: 'bytes=-0' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */10000');
  });

  it('serves an empty item as an empty 200 without opening the source', async () => {
    const source = memoryMediaSource(new Uint8Array());
    const response = await serve(source).request();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('0');
    expect(await bodyOf(response)).toEqual(new Uint8Array());
    expect(source.opens).toEqual([]);
  });
});

describe('media handler: headers', () => {
  it.each([
    ['GET', undefined, 200],
    ['GET', 'bytes=0-1', 206],
    ['GET', 'bytes=99999-', 416],
    ['HEAD', undefined, 200],
  ])('sends Accept-Ranges, no-store, nosniff and the source Content-Type on %s Range=%s (%i)', async (method, range, status) => {
    const { request } = serve(memoryMediaSource(DATA, { contentType: 'video/webm' }));
    const response = await request({ method, headers: range ? { Range: range } : {} });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await response.body?.cancel();
  });

  it('refuses to serve a source without a content type rather than let Electron guess text/html', async () => {
    const source = memoryMediaSource(DATA, { contentType: '' });
    const { request, onError } = serve(source);
    const response = await request();
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(source.opens).toEqual([]);
    expect(onError).toHaveBeenCalledOnce();
  });
});

describe('media handler: active content', () => {
  const SANDBOX = "sandbox; default-src 'none'";

  it.each([
    'text/html',
    'text/html; charset=utf-8',
    'application/xhtml+xml',
    'image/svg+xml',
    'IMAGE/SVG+XML',
    'application/xml',
    'text/xml',
    'text/plain',
    'application/pdf',
    'application/javascript',
    'application/octet-stream',
    'application/zip',
    // Chromium takes the last type of a list: this one is HTML to it.
    'video/mp4, text/html',
    'video/mp4 text/html',
    'video',
  ])('serves %j as an attachment under a script-less CSP sandbox, with nosniff', async (contentType) => {
    const response = await serve(memoryMediaSource(DATA, { contentType })).request();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('content-security-policy')).toBe(SANDBOX);
    expect(response.headers.get('content-disposition')).toBe('attachment');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await response.body?.cancel();
  });

  it.each([
    ['GET', 'bytes=0-1', 206],
    ['GET', 'bytes=99999-', 416],
    ['HEAD', undefined, 200],
  ])('keeps the sandbox and the attachment on %s Range=%s (%i) of an active item', async (method, range, status) => {
    const response = await serve(memoryMediaSource(DATA, { contentType: 'text/html' })).request({
      method,
      headers: range ? { Range: range } : {},
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(SANDBOX);
    expect(response.headers.get('content-disposition')).toBe('attachment');
    await response.body?.cancel();
  });

  it.each([
    'video/mp4',
    'video/webm',
    'video/x-matroska',
    'video/mp4; codecs=avc1.42E01E',
    'audio/mpeg',
    'audio/mp4',
    'audio/flac',
    'image/jpeg',
    'Image/JPEG',
    'image/png',
    'image/gif',
    'image/webp',
    'image/avif',
    'image/bmp',
    'image/x-icon',
  ])('serves passive media %j inline, without a sandbox, with nosniff', async (contentType) => {
    const response = await serve(memoryMediaSource(DATA, { contentType })).request({ headers: { Range: 'bytes=0-9' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await response.body?.cancel();
  });

  it('names the download after the item, percent-encoded as UTF-8 (RFC 8187)', async () => {
    const source = { ...memoryMediaSource(DATA, { contentType: 'text/html' }), name: "Résumé (final) 100%'s*.html" };
    const response = await serve(source).request();
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29%20100%25%27s%2A.html");
    await response.body?.cancel();
  });
});

describe('media handler: HEAD', () => {
  it('answers HEAD with the headers of a full GET and no body, without opening the source', async () => {
    const source = memoryMediaSource(DATA);
    const response = await serve(source).request({ method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('10000');
    expect(response.body).toBeNull();
    expect(source.opens).toEqual([]);
  });

  it('ignores Range on HEAD, as RFC 9110 §14.2 requires for every method but GET', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ method: 'HEAD', headers: { Range: 'bytes=0-9' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('10000');
    expect(response.headers.get('content-range')).toBeNull();
  });
});

describe('media handler: methods and tokens', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and Allow: GET, HEAD', async (method) => {
    const source = memoryMediaSource(DATA);
    const response = await serve(source).request({ method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(source.opens).toEqual([]);
  });

  it('answers an unknown token with 404', async () => {
    const response = await serve(memoryMediaSource(DATA)).request({ url: 'vault://media/someone-elses-token' });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not found');
  });

  it.each([
    `vault://other/${TOKEN}`,
    `vault://media/${TOKEN}/extra`,
    'vault://media/',
    `vault://media/${'a'.repeat(129)}`,
    `vault://media/bad%2Ftoken`,
    `http://127.0.0.1:1/secret/media/${TOKEN}`,
  ])('answers %s with 404 without consulting the resolver', async (url) => {
    const resolve = vi.fn();
    const response = await createMediaHandler({ resolve })(new Request(url));
    expect(response.status).toBe(404);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('finds the token in vault://media/<token> whatever the host case, and in /media/<token> over http', () => {
    expect(mediaTokenFromUrl(`vault://media/${TOKEN}`)).toBe(TOKEN);
    expect(mediaTokenFromUrl(`vault://MEDIA/${TOKEN}`)).toBe(TOKEN);
    expect(mediaTokenFromUrl(`vault://media/${TOKEN}?t=1#x`)).toBe(TOKEN);
    expect(mediaTokenFromUrl(`http://127.0.0.1:8080/media/${TOKEN}`)).toBe(TOKEN);
    expect(mediaTokenFromUrl(`http://127.0.0.1:8080/${TOKEN}`)).toBeUndefined();
  });
});

describe('media handler: failures before the first byte', () => {
  const SECRET_DETAIL = 'GET https://bucket.example/vault/3f9a…/objects/9c1e with key AKIAEXAMPLE failed at /home/alice/.coffer';

  it.each<[ErrorCode, number, string]>([
    ['STORE_UNAVAILABLE', 502, 'storage unreachable'],
    ['ACCESS_DENIED', 502, 'storage refused access'],
    ['CORRUPT_OBJECT', 500, 'stored data failed authentication'],
    ['KEY_MISMATCH', 500, 'stored data failed authentication'],
    ['NOT_FOUND', 404, 'not found'],
  ])('answers an open failing with %s as %i with a fixed message, and reports it', async (code, status, message) => {
    const error = new CofferError(code, SECRET_DETAIL);
    const { request, onError } = serve({ ...memoryMediaSource(DATA), open: () => Promise.reject(error) });
    const response = await request({ headers: { Range: 'bytes=0-' } });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(message);
    expect(onError).toHaveBeenCalledWith(error);
  });

  it('answers an unexpected open failure with 500 "internal error", never its message', async () => {
    const { request, onError } = serve({ ...memoryMediaSource(DATA), open: () => Promise.reject(new Error(SECRET_DETAIL)) });
    const response = await request();
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('internal error');
    expect(onError).toHaveBeenCalledOnce();
  });

  it('treats a resolver that finds the vault locked like an unknown token: 404', async () => {
    const { request } = serve(() => Promise.reject(new CofferError('LOCKED', 'vault is locked')));
    expect((await request()).status).toBe(404);
  });

  it('opens with an aborted signal when the request was aborted before it arrived', async () => {
    const source = memoryMediaSource(DATA);
    const { handler, onError } = serve(source);
    const response = await handler(new Request(URL_, { signal: AbortSignal.abort() }));
    expect(source.opens[0]?.signal.aborted).toBe(true);
    await response.body?.cancel();
    expect(onError).not.toHaveBeenCalled();
  });

  it('aborts the open when the request is aborted, and does not report it', { timeout: 2_000 }, async () => {
    let openSignal: AbortSignal | undefined;
    const source: MediaSource = {
      ...memoryMediaSource(DATA),
      open: (_start, _end, signal) => {
        openSignal = signal;
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new AbortedError('read'))));
      },
    };
    const { handler, onError } = serve(source);
    const client = new AbortController();
    const pending = handler(new Request(URL_, { signal: client.signal }));
    await sleep(5);
    client.abort();
    const response = await pending;
    expect(openSignal?.aborted).toBe(true);
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('media handler: body', () => {
  it('passes the source\'s chunks on as they come, neither joined nor copied', async () => {
    const yielded: Buffer[] = [];
    const source: MediaSource = {
      ...memoryMediaSource(DATA),
      async open(start, end) {
        let position = start;
        return new Readable({
          read() {
            if (position > end) {
              this.push(null);
              return;
            }
            // Several chunks per read call, so a reader that joins what is buffered would join them.
            for (let i = 0; i < 3 && position <= end; i++) {
              const chunk = Buffer.from(DATA.subarray(position, Math.min(end + 1, position + 1000)));
              yielded.push(chunk);
              position += chunk.length;
              this.push(chunk);
            }
          },
        });
      },
    };
    const response = await serve(source).request();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(DATA));
    expect(chunks).toHaveLength(yielded.length);
    chunks.forEach((chunk, i) => {
      expect(chunk.buffer).toBe(yielded[i]!.buffer);
      expect(chunk.byteOffset).toBe(yielded[i]!.byteOffset);
    });
  });

  it('pulls from the source only as fast as the body is read', async () => {
    const big = patternBytes(1_000_000);
    const source = memoryMediaSource(big, { chunkSize: 1000 });
    const response = await serve(source).request();
    await sleep(30);
    expect(source.opens[0]?.bytesPushed).toBeLessThan(100_000);
    // Buffer comparison: a deep equal over a million elements takes seconds.
    expect(Buffer.from(await bodyOf(response)).equals(big)).toBe(true);
  });

  it('errors the body, and reports it, when the source ends before the promised length', async () => {
    const short: MediaSource = { ...memoryMediaSource(DATA), open: async () => Readable.from([Buffer.alloc(100)]) };
    const { request, onError } = serve(short);
    const response = await request({ headers: { Range: 'bytes=0-199' } });
    await expect(response.arrayBuffer()).rejects.toThrow('ended 100 bytes early');
    expect(onError).toHaveBeenCalledOnce();
  });

  it('drops bytes a source yields beyond the requested range', async () => {
    const generous: MediaSource = { ...memoryMediaSource(DATA), open: async (start) => Readable.from([Buffer.from(DATA.subarray(start))]) };
    const response = await serve(generous).request({ headers: { Range: 'bytes=100-149' } });
    expect(await bodyOf(response)).toEqual(DATA.subarray(100, 150));
  });

  it('errors the body when the source yields text instead of bytes', async () => {
    const textual: MediaSource = { ...memoryMediaSource(DATA), open: async () => Readable.from(['not bytes']) };
    const { request, onError } = serve(textual);
    const response = await request({ headers: { Range: 'bytes=0-8' } });
    await expect(response.arrayBuffer()).rejects.toThrow('something other than bytes');
    expect(onError).toHaveBeenCalledOnce();
  });

  it('errors the body when the source fails midway, and reports the failure once', async () => {
    const failure = new CofferError('CORRUPT_OBJECT', 'chunk 3 failed authentication');
    const breaking: MediaSource = {
      ...memoryMediaSource(DATA),
      async open() {
        let sent = false;
        return new Readable({
          read() {
            if (sent) this.destroy(failure);
            else this.push(Buffer.alloc(1000));
            sent = true;
          },
        });
      },
    };
    const { request, onError } = serve(breaking);
    const response = await request();
    await expect(response.arrayBuffer()).rejects.toBe(failure);
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure);
  });

  it('errors the body when the source hands over a stream that has already failed', async () => {
    const failed: MediaSource = {
      ...memoryMediaSource(DATA),
      async open() {
        const stream = new Readable({ read() {} });
        stream.destroy(new CofferError('STORE_UNAVAILABLE', 'connection reset'));
        return stream;
      },
    };
    const response = await serve(failed).request();
    await expect(response.arrayBuffer()).rejects.toThrow('connection reset');
  });
});

describe('media handler: cancellation', () => {
  it('cancelling the body after a partial read aborts the source signal and releases its stream, without reporting an error', async () => {
    const source = memoryMediaSource(patternBytes(1_000_000), { chunkSize: 1000 });
    const { request, onError } = serve(source);
    const response = await request({ headers: { Range: 'bytes=500000-' } });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.value?.length).toBeGreaterThan(0);
    await reader.cancel();
    const [open] = source.opens;
    expect(open?.signal.aborted).toBe(true);
    expect(open?.stream.destroyed).toBe(true);
    expect(open?.bytesPushed).toBeLessThan(100_000);
    await sleep(20);
    expect(onError).not.toHaveBeenCalled();
  });

  it('cancelling while a read is waiting on storage aborts it quietly', async () => {
    let openSignal: AbortSignal | undefined;
    let stream: Readable | undefined;
    const stalled: MediaSource = {
      ...memoryMediaSource(DATA),
      async open(_start, _end, signal) {
        openSignal = signal;
        // Never produces a byte, like a storage request that hangs.
        stream = new Readable({ read() {} });
        signal.addEventListener('abort', () => stream?.destroy(new AbortedError('read')));
        return stream;
      },
    };
    const { request, onError } = serve(stalled);
    const response = await request();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const pending = reader.read();
    await sleep(5);
    await reader.cancel();
    expect(await pending).toEqual({ done: true, value: undefined });
    await sleep(20);
    expect(openSignal?.aborted).toBe(true);
    expect(stream?.destroyed).toBe(true);
    expect(onError).not.toHaveBeenCalled();
  });

  it('releases the source stream on cancel even if the source ignores its signal', async () => {
    let stream: Readable | undefined;
    const deaf: MediaSource = {
      ...memoryMediaSource(DATA),
      async open() {
        stream = new Readable({ read() {} });
        return stream;
      },
    };
    const response = await serve(deaf).request();
    await response.body?.cancel();
    expect(stream?.destroyed).toBe(true);
  });

  it('stays quiet when a cancelled source fails with an error that is not an abort', async () => {
    // Storage clients often report an aborted request as a plain network error.
    const hangingUp: MediaSource = {
      ...memoryMediaSource(DATA),
      async open(_start, _end, signal) {
        const stream = new Readable({ read() {} });
        signal.addEventListener('abort', () => stream.destroy(new Error('socket hang up')));
        return stream;
      },
    };
    const { request, onError } = serve(hangingUp);
    const response = await request();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const pending = reader.read();
    await sleep(5);
    await reader.cancel();
    await pending;
    await sleep(20);
    expect(onError).not.toHaveBeenCalled();
  });

  it('treats an abort surfacing from the source mid-body as routine, not an error', async () => {
    const aborting: MediaSource = {
      ...memoryMediaSource(DATA),
      async open() {
        return new Readable({
          read() {
            this.destroy(new AbortedError('storage read'));
          },
        });
      },
    };
    const { request, onError } = serve(aborting);
    const response = await request();
    await expect(response.arrayBuffer()).rejects.toBeInstanceOf(AbortedError);
    expect(onError).not.toHaveBeenCalled();
  });
});
