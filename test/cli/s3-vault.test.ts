import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { unusedPort } from '../helpers/unused-port.js';
import { buildCli, coffer } from './run-coffer.js';
import { describeCliScenario, PASS } from './vault-scenario.js';

/** One s3rver for the whole file, started by whichever suite needs it first. */
let server: Promise<S3rverServer> | undefined;
const startServer = () => (server ??= startS3rver());
afterAll(async () => {
  await (await server)?.close();
  await removeTempDirs();
});

/** s3rver checks the access key id (not the signature): these are the ones it accepts. */
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

describeCliScenario({
  name: 'S3 (s3rver), with the endpoint given to init only',
  async fresh() {
    const s = await startServer();
    const prefix = `cli-${randomBytes(4).toString('hex')}`;
    return {
      vault: `s3://${s.bucket}/${prefix}`,
      initArgs: ['--endpoint', s.endpoint],
      env: CREDENTIALS,
      raw: storeForLocation({ kind: 's3', bucket: s.bucket, prefix, endpoint: s.endpoint, forcePathStyle: true, credentials: s.credentials }),
    };
  },
});

describe.concurrent('coffer on S3: connection settings and failures', () => {
  let s: S3rverServer;
  let env: Record<string, string>;
  let configDir: string;

  beforeAll(async () => {
    [s] = await Promise.all([startServer(), buildCli()]);
    configDir = await makeTempDir('coffer-cli-config');
    env = { ...CREDENTIALS, COFFER_PASSPHRASE: PASS, COFFER_CONFIG_DIR: configDir, COFFER_CACHE_DIR: await makeTempDir('coffer-cli-cache') };
  });

  it('init remembers endpoint, region and path style per vault URL, and never the credentials', async () => {
    const vault = `s3://${s.bucket}/remembered-${randomBytes(4).toString('hex')}`;
    const made = await coffer(['init', '--vault', `${vault}/`, '--endpoint', s.endpoint, '--region', 'eu-west-3', '--path-style'], env);
    expect(made.code, made.stderr).toBe(0);
    const text = await readFile(join(configDir, 'vaults.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, vaults: { [vault]: { endpoint: s.endpoint, region: 'eu-west-3', pathStyle: true } } });
    expect(text).not.toContain('S3RVER');
    const listed = await coffer(['ls', '--vault', vault], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout.toString()).toBe('ID  NAME  SIZE  TYPE  ADDED\n');
  });

  it('an unreachable endpoint exits 7 (STORE_UNAVAILABLE), naming it', async () => {
    const endpoint = `http://127.0.0.1:${await unusedPort()}`;
    const result = await coffer(['ls', '--vault', `s3://${s.bucket}/anything`, '--endpoint', endpoint], env);
    expect(result.code).toBe(7);
    expect(result.stderr).toBe(`coffer: cannot reach ${endpoint} for read of coffer-vault.json (ECONNREFUSED)\n`);
  });

  it('refused credentials exit 8 (ACCESS_DENIED)', async () => {
    const result = await coffer(['ls', '--vault', `s3://${s.bucket}/anything`, '--endpoint', s.endpoint], { ...env, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' });
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(new RegExp(`^coffer: ${s.endpoint} denied read of coffer-vault.json in s3://${s.bucket}/anything/ \\(InvalidAccessKeyId\\)\n$`));
  });

  it('no credentials anywhere exits 8 and says where credentials come from', async () => {
    const home = await makeTempDir('coffer-cli-home');
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...rest } = env;
    // No instance metadata service to wait for, and no ~/.aws of the machine running the tests.
    const result = await coffer(['ls', '--vault', `s3://${s.bucket}/anything`, '--endpoint', s.endpoint], { ...rest, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' });
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/^coffer: no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE \(.+\)\n$/);
  });
});
