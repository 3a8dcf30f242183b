/** What status says about locations: whether the current one holds a vault, and the recent ones. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocationInput } from '../../contract/ipc.js';
import { startIpcApp, PASSPHRASE } from '../helpers/ipc-app.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { startScriptedEndpoint } from '../helpers/scripted-http.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

let s3: S3rverServer;
beforeAll(async () => {
  s3 = await startS3rver();
}, 60_000);
afterAll(async () => {
  await s3?.close();
  await removeTempDirs();
});

describe('status: locations', () => {
  it('on a first start, says the default folder holds no vault and nothing is recent', async () => {
    const app = await startIpcApp();
    await expect(app.ok('status')).resolves.toMatchObject({ location: { kind: 'folder' }, locationHasVault: false, recent: [] });
  });

  it('says a folder holds a vault once one is created there, locked or not', async () => {
    const app = await startIpcApp();
    await app.createFolderVault();
    await expect(app.ok('status')).resolves.toMatchObject({ locationHasVault: true });
    await app.ok('lock');
    await expect(app.ok('status')).resolves.toMatchObject({ state: 'locked', locationHasVault: true });
  });

  it('lists the recent vaults newest first, with whether each has a stored S3 secret, never the secret', async () => {
    const app = await startIpcApp();
    const secret = 'distinctive-secret-2c7de913';
    const bucket: LocationInput = {
      kind: 's3', credentialSource: 'keys', bucket: s3.bucket, prefix: 'recent', endpoint: s3.endpoint, forcePathStyle: true,
      accessKeyId: s3.credentials.accessKeyId, secretAccessKey: secret,
    };
    await app.ok('createVault', { location: bucket, passphrase: PASSPHRASE, remember: false });
    const folder = await app.createFolderVault();
    const status = await app.ok('status');
    const { secretAccessKey: _secret, ...shown } = bucket as LocationInput & { secretAccessKey: string };
    expect(status.recent).toEqual([folder, { ...shown, hasStoredSecret: true }]);
    expect(JSON.stringify(status)).not.toContain(secret);
  });

  it('asks nothing of S3 storage: whether it holds a vault is unknown (null)', async () => {
    const endpoint = await startScriptedEndpoint((_request, response) => {
      response.statusCode = 500;
      response.end();
    });
    try {
      const userData = await makeTempDir('coffer-userdata');
      const location = { kind: 's3', bucket: 'media', prefix: '', endpoint: endpoint.endpoint, credentialSource: 'environment' };
      await writeFile(join(userData, 'settings.json'), JSON.stringify({ version: 1, location, autoLockMinutes: 10, recentLocations: [location] }));
      const app = await startIpcApp({ userData });
      await expect(app.ok('status')).resolves.toMatchObject({
        location: { kind: 's3' }, locationHasVault: null, recent: [expect.objectContaining({ kind: 's3', hasStoredSecret: false })],
      });
      expect(endpoint.log).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });
});
