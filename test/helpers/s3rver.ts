import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startChildServer } from './child-server.js';
import { makeTempDir } from './temp-dir.js';

export interface S3rverServer {
  endpoint: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Where s3rver keeps its files. */
  dir: string;
  close(): Promise<void>;
}

const s3rverBin = createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');

/**
 * Starts a real s3rver HTTP server in a child process on a free 127.0.0.1 port, with one empty bucket.
 *
 * Know its limits before testing against it: it checks only the access key id, never a V4 signature;
 * it has no AbortMultipartUpload (405) or ListMultipartUploads (501), so aborted uploads' parts stay
 * on its disk; it serves a suffix range `bytes=-N` as `bytes=0-N`; its multipart ETags lack the `-N`
 * suffix; and it stores aws-chunked request bodies verbatim.
 */
export async function startS3rver(): Promise<S3rverServer> {
  const dir = await makeTempDir('coffer-s3rver');
  const bucket = 'coffer-test';
  // --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation tokens with DES, which
  // OpenSSL 3 only offers through its legacy provider, so paged listing fails without it.
  const server = await startChildServer(
    ['--openssl-legacy-provider', s3rverBin, '-d', dir, '-a', '127.0.0.1', '-p', '0', '--silent', '--configure-bucket', bucket],
    /listening on 127\.0\.0\.1:(\d+)/,
  );
  return {
    endpoint: `http://127.0.0.1:${server.ready}`,
    bucket,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    dir,
    close: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
