import type { InputHTMLAttributes } from 'react';
import type { CredentialSource, LocationInput, LocationView } from '../../contract/ipc.js';
import { call } from './call.js';

/** What the location fields hold while the user edits them. */
export interface LocationDraft {
  kind: 'folder' | 's3';
  path: string;
  bucket: string;
  prefix: string;
  endpoint: string;
  region: string;
  forcePathStyle: boolean;
  credentialSource: CredentialSource;
  accessKeyId: string;
  secretAccessKey: string;
  hasStoredSecret: boolean;
}

/** The editable form of a location main reported. */
export function draftFrom(location: LocationView): LocationDraft {
  const empty = { path: '', bucket: '', prefix: '', endpoint: '', region: '', forcePathStyle: false, accessKeyId: '', credentialSource: 'keys' as const };
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
    credentialSource: location.credentialSource,
    accessKeyId: location.accessKeyId ?? '',
    secretAccessKey: '',
    hasStoredSecret: location.hasStoredSecret,
  };
}

/** The location to send: blank optional fields are left out, and so is a secret not typed anew. */
export function locationInput(draft: LocationDraft): LocationInput {
  if (draft.kind === 'folder') return { kind: 'folder', path: draft.path };
  const endpoint = draft.endpoint.trim();
  const region = draft.region.trim();
  const accessKeyId = draft.accessKeyId.trim();
  const keys = draft.credentialSource === 'keys';
  return {
    kind: 's3',
    credentialSource: draft.credentialSource,
    bucket: draft.bucket.trim(),
    prefix: draft.prefix.trim(),
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(draft.forcePathStyle ? { forcePathStyle: true } : {}),
    ...(keys && accessKeyId ? { accessKeyId } : {}),
    ...(keys && draft.secretAccessKey ? { secretAccessKey: draft.secretAccessKey } : {}),
  };
}

interface FormProps {
  draft: LocationDraft;
  onChange: (draft: LocationDraft) => void;
  /** The folder main suggests for a new vault. */
  defaultFolder: string;
  onError: (error: unknown) => void;
}

/**
 * Local folder (the default) or S3-compatible storage. A folder is chosen in main's native dialog,
 * never typed: main accepts only folders it offered (see main/ipc/location-access.ts).
 */
export function LocationForm({ draft, onChange, defaultFolder, onError }: FormProps) {
  const chooseFolder = () =>
    call(window.coffer.chooseVaultFolder()).then(({ path }) => path && onChange({ ...draft, path }), onError);
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
        <div className="folder">
          <output aria-label="Vault folder">{draft.path}</output>
          <button type="button" onClick={() => void chooseFolder()}>
            Choose folder…
          </button>
          {draft.path !== defaultFolder && (
            <button type="button" onClick={() => onChange({ ...draft, path: defaultFolder })}>
              Use the default folder
            </button>
          )}
        </div>
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
          <div className="choice" role="radiogroup" aria-label="Credentials">
            <label>
              <input type="radio" checked={draft.credentialSource === 'keys'} onChange={() => onChange({ ...draft, credentialSource: 'keys' })} />
              Access key
            </label>
            <label>
              <input
                type="radio"
                checked={draft.credentialSource === 'environment'}
                onChange={() => onChange({ ...draft, credentialSource: 'environment' })}
              />
              My AWS profile or environment
            </label>
          </div>
          {draft.credentialSource === 'keys' && (
            <>
              {field('accessKeyId', 'Access key ID', { required: true, name: 'access-key-id' })}
              {field('secretAccessKey', 'Secret access key', {
                type: 'password',
                name: 'secret-access-key',
                placeholder: draft.hasStoredSecret ? 'stored on this device' : '',
              })}
            </>
          )}
          <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html" target="_blank" rel="noreferrer">
            About access keys
          </a>
        </>
      )}
    </fieldset>
  );
}
