import type { LocationInput, LocationView } from '../../../contract/ipc.js';

/**
 * The location to send for one main showed: everything but `hasStoredSecret`. A secret goes along
 * only when the user typed one; where none is typed, main uses the one it stored.
 */
export function inputFromView(view: LocationView, secretAccessKey = ''): LocationInput {
  if (view.kind === 'folder') return { kind: 'folder', path: view.path };
  const keys = view.credentialSource === 'keys';
  return {
    kind: 's3',
    bucket: view.bucket,
    prefix: view.prefix,
    credentialSource: view.credentialSource,
    ...(view.endpoint !== undefined ? { endpoint: view.endpoint } : {}),
    ...(view.region !== undefined ? { region: view.region } : {}),
    ...(view.forcePathStyle !== undefined ? { forcePathStyle: view.forcePathStyle } : {}),
    ...(keys && view.accessKeyId !== undefined ? { accessKeyId: view.accessKeyId } : {}),
    ...(keys && secretAccessKey !== '' ? { secretAccessKey } : {}),
  };
}

/** True when an S3 location can be opened only with a secret typed now: access keys, none stored. */
export function needsSecret(view: LocationView): boolean {
  return view.kind === 's3' && view.credentialSource === 'keys' && !view.hasStoredSecret;
}

/** Whether two locations name the same vault. */
export function sameLocation(a: LocationView, b: LocationView): boolean {
  if (a.kind === 'folder') return b.kind === 'folder' && a.path === b.path;
  if (b.kind === 'folder') return false;
  return a.bucket === b.bucket && a.prefix === b.prefix && (a.endpoint ?? '') === (b.endpoint ?? '') && (a.region ?? '') === (b.region ?? '');
}

/** A stable React key for a location. */
export function locationKey(view: LocationView): string {
  return view.kind === 'folder' ? `folder:${view.path}` : `s3:${view.endpoint ?? ''}|${view.region ?? ''}|${view.bucket}|${view.prefix}`;
}
