import type { LocationInput, LocationView } from '../../contract/ipc.js';
import type { StoredLocation } from '../settings/settings-schema.js';
import type { VaultLocation } from '../vault/types.js';

/** The location without its secret: what settings.json may hold. */
export function storedLocation(input: LocationInput): StoredLocation {
  if (input.kind === 'folder') return { kind: 'folder', path: input.path };
  const { secretAccessKey: _secret, ...rest } = input;
  return rest;
}

/**
 * A stable name for a location's identity, used to key its secrets: a secret saved for one bucket
 * and access key id is never offered to another.
 */
export function locationKey(location: StoredLocation): string {
  if (location.kind === 'folder') return `folder:${location.path}`;
  const { endpoint = '', region = '', bucket, prefix, accessKeyId = '' } = location;
  return `s3:${JSON.stringify([endpoint, region, bucket, prefix, accessKeyId])}`;
}

/** The secret-store names of a location's S3 secret key and remembered passphrase. */
export function secretNames(location: StoredLocation): { s3Secret: string; passphrase: string } {
  const key = locationKey(location);
  return { s3Secret: `s3-secret:${key}`, passphrase: `passphrase:${key}` };
}

/** The vault API's location. Without an access key id, S3 falls back to the AWS provider chain. */
export function vaultLocation(location: StoredLocation, secretAccessKey: string | undefined): VaultLocation {
  if (location.kind === 'folder') return location;
  const { accessKeyId, ...rest } = location;
  return accessKeyId && secretAccessKey ? { ...rest, credentials: { accessKeyId, secretAccessKey } } : rest;
}

/** The location as the renderer may see it. */
export function locationView(location: StoredLocation, hasStoredSecret: boolean): LocationView {
  return location.kind === 'folder' ? location : { ...location, hasStoredSecret };
}
