import type { CredentialSource, LocationInput, LocationView } from '../../contract/ipc.js';
import { CofferError } from '../errors.js';
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

type S3Stored = Extract<StoredLocation, { kind: 's3' }>;

/** Where an S3 location's credentials come from; settings from before the choice existed imply it. */
export function credentialSourceOf(location: S3Stored): CredentialSource {
  return location.credentialSource ?? (location.accessKeyId ? 'keys' : 'environment');
}

/**
 * The vault API's location. The SDK's AWS provider chain (profile, environment, instance role) is
 * used only for a location whose credential source is `environment`: anywhere else a missing
 * secret is an error, never a silent fall-back to the user's AWS keys.
 */
export function vaultLocation(location: StoredLocation, secretAccessKey: string | undefined): VaultLocation {
  if (location.kind === 'folder') return location;
  const { accessKeyId, credentialSource: _source, ...rest } = location;
  if (credentialSourceOf(location) === 'environment') return rest;
  if (!accessKeyId || !secretAccessKey) throw new CofferError('INVALID_ARGUMENT', 'enter the secret access key for this access key id');
  return { ...rest, credentials: { accessKeyId, secretAccessKey } };
}

/** The location as the renderer may see it. */
export function locationView(location: StoredLocation, hasStoredSecret: boolean): LocationView {
  return location.kind === 'folder' ? location : { ...location, credentialSource: credentialSourceOf(location), hasStoredSecret };
}

/**
 * What the user confirms before Coffer first talks to an S3 location: every field that decides
 * which host gets the requests, what they touch, and whose credentials sign them.
 */
export function storageIdentity(location: S3Stored): string {
  const { endpoint = '', region = '', bucket, prefix, forcePathStyle = false } = location;
  return JSON.stringify([endpoint, region, forcePathStyle, bucket, prefix.replace(/^\/+|\/+$/g, ''), credentialSourceOf(location)]);
}
