import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../main/store/s3-client.js';
import { S3Store } from '../../main/store/s3-store.js';
import { startFauxqs, type FauxqsServer } from '../helpers/fauxqs.js';
import { objectStoreContract } from './object-store.contract.js';

describe('S3Store on fauxqs', () => {
  let server: FauxqsServer;
  beforeAll(async () => {
    server = await startFauxqs();
  });
  afterAll(() => server?.close());

  const connection = () => ({ endpoint: server.endpoint, credentials: server.credentials });

  // No bad-credentials case: fauxqs accepts any credentials. The ACCESS_DENIED mapping is tested
  // against s3rver (unknown access key) and a scripted endpoint (s3-store-scripted.test.ts).
  objectStoreContract({
    makeStore: async () => {
      const prefix = `t-${randomUUID()}/`;
      return {
        store: new S3Store({ ...connection(), bucket: server.bucket, prefix, pageSize: 10 }),
        leftovers: async () => (await server.pendingMultipartUploads()).filter((key) => key.startsWith(prefix)),
      };
    },
  });

  it('shows an unfinished multipart upload as a leftover, so the contract would catch one', async () => {
    const client = createS3Client(connection());
    const key = `probe-${randomUUID()}`;
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: server.bucket, Key: key }));
    expect(await server.pendingMultipartUploads()).toContain(key);
    await client.send(new AbortMultipartUploadCommand({ Bucket: server.bucket, Key: key, UploadId }));
    expect(await server.pendingMultipartUploads()).not.toContain(key);
  });

  it("lists more than 1000 keys with the service's own page size", async () => {
    const client = createS3Client(connection());
    const prefix = `big-${randomUUID()}`;
    const keys = Array.from({ length: 1001 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys.slice(i, i + 50).map((key) => client.send(new PutObjectCommand({ Bucket: server.bucket, Key: `${prefix}/${key}`, Body: key }))),
      );
    }
    const listed: string[] = [];
    for await (const info of new S3Store({ ...connection(), bucket: server.bucket, prefix }).list('')) listed.push(info.key);
    expect(listed.sort()).toEqual(keys);
  });
});
