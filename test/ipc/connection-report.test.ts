/**
 * "Test connection" over real storage: folders on disk, s3rver, a port nothing listens on, a local
 * https server with a self-signed certificate, and scripted endpoints for what s3rver never says.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeStorage } from '../../main/ipc/probe-storage.js';
import { createVault } from '../../main/vault/open-vault.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import type { VaultLocation } from '../../main/vault/types.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { drain, sendS3Error, startScriptedEndpoint } from '../helpers/scripted-http.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { TEST_KDF } from '../helpers/test-kdf.js';
import { unusedPort } from '../helpers/unused-port.js';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'distinctive-secret-93d1f0aa';

let s3: S3rverServer;
beforeAll(async () => {
  s3 = await startS3rver();
}, 60_000);
afterAll(async () => {
  await s3?.close();
  await removeTempDirs();
});

let prefixes = 0;
/** A fresh prefix on s3rver (or another endpoint), signed with an access key. */
function s3Location(extra: Partial<Extract<VaultLocation, { kind: 's3' }>> = {}): VaultLocation {
  return {
    kind: 's3',
    bucket: s3.bucket,
    prefix: `probe-${++prefixes}`,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.credentials.accessKeyId, secretAccessKey: SECRET },
    ...extra,
  };
}

describe('testing an S3 connection', () => {
  it('finds an empty prefix reachable and empty', async () => {
    await expect(probeStorage(s3Location())).resolves.toMatchObject({ outcome: 'reachable', contents: 'empty' });
  });

  it('counts a prefix holding only OS litter as empty, as creating a vault does', async () => {
    const location = s3Location();
    await storeForLocation(location).put('.DS_Store', Readable.from([Buffer.from('litter')]));
    await expect(probeStorage(location)).resolves.toMatchObject({ outcome: 'reachable', contents: 'empty' });
  });

  it('finds a vault', async () => {
    const location = s3Location();
    (await createVault(location, PASSPHRASE, { kdf: TEST_KDF })).lock();
    await expect(probeStorage(location)).resolves.toMatchObject({ outcome: 'reachable', contents: 'vault' });
  });

  it('finds other files', async () => {
    const location = s3Location();
    await storeForLocation(location).put('holiday/notes.txt', Readable.from([Buffer.from('mine')]));
    await expect(probeStorage(location)).resolves.toMatchObject({ outcome: 'reachable', contents: 'other-files' });
  });

  it('says when the bucket does not exist', async () => {
    const report = await probeStorage(s3Location({ bucket: 'no-such-bucket' }));
    expect(report).toMatchObject({ outcome: 'bucket-missing', contents: null });
    expect(report.detail).toContain('does not exist');
  });

  it('says nothing answered on a port nothing listens on', async () => {
    const report = await probeStorage(s3Location({ endpoint: `http://127.0.0.1:${await unusedPort()}` }));
    expect(report).toMatchObject({ outcome: 'unreachable', contents: null, detail: expect.stringContaining('ECONNREFUSED') });
  });

  it.each([
    [403, 'AccessDenied'],
    [403, 'InvalidAccessKeyId'],
    [403, 'SignatureDoesNotMatch'],
  ])('says access was denied when the service answers %i %s, never naming the secret', async (status, code) => {
    const endpoint = await startScriptedEndpoint(async (request, response) => {
      await drain(request);
      sendS3Error(response, status, code);
    });
    try {
      const report = await probeStorage(s3Location({ endpoint: endpoint.endpoint }));
      expect(report).toMatchObject({ outcome: 'access-denied', contents: null, detail: expect.stringContaining(code) });
      expect(report.detail).not.toContain(SECRET);
    } finally {
      await endpoint.close();
    }
  });

  it('gives up on a service that never answers after the timeout, and calls it unreachable', async () => {
    const endpoint = await startScriptedEndpoint(() => {
      // Holds the request open, answering nothing.
    });
    try {
      const started = Date.now();
      const report = await probeStorage(s3Location({ endpoint: endpoint.endpoint }), { timeoutMs: 300 });
      expect(report).toMatchObject({ outcome: 'unreachable', contents: null, detail: expect.stringContaining('did not answer within 0.3 s') });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await endpoint.close();
    }
  });

  it('says the certificate was not accepted when the endpoint presents a self-signed one', async () => {
    const dir = await makeTempDir('coffer-tls');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    const server = createHttpsServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (_request, response) => {
      response.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const report = await probeStorage(s3Location({ endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}` }));
      expect(report).toMatchObject({ outcome: 'tls-error', contents: null, detail: expect.stringContaining('DEPTH_ZERO_SELF_SIGNED_CERT') });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('testing a folder', () => {
  const folder = async (...files: string[]) => {
    const dir = join(await makeTempDir('coffer-probe'), 'vault');
    await mkdir(dir);
    for (const file of files) await writeFile(join(dir, file), 'x');
    return dir;
  };

  it('finds an empty folder reachable and empty, OS litter aside', async () => {
    await expect(probeStorage({ kind: 'folder', path: await folder() })).resolves.toMatchObject({ outcome: 'reachable', contents: 'empty' });
    await expect(probeStorage({ kind: 'folder', path: await folder('.DS_Store') })).resolves.toMatchObject({ outcome: 'reachable', contents: 'empty' });
  });

  it('finds a vault', async () => {
    const path = await folder();
    (await createVault({ kind: 'folder', path }, PASSPHRASE, { kdf: TEST_KDF })).lock();
    await expect(probeStorage({ kind: 'folder', path })).resolves.toMatchObject({ outcome: 'reachable', contents: 'vault' });
  });

  it('finds other files', async () => {
    await expect(probeStorage({ kind: 'folder', path: await folder('notes.txt') })).resolves.toMatchObject({ outcome: 'reachable', contents: 'other-files' });
  });

  it('finds a missing folder in a writable one reachable and empty (creating a vault makes it), and creates nothing', async () => {
    const parent = await makeTempDir('coffer-probe');
    await expect(probeStorage({ kind: 'folder', path: join(parent, 'new', 'vault') })).resolves.toMatchObject({ outcome: 'reachable', contents: 'empty' });
    expect(await readdir(parent)).toEqual([]);
  });

  it('finds a folder unavailable when it is a file, or would have to be made inside a file', async () => {
    const path = join(await folder('notes.txt'), 'notes.txt');
    await expect(probeStorage({ kind: 'folder', path })).resolves.toMatchObject({
      outcome: 'folder-unavailable', contents: null, detail: expect.stringContaining('is not a folder'),
    });
    await expect(probeStorage({ kind: 'folder', path: join(path, 'vault') })).resolves.toMatchObject({ outcome: 'folder-unavailable', contents: null });
  });
});
