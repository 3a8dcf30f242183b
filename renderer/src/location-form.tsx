import type { InputHTMLAttributes } from 'react';
import type { LocationInput, LocationView } from '../../contract/ipc.js';

/** What the location fields hold while the user edits them. */
export interface LocationDraft {
  kind: 'folder' | 's3';
  path: string;
  bucket: string;
  prefix: string;
  endpoint: string;
  region: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  hasStoredSecret: boolean;
}

/** The editable form of a location main reported. */
export function draftFrom(location: LocationView): LocationDraft {
  const empty = { path: '', bucket: '', prefix: '', endpoint: '', region: '', forcePathStyle: false, accessKeyId: '' };
  if (location.kind === 'folder') {
    return { ...empty, kind: 'folder', path: location.path, secretAccessKey: '', hasStoredSecret: false };
  }
  return {
    ...empty,
    kind: 's3',
    bucket: location.bucket,
    prefix: location.prefix,
    endpoint: location.endpoint ?? '',
    region: location.region ?? '',
    forcePathStyle: location.forcePathStyle ?? false,
    accessKeyId: location.accessKeyId ?? '',
    secretAccessKey: '',
    hasStoredSecret: location.hasStoredSecret,
  };
}

/** The location to send: blank optional fields are left out, and so is a secret not typed anew. */
export function locationInput(draft: LocationDraft): LocationInput {
  if (draft.kind === 'folder') return { kind: 'folder', path: draft.path.trim() };
  const endpoint = draft.endpoint.trim();
  const region = draft.region.trim();
  const accessKeyId = draft.accessKeyId.trim();
  return {
    kind: 's3',
    bucket: draft.bucket.trim(),
    prefix: draft.prefix.trim(),
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(draft.forcePathStyle ? { forcePathStyle: true } : {}),
    ...(accessKeyId ? { accessKeyId } : {}),
    ...(draft.secretAccessKey ? { secretAccessKey: draft.secretAccessKey } : {}),
  };
}

/** Local folder (the default) or S3-compatible storage. */
export function LocationForm({ draft, onChange }: { draft: LocationDraft; onChange: (draft: LocationDraft) => void }) {
  const field = (key: keyof LocationDraft, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {label}
      <input
        value={String(draft[key])}
        onChange={(event) => onChange({ ...draft, [key]: event.target.value })}
        spellCheck={false}
        {...props}
      />
    </label>
  );
  return (
    <fieldset className="location">
      <legend>Where the vault lives</legend>
      <div className="choice">
        <label>
          <input type="radio" checked={draft.kind === 'folder'} onChange={() => onChange({ ...draft, kind: 'folder' })} />
          Folder on this computer
        </label>
        <label>
          <input type="radio" checked={draft.kind === 's3'} onChange={() => onChange({ ...draft, kind: 's3' })} />
          S3-compatible storage
        </label>
      </div>
      {draft.kind === 'folder' ? (
        field('path', 'Folder (absolute path)', { required: true, name: 'folder-path' })
      ) : (
        <>
          {field('bucket', 'Bucket', { required: true, name: 'bucket' })}
          {field('prefix', 'Prefix (optional)', { name: 'prefix' })}
          {field('endpoint', 'Endpoint URL (blank for AWS)', { placeholder: 'https://s3.example.com', name: 'endpoint' })}
          {field('region', 'Region', { placeholder: 'us-east-1', name: 'region' })}
          <label className="inline">
            <input
              type="checkbox"
              checked={draft.forcePathStyle}
              onChange={(event) => onChange({ ...draft, forcePathStyle: event.target.checked })}
            />
            Path-style URLs (MinIO and most self-hosted servers)
          </label>
          {field('accessKeyId', 'Access key ID (blank for the AWS credential chain)', { name: 'access-key-id' })}
          {field('secretAccessKey', 'Secret access key', {
            type: 'password',
            name: 'secret-access-key',
            placeholder: draft.hasStoredSecret ? 'stored on this device' : '',
          })}
          <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html" target="_blank" rel="noreferrer">
            About access keys
          </a>
        </>
      )}
    </fieldset>
  );
}
