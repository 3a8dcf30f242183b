import { resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/** Where `--vault` points, before any S3 connection settings are added. */
export type VaultTarget =
  | { kind: 'folder'; path: string }
  | {
      kind: 's3';
      bucket: string;
      /** Without leading or trailing slashes; '' for the bucket root. */
      prefix: string;
      /** `s3://bucket/prefix`: the same string for every spelling of the same place, to key remembered settings. */
      url: string;
    };

const S3_URL = /^s3:\/\/([^/]*)(?:\/(.*))?$/i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// Wider than AWS's own rule: some S3-compatible services accept legacy names with capitals or underscores.
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads a vault location: `s3://bucket[/prefix]`, or a folder path (relative to `cwd`). Any other
 * `scheme://` is refused rather than taken for a folder of that odd name.
 */
export function parseVaultUrl(text: string, cwd: string): VaultTarget {
  const s3 = S3_URL.exec(text);
  if (s3) {
    const bucket = s3[1] ?? '';
    if (!BUCKET.test(bucket)) throw new UsageError(`"${text}" names no valid bucket: use s3://bucket/prefix`);
    const prefix = (s3[2] ?? '').replace(/^\/+|\/+$/g, '');
    return { kind: 's3', bucket, prefix, url: prefix ? `s3://${bucket}/${prefix}` : `s3://${bucket}` };
  }
  if (OTHER_SCHEME.test(text)) throw new UsageError(`unsupported vault location "${text}": use a folder or s3://bucket/prefix`);
  if (text === '') throw new UsageError('the vault location is empty');
  return { kind: 'folder', path: resolve(cwd, text) };
}
