import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../main/store/s3-client.js';
import { S3Store } from '../../main/store/s3-store.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { unusedPort } from '../helpers/unused-port.js';
import { objectStoreContract, streamOf } from './object-store.contract.js';

describe('S3Store on s3rver', () => {
  let server: S3rverServer;
  let unreachable: string;
  beforeAll(async () => {
    server = await startS3rver();
    unreachable = `http://127.0.0.1:${await unusedPort()}`;
  });
  afterAll(() => server?.close());

  const storeAt = (prefix: string, overrides: Partial<ConstructorParameters<typeof S3Store>[0]> = {}) =>
    new S3Store({
      endpoint: server.endpoint,
      bucket: server.bucket,
      credentials: server.credentials,
      prefix,
      pageSize: 10,
      ...overrides,
    });

  // No `leftovers`: s3rver cannot abort a multipart upload (405), so an aborted upload's parts stay on
  // its disk whatever the store does. fauxqs checks that instead.
  objectStoreContract({
    makeStore: async () => ({ store: storeAt(`t-${randomUUID()}`) }),
    makeUnreachableStore: () => ({ store: storeAt('p', { endpoint: unreachable }), address: unreachable }),
    // s3rver checks that the access key id exists (it never verifies a V4 signature).
    makeStoreWithBadCredentials: () => storeAt('p', { credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'x' } }),
    mishandlesRangeEndingAtZero: true,
  });

  describe('ranges the server gets wrong', () => {
    it('refuses a response with other bytes than the range asked for (s3rver serves bytes=0-0 whole)', async () => {
      const store = storeAt(`t-${randomUUID()}`);
      await store.put('k', streamOf(Buffer.from('0123456789')));
      await expect(store.get('k', { start: 0, end: 0 })).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringContaining('served bytes 0-9 when asked for 0-0'),
      });
      expect((await buffer(await store.get('k', { start: 0, end: 1 }))).toString()).toBe('01');
    });
  });

  describe('prefix', () => {
    it('stores keys under the prefix, where a/b, a/b/ and /a/b/ name the same folder', async () => {
      const folder = `p-${randomUUID()}`;
      await storeAt(`${folder}/b`).put('k/1', streamOf(Buffer.from('one')));
      const raw = createS3Client({ endpoint: server.endpoint, credentials: server.credentials });
      const listing = await raw.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: `${folder}/` }));
      expect(listing.Contents?.map((o) => o.Key)).toEqual([`${folder}/b/k/1`]);
      for (const spelling of [`${folder}/b/`, `/${folder}/b/`]) {
        const store = storeAt(spelling);
        const keys: string[] = [];
        for await (const info of store.list('')) keys.push(info.key);
        expect(keys).toEqual(['k/1']);
        expect((await buffer(await store.get('k/1'))).toString()).toBe('one');
      }
    });
  });

  describe('checksum settings', () => {
    async function roundTrip(client: S3Client, bytes: Buffer): Promise<Buffer> {
      const key = `checksum-${randomUUID()}`;
      await client.send(
        new PutObjectCommand({ Bucket: server.bucket, Key: key, Body: streamOf(bytes), ContentLength: bytes.length }),
      );
      const response = await client.send(new GetObjectCommand({ Bucket: server.bucket, Key: key }));
      return buffer(response.Body as Readable);
    }

    it('streams bodies byte-exact with createS3Client, where the SDK defaults store aws-chunked framing', async () => {
      const bytes = randomBytes(200_000);
      const connection = { endpoint: server.endpoint, credentials: server.credentials };
      const sdkDefaults = new S3Client({ ...connection, region: 'us-east-1', forcePathStyle: true });
      const withDefaults = await roundTrip(sdkDefaults, bytes);
      expect(withDefaults.length).toBeGreaterThan(bytes.length);
      expect(withDefaults.includes(Buffer.from('x-amz-checksum-crc32'))).toBe(true);
      expect((await roundTrip(createS3Client(connection), bytes)).equals(bytes)).toBe(true);
    });
  });
});
