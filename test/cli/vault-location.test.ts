import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../main/cli/cli-io.js';
import { parseCommandArgs } from '../../main/cli/parse-command-args.js';
import { rememberSettings } from '../../main/cli/remembered-settings.js';
import { LOCATION_OPTIONS, resolveLocation } from '../../main/cli/vault-location.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

const USAGE = 'coffer ls';

async function resolve(args: string[], env: NodeJS.ProcessEnv) {
  const io = { env, cwd: '/work' } as CliIo;
  return resolveLocation(parseCommandArgs(args, LOCATION_OPTIONS, USAGE), io, USAGE);
}

describe('where the CLI finds its vault', () => {
  afterAll(removeTempDirs);

  it('takes --vault over COFFER_VAULT, and a folder path relative to the working directory', async () => {
    const config = await makeTempDir('coffer-config');
    const env = { COFFER_CONFIG_DIR: config, COFFER_VAULT: '/elsewhere' };
    expect((await resolve(['--vault', 'here'], env)).location).toEqual({ kind: 'folder', path: join('/work', 'here') });
    expect((await resolve([], env)).location).toEqual({ kind: 'folder', path: '/elsewhere' });
  });

  it('reads the endpoint from AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL, and the region from AWS_REGION', async () => {
    const config = await makeTempDir('coffer-config');
    const base = { COFFER_CONFIG_DIR: config, COFFER_VAULT: 's3://bucket/prefix', AWS_REGION: 'eu-west-3' };
    const both = await resolve([], { ...base, AWS_ENDPOINT_URL_S3: 'http://s3.local:9000', AWS_ENDPOINT_URL: 'http://any.local' });
    expect(both.location).toMatchObject({ kind: 's3', bucket: 'bucket', prefix: 'prefix', endpoint: 'http://s3.local:9000', region: 'eu-west-3' });
    const generic = await resolve([], { ...base, AWS_ENDPOINT_URL: 'http://any.local' });
    expect(generic.location).toMatchObject({ endpoint: 'http://any.local' });
    const none = await resolve([], { COFFER_CONFIG_DIR: config, COFFER_VAULT: 's3://bucket/prefix' });
    expect(none.location).toMatchObject({ endpoint: undefined, region: undefined });
  });

  it('prefers a flag to what init remembered for this vault, and that to the environment', async () => {
    const config = await makeTempDir('coffer-config');
    await rememberSettings(config, 's3://bucket/prefix', { endpoint: 'http://remembered.local', region: 'auto', pathStyle: true });
    const env = { COFFER_CONFIG_DIR: config, COFFER_VAULT: 's3://bucket/prefix', AWS_ENDPOINT_URL_S3: 'http://env.local', AWS_REGION: 'us-west-2' };
    expect((await resolve([], env)).location).toMatchObject({ endpoint: 'http://remembered.local', region: 'auto', forcePathStyle: true });
    const flagged = await resolve(['--endpoint', 'http://flag.local', '--region', 'eu-central-1'], env);
    expect(flagged.location).toMatchObject({ endpoint: 'http://flag.local', region: 'eu-central-1', forcePathStyle: true });
    // Settings remembered for another vault do not apply.
    expect((await resolve(['--vault', 's3://other/prefix'], env)).location).toMatchObject({ endpoint: 'http://env.local', region: 'us-west-2' });
  });

  it('refuses S3 options for a folder vault and an endpoint that is not http(s)', async () => {
    const config = await makeTempDir('coffer-config');
    await expect(resolve(['--vault', '/v', '--region', 'x'], { COFFER_CONFIG_DIR: config })).rejects.toThrow('apply only to s3:// vaults');
    await expect(resolve(['--vault', 's3://b/p'], { COFFER_CONFIG_DIR: config, AWS_ENDPOINT_URL_S3: 'ftp://x' })).rejects.toThrow('not an http:// or https:// URL');
  });
});
