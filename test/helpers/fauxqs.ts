import { fileURLToPath } from 'node:url';
import { startChildServer } from './child-server.js';

export interface FauxqsServer {
  endpoint: string;
  bucket: string;
  /** fauxqs accepts any credentials and checks no signature. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Keys of the multipart uploads in `bucket` that are neither completed nor aborted. */
  pendingMultipartUploads(): Promise<string[]>;
  close(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The child's program. fauxqs's own startFauxqs() binds 0.0.0.0, so it builds the app and listens
 * on 127.0.0.1 itself. fauxqs 1.9.2 has no ListMultipartUploads (GET ?uploads answers an object
 * listing, which the SDK parses as "no uploads"), so the child also serves its store's pending
 * uploads at /_coffer/multipart-uploads; S3Store is imported by file because the package does not
 * export it.
 */
const program = `
const { buildApp } = await import('fauxqs');
const { S3Store } = await import(new URL('./s3/s3Store.js', import.meta.resolve('fauxqs')).href);
const [bucket] = process.argv.slice(1);
const s3Store = new S3Store();
if (!(s3Store.multipartUploads instanceof Map)) throw new Error('fauxqs S3Store no longer keeps multipartUploads');
s3Store.createBucket(bucket);
const app = buildApp({ logger: false, stores: { s3Store } });
app.get('/_coffer/multipart-uploads', async () =>
  [...s3Store.multipartUploads.values()].filter((u) => u.bucket === bucket).map((u) => u.key));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log('fauxqs listening at ' + address);
`;

/** Starts a real fauxqs S3 emulator (in memory) in a child process on a free 127.0.0.1 port, with one empty bucket. */
export async function startFauxqs(): Promise<FauxqsServer> {
  const bucket = 'coffer-test';
  // Run from the repository root so the child resolves 'fauxqs' from its node_modules.
  const server = await startChildServer(['--input-type=module', '-e', program, bucket], /listening at (http:\/\/127\.0\.0\.1:\d+)/, {
    cwd: repoRoot,
  });
  const endpoint = server.ready;
  return {
    endpoint,
    bucket,
    credentials: { accessKeyId: 'fauxqs', secretAccessKey: 'fauxqs' },
    pendingMultipartUploads: async () => {
      const response = await fetch(`${endpoint}/_coffer/multipart-uploads`);
      if (!response.ok) throw new Error(`fauxqs upload inspection failed: HTTP ${response.status}`);
      return (await response.json()) as string[];
    },
    close: () => server.stop(),
  };
}
