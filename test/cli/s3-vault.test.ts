import { randomBytes } from 'node:crypto';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentKey, metadataKey } from '../../main/catalog/storage-keys.js';
import { createVaultConfig } from '../../main/keys/vault-config.js';
import { writeVaultConfig } from '../../main/vault/config-object.js';
import { openVault } from '../../main/vault/open-vault.js';
import { storeForLocation } from '../../main/vault/store-for-location.js';
import { startS3rver, type S3rverServer } from '../helpers/s3rver.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { unusedPort } from '../helpers/unused-port.js';
import { buildCli, coffer } from './run-coffer.js';
import { describeCliScenario, PASS, snapshot } from './vault-scenario.js';

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
    expect(listed.stdout.toString()).toBe('ID  NAME  SIZE  TYPE  ADDED  FOLDER\n');
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

describe('coffer on an S3 prefix holding objects of others', () => {
  let s: S3rverServer;
  let env: Record<string, string>;
  let work: string;
  const invoice = Buffer.from('invoice no. 42\n');

  /** A store on `prefix`, with `c/invoice.txt` in it, stored 30 hours ago as far as s3rver can tell. */
  async function prefixWithInvoice(prefix: string) {
    const raw = storeForLocation({ kind: 's3', bucket: s.bucket, prefix, endpoint: s.endpoint, forcePathStyle: true, credentials: s.credentials });
    await raw.put('c/invoice.txt', Readable.from([invoice]));
    await ageInS3rver(`${prefix}/c/invoice.txt`);
    return raw;
  }

  /** s3rver reports an object's LastModified from its file's mtime: this makes it 30 hours old. */
  async function ageInS3rver(key: string): Promise<void> {
    const parts = key.split('/');
    const file = join(s.dir, s.bucket, ...parts.slice(0, -1), `${parts.at(-1)}._S3rver_object`);
    const longAgo = new Date(Date.now() - 30 * 3600_000);
    await utimes(file, longAgo, longAgo);
  }

  beforeAll(async () => {
    [s] = await Promise.all([startServer(), buildCli()]);
    work = await makeTempDir('coffer-cli-work');
    env = { ...CREDENTIALS, COFFER_PASSPHRASE: PASS, COFFER_CONFIG_DIR: join(work, 'config'), COFFER_CACHE_DIR: join(work, 'cache') };
  });

  it('init refuses the prefix with exit 4, suggesting an empty prefix inside it, and stores nothing', async () => {
    const prefix = `shared-${randomBytes(4).toString('hex')}`;
    const raw = await prefixWithInvoice(prefix);
    const before = await snapshot(raw);
    const result = await coffer(['init', '--vault', `s3://${s.bucket}/${prefix}`, '--endpoint', s.endpoint], env);
    expect(result).toMatchObject({
      code: 4,
      stderr: `coffer: s3://${s.bucket}/${prefix}/ holds other objects (such as "c/invoice.txt"); choose an empty prefix such as s3://${s.bucket}/${prefix}/coffer/\n`,
    });
    expect(await snapshot(raw)).toEqual(before);
  });

  it('a vault made there before init refused such prefixes opens without removing them, and still removes its own orphan', async () => {
    const prefix = `shared-${randomBytes(4).toString('hex')}`;
    const raw = await prefixWithInvoice(prefix);
    const location = { kind: 's3' as const, bucket: s.bucket, prefix, endpoint: s.endpoint, forcePathStyle: true, credentials: s.credentials };
    await writeVaultConfig(raw, (await createVaultConfig(PASS)).config, undefined);
    const vault = await openVault(location, PASS);
    const source = join(work, 'cut.bin');
    await writeFile(source, randomBytes(1000));
    const orphan = await vault.importFile(source);
    await raw.delete(metadataKey(orphan.id));
    vault.lock();
    await ageInS3rver(`${prefix}/${contentKey(orphan.id)}`);

    const listed = await coffer(['ls', '--vault', `s3://${s.bucket}/${prefix}`, '--endpoint', s.endpoint], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect((await buffer(await raw.get('c/invoice.txt'))).equals(invoice)).toBe(true);
    expect(await raw.head(contentKey(orphan.id))).toBeUndefined();
  });
});
