import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { S3Store } from '../../main/store/s3-store.js';
import { drain, sendS3Error, startScriptedEndpoint, type ScriptedEndpoint, type ScriptedHandler } from '../helpers/scripted-http.js';
import { EVERY_KEY, streamOf } from './object-store.contract.js';

const BUCKET = 'scripted';
const credentials = { accessKeyId: 'id', secretAccessKey: 'secret' };

function sendXml(response: ServerResponse, xml: string): void {
  response.writeHead(200, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);
}

// Behaviour neither s3rver nor fauxqs can show: refused signatures, failing services, hanging part
// uploads, and ListMultipartUploads (which neither implements).
describe('S3Store against a scripted S3 endpoint', () => {
  let scripted: ScriptedEndpoint | undefined;
  afterEach(async () => {
    await scripted?.close();
    scripted = undefined;
  });

  async function storeAnswering(handler: ScriptedHandler, prefix = 'p'): Promise<S3Store> {
    scripted = await startScriptedEndpoint(handler);
    return new S3Store({ endpoint: scripted.endpoint, bucket: BUCKET, prefix, credentials });
  }

  describe('error mapping', () => {
    it('maps SignatureDoesNotMatch, AccessDenied and a bare 403 to ACCESS_DENIED', async () => {
      const store = await storeAnswering(async (request, response) => {
        await drain(request);
        if (request.method === 'GET') sendS3Error(response, 403, 'SignatureDoesNotMatch');
        else if (request.method === 'PUT') sendS3Error(response, 403, 'AccessDenied');
        else response.writeHead(403).end();
      });
      await expect(store.get('k')).rejects.toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringContaining('SignatureDoesNotMatch') });
      await expect(store.put('k', streamOf(Buffer.from('x')))).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
      await expect(store.head('k')).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    });

    it('reports a missing bucket as STORE_UNAVAILABLE, never as an empty listing', async () => {
      const store = await storeAnswering((_request, response) => sendS3Error(response, 404, 'NoSuchBucket'));
      const listing = async () => {
        for await (const _info of store.list('')) return;
      };
      await expect(listing()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('bucket') });
    });

    it('reports a service that keeps failing as STORE_UNAVAILABLE naming the endpoint', async () => {
      const store = await storeAnswering((_request, response) => sendS3Error(response, 500, 'InternalError'));
      await expect(store.get('k')).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringContaining(scripted!.endpoint),
      });
    });

    it('reports a host name that does not resolve as STORE_UNAVAILABLE naming it', async () => {
      const endpoint = 'http://no-such-host.invalid:9000';
      const store = new S3Store({ endpoint, bucket: BUCKET, prefix: '', credentials });
      await expect(store.head('k')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining(endpoint) });
    });

    it('refuses a ranged read answered with the whole object', async () => {
      const store = await storeAnswering((_request, response) => {
        response.writeHead(200, { 'content-length': '10' });
        response.end('0123456789');
      });
      await expect(store.get('k', { start: 2, end: 4 })).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringContaining('ignored the requested range'),
      });
    });
  });

  describe('conditional puts', () => {
    it('sends If-Match and If-None-Match with the PutObject, and reports a 412 as CONFLICT', async () => {
      const conditions: Array<[string | undefined, string | undefined]> = [];
      const store = await storeAnswering(async (request, response) => {
        await drain(request);
        // The HEAD before the put finds what the caller expects; the put itself loses a race.
        if (request.method === 'HEAD') response.writeHead(200, { etag: '"v1"', 'content-length': '1' }).end();
        else {
          conditions.push([request.headers['if-match'] as string | undefined, request.headers['if-none-match'] as string | undefined]);
          sendS3Error(response, 412, 'PreconditionFailed');
        }
      });
      await expect(store.put('config', streamOf(Buffer.from('x')), { ifMatch: 'v1' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(conditions).toEqual([['"v1"', undefined]]);
    });

    it('falls back to a plain PutObject where the service answers conditional headers with 501', async () => {
      const puts: Array<string | undefined> = [];
      let stored = false;
      const store = await storeAnswering(async (request, response) => {
        await drain(request);
        if (request.method === 'HEAD') response.writeHead(stored ? 200 : 404, { etag: '"v1"', 'content-length': '1' }).end();
        else if (request.headers['if-none-match'] !== undefined) {
          puts.push(request.headers['if-none-match'] as string);
          sendS3Error(response, 501, 'NotImplemented');
        } else {
          puts.push(undefined);
          stored = true;
          response.writeHead(200, { etag: '"v1"' }).end();
        }
      });
      await expect(store.put('config', streamOf(Buffer.from('x')), { ifNoneMatch: '*' })).resolves.toMatchObject({ key: 'config', etag: 'v1' });
      expect(puts).toEqual(['*', undefined]);
    });
  });

  describe('multipart part size', () => {
    it('sizes parts from the size hint, so that 10,000 parts hold it', async () => {
      const MiB = 1024 * 1024;
      const parts: number[] = [];
      const store = await storeAnswering(async (request, response, url) => {
        let length = 0;
        request.on('data', (chunk: Buffer) => (length += chunk.length));
        await drain(request);
        if (url.searchParams.has('uploads')) {
          sendXml(response, `<InitiateMultipartUploadResult><Bucket>${BUCKET}</Bucket><Key>p/big</Key><UploadId>up-1</UploadId></InitiateMultipartUploadResult>`);
        } else if (url.searchParams.has('partNumber')) {
          parts.push(length);
          response.writeHead(200, { etag: `"part-${url.searchParams.get('partNumber')}"` }).end();
        } else if (request.method === 'POST' && url.searchParams.get('uploadId') === 'up-1') {
          sendXml(response, `<CompleteMultipartUploadResult><Bucket>${BUCKET}</Bucket><Key>p/big</Key><ETag>"whole-2"</ETag></CompleteMultipartUploadResult>`);
        } else if (request.method === 'HEAD') {
          response.writeHead(200, { 'content-length': String(9 * MiB), etag: '"whole-2"', 'last-modified': new Date().toUTCString() }).end();
        } else {
          sendS3Error(response, 400, 'Unexpected');
        }
      });
      // 60 GiB in 10,000 parts needs 6.3 MiB each: whole MiB, so 7.
      const info = await store.put('big', streamOf(randomBytes(9 * MiB)), { sizeHint: 60 * 1024 * MiB });
      expect(info.size).toBe(9 * MiB);
      // Parts go up concurrently, so the small last one may arrive first.
      expect(parts.sort((a, b) => b - a)).toEqual([7 * MiB, 2 * MiB]);
    });
  });

  describe('interrupted multipart put', () => {
    it('cancels part uploads in flight and aborts the multipart upload before the put rejects', async () => {
      let partArrived!: () => void;
      const firstPart = new Promise<void>((resolve) => (partArrived = resolve));
      let partsClosed = 0;
      const store = await storeAnswering(async (request, response, url) => {
        if (url.searchParams.has('uploads')) {
          sendXml(response, `<InitiateMultipartUploadResult><Bucket>${BUCKET}</Bucket><Key>p/big</Key><UploadId>up-1</UploadId></InitiateMultipartUploadResult>`);
        } else if (url.searchParams.has('partNumber')) {
          // Take the part and never answer, like a stalled link.
          response.once('close', () => (partsClosed += 1));
          await drain(request);
          partArrived();
        } else if (request.method === 'DELETE' && url.searchParams.get('uploadId') === 'up-1') {
          response.writeHead(204).end();
        } else {
          sendS3Error(response, 400, 'Unexpected');
        }
      });
      const controller = new AbortController();
      const put = store.put('big', streamOf(randomBytes(11 * 1024 * 1024)), { signal: controller.signal });
      await firstPart;
      controller.abort();
      await expect(put).rejects.toMatchObject({ code: 'ABORTED' });
      expect(scripted!.log).toContainEqual(expect.stringMatching(/^DELETE \/scripted\/p\/big\?uploadId=up-1\b/));
      const partRequests = scripted!.log.filter((line) => line.includes('partNumber=')).length;
      await vi.waitFor(() => expect(partsClosed).toBe(partRequests));
    }, 10_000);
  });

  describe('cleanupIncomplete', () => {
    const upload = (key: string, id: string, initiated: string) =>
      `<Upload><Key>${key}</Key><UploadId>${id}</UploadId><Initiated>${initiated}</Initiated></Upload>`;
    const OLD = '2020-01-01T00:00:00.000Z';
    const NEW = '2030-01-01T00:00:00.000Z';

    it('aborts the uploads in scope initiated before the cut-off, following every page', async () => {
      const store = await storeAnswering((request, response, url) => {
        if (request.method === 'DELETE') {
          response.writeHead(204).end();
        } else if (url.searchParams.get('prefix') !== 'p/c/') {
          sendS3Error(response, 400, 'WrongPrefix');
        } else if (!url.searchParams.has('key-marker')) {
          sendXml(
            response,
            `<ListMultipartUploadsResult><Bucket>${BUCKET}</Bucket><Prefix>p/c/</Prefix><IsTruncated>true</IsTruncated>` +
              `<NextKeyMarker>p/c/b</NextKeyMarker><NextUploadIdMarker>u2</NextUploadIdMarker>` +
              `${upload('p/c/a', 'u1', OLD)}${upload('p/c/b', 'u2', NEW)}</ListMultipartUploadsResult>`,
          );
        } else if (url.searchParams.get('key-marker') === 'p/c/b' && url.searchParams.get('upload-id-marker') === 'u2') {
          sendXml(
            response,
            `<ListMultipartUploadsResult><Bucket>${BUCKET}</Bucket><Prefix>p/c/</Prefix><IsTruncated>false</IsTruncated>` +
              `${upload('p/c/c', 'u3', OLD)}</ListMultipartUploadsResult>`,
          );
        } else {
          sendS3Error(response, 400, 'WrongMarker');
        }
      });
      expect(await store.cleanupIncomplete(new Date('2025-01-01T00:00:00Z'), { prefixes: ['c/'], includes: () => true })).toBe(2);
      expect(scripted!.log.filter((line) => line.startsWith('DELETE'))).toEqual([
        expect.stringMatching(/^DELETE \/scripted\/p\/c\/a\?uploadId=u1\b/),
        expect.stringMatching(/^DELETE \/scripted\/p\/c\/c\?uploadId=u3\b/),
      ]);
    });

    it("lists only under the scope's prefixes, even at the bucket root, and aborts only keys the scope includes", async () => {
      // This service ignores the Prefix parameter and lists every upload in the bucket.
      const store = await storeAnswering((request, response) => {
        if (request.method === 'DELETE') return void response.writeHead(204).end();
        sendXml(
          response,
          `<ListMultipartUploadsResult><Bucket>${BUCKET}</Bucket><IsTruncated>false</IsTruncated>` +
            `${upload('c/ours', 'u1', OLD)}${upload('c/theirs', 'u2', OLD)}${upload('m/ours', 'u3', OLD)}${upload('backup/db.tar', 'u4', OLD)}` +
            `</ListMultipartUploadsResult>`,
        );
      }, '');
      const scope = { prefixes: ['c/', 'm/'], includes: (key: string) => key.endsWith('/ours') };
      expect(await store.cleanupIncomplete(new Date('2025-01-01T00:00:00Z'), scope)).toBe(2);
      const listings = scripted!.log.filter((line) => line.startsWith('GET')).map((line) => new URL(line.slice(4), 'http://x').searchParams.get('prefix'));
      expect(listings).toEqual(['c/', 'm/']);
      expect(scripted!.log.filter((line) => line.startsWith('DELETE'))).toEqual([
        expect.stringMatching(/^DELETE \/scripted\/c\/ours\?uploadId=u1\b/),
        expect.stringMatching(/^DELETE \/scripted\/m\/ours\?uploadId=u3\b/),
      ]);
    });

    it('does not count an upload that finished or was aborted meanwhile', async () => {
      const store = await storeAnswering((request, response) => {
        if (request.method === 'DELETE') return sendS3Error(response, 404, 'NoSuchUpload');
        sendXml(
          response,
          `<ListMultipartUploadsResult><Bucket>${BUCKET}</Bucket><IsTruncated>false</IsTruncated>${upload('p/a', 'u1', OLD)}</ListMultipartUploadsResult>`,
        );
      });
      expect(await store.cleanupIncomplete(new Date(), EVERY_KEY)).toBe(0);
    });

    it('returns 0 where the service does not implement ListMultipartUploads', async () => {
      const store = await storeAnswering((_request, response) => sendS3Error(response, 501, 'NotImplemented'));
      expect(await store.cleanupIncomplete(new Date(), EVERY_KEY)).toBe(0);
    });

    it('returns 0 for any 501, whatever code the service names', async () => {
      const store = await storeAnswering((_request, response) => sendS3Error(response, 501, 'UnsupportedOperation'));
      expect(await store.cleanupIncomplete(new Date(), EVERY_KEY)).toBe(0);
    });

    it('answers ACCESS_DENIED when the key may not list uploads, for openVault to tolerate', async () => {
      const store = await storeAnswering((_request, response) => sendS3Error(response, 403, 'AccessDenied'));
      await expect(store.cleanupIncomplete(new Date(), EVERY_KEY)).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    });
  });
});
