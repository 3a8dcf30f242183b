import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../main/ipc/file-name.js';
import { locationKey, locationView, secretNames, storageIdentity, storedLocation, vaultLocation } from '../../main/ipc/locations.js';

const s3 = { kind: 's3', credentialSource: 'keys', bucket: 'media', prefix: 'coffer', endpoint: 'https://s3.example.com', accessKeyId: 'AKIA1' } as const;

describe('vault locations between the UI, settings and the core', () => {
  it('never keeps the S3 secret in what settings store', () => {
    expect(storedLocation({ ...s3, secretAccessKey: 'shh' })).toEqual(s3);
  });

  it('gives secrets of different buckets, prefixes, endpoints or key ids different names', () => {
    const keys = [
      s3,
      { ...s3, bucket: 'other' },
      { ...s3, prefix: 'coffer2' },
      { ...s3, endpoint: 'https://r2.example.com' },
      { ...s3, accessKeyId: 'AKIA2' },
      { kind: 'folder', path: '/v' } as const,
    ].map(locationKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(secretNames(s3).s3Secret).not.toBe(secretNames(s3).passphrase);
  });

  it('cannot be fooled into one name by separator characters inside fields', () => {
    const a = locationKey({ kind: 's3', bucket: 'aaa', prefix: 'b|c' });
    const b = locationKey({ kind: 's3', bucket: 'aaa', prefix: 'b', region: 'c' });
    expect(a).not.toBe(b);
  });

  it('passes the typed access key to the core, and refuses to go on without its secret', () => {
    expect(vaultLocation(s3, 'shh')).toMatchObject({ credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'shh' } });
    expect(() => vaultLocation(s3, undefined)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('leaves credentials to the AWS profile and environment only for a location that chose them', () => {
    const { accessKeyId: _id, ...rest } = s3;
    const environment = { ...rest, credentialSource: 'environment' } as const;
    expect(vaultLocation(environment, undefined)).not.toHaveProperty('credentials');
    expect(() => vaultLocation({ ...rest, credentialSource: 'keys' }, undefined)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('asks again when anything that decides where requests go or who signs them changes', () => {
    const identities = [
      s3,
      { ...s3, endpoint: 'https://s3.example.org' },
      { ...s3, region: 'eu-west-1' },
      { ...s3, forcePathStyle: true },
      { ...s3, bucket: 'other' },
      { ...s3, prefix: 'elsewhere' },
      { ...s3, credentialSource: 'environment' as const, accessKeyId: undefined },
    ].map(storageIdentity);
    expect(new Set(identities).size).toBe(identities.length);
    expect(storageIdentity({ ...s3, prefix: '/coffer/' })).toBe(storageIdentity(s3));
    expect(storageIdentity({ ...s3, accessKeyId: 'AKIA2' })).toBe(storageIdentity(s3));
  });

  it('shows the UI whether a secret is stored, never the secret', () => {
    expect(locationView(s3, true)).toEqual({ ...s3, hasStoredSecret: true });
    const { credentialSource: _source, ...old } = s3;
    expect(locationView(old, false)).toMatchObject({ credentialSource: 'keys' });
  });
});

describe('suggested export file names', () => {
  it.each([
    ['holiday.mp4', 'holiday.mp4'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['.hidden', 'hidden'],
    ['line\nbreak', 'line_break'],
    ['...', 'export'],
  ])('turns %j into %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
