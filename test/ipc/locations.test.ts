import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../main/ipc/file-name.js';
import { locationKey, locationView, secretNames, storedLocation, vaultLocation } from '../../main/ipc/locations.js';

const s3 = { kind: 's3', bucket: 'media', prefix: 'coffer', endpoint: 'https://s3.example.com', accessKeyId: 'AKIA1' } as const;

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

  it('passes credentials to the core only with both key id and secret', () => {
    expect(vaultLocation(s3, 'shh')).toMatchObject({ credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'shh' } });
    expect(vaultLocation(s3, undefined)).not.toHaveProperty('credentials');
    expect(vaultLocation(s3, undefined)).not.toHaveProperty('accessKeyId');
  });

  it('shows the UI whether a secret is stored, never the secret', () => {
    expect(locationView(s3, true)).toEqual({ ...s3, hasStoredSecret: true });
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
