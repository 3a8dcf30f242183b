import { isLoopbackEndpoint, locationInput, type CredentialSource, type LocationInput } from '../../../contract/ipc.js';
import { initialValues, presetById, R2_ACCOUNT_ID, type PresetId, type PresetValues } from './s3-presets.js';

/** What the S3 fields hold while the user fills them in. */
export interface S3Draft {
  preset: PresetId;
  values: PresetValues;
  bucket: string;
  prefix: string;
  credentialSource: CredentialSource;
  accessKeyId: string;
  secretAccessKey: string;
}

export type S3Field = 'accountId' | 'endpoint' | 'region' | 'bucket' | 'prefix' | 'accessKeyId' | 'secretAccessKey';

/** Per field, the catalog key of what is wrong with it. */
export type S3Problems = Partial<Record<S3Field, string>>;

export function emptyS3Draft(preset: PresetId = 'aws'): S3Draft {
  return { preset, values: initialValues(presetById(preset)), bucket: '', prefix: '', credentialSource: 'keys', accessKeyId: '', secretAccessKey: '' };
}

/** The same draft for another service: its own region list and fields, the rest kept. */
export function withPreset(draft: S3Draft, preset: PresetId): S3Draft {
  return { ...draft, preset, values: initialValues(presetById(preset)) };
}

/** The location the draft describes; blank optional fields are left out. */
export function s3Location(draft: S3Draft): LocationInput {
  const { endpoint, region, forcePathStyle } = presetById(draft.preset).address(draft.values);
  const keys = draft.credentialSource === 'keys';
  return {
    kind: 's3',
    bucket: draft.bucket.trim(),
    prefix: draft.prefix.trim(),
    credentialSource: draft.credentialSource,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(forcePathStyle ? { forcePathStyle } : {}),
    ...(keys ? { accessKeyId: draft.accessKeyId.trim() } : {}),
    ...(keys && draft.secretAccessKey !== '' ? { secretAccessKey: draft.secretAccessKey } : {}),
  };
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]{1,64}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what a prefix may not hold
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function endpointProblem(endpoint: string): string | undefined {
  const text = endpoint.trim();
  if (text === '') return 'location.errors.endpointMissing';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'location.errors.endpointInvalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'location.errors.endpointInvalid';
  if (url.protocol === 'http:' && !isLoopbackEndpoint(url)) return 'location.errors.endpointHttps';
  return undefined;
}

/**
 * What is wrong with the draft, field by field, in the contract's own rules (contract/ipc.ts), so a
 * mistake is said beside its field before main would refuse it. The contract's schema has the last
 * word: anything it refuses that these checks missed is still named.
 */
export function s3Problems(draft: S3Draft): S3Problems {
  const problems: S3Problems = {};
  const { fields } = presetById(draft.preset);
  if (fields.includes('accountId') && !R2_ACCOUNT_ID.test(draft.values.accountId.trim())) problems.accountId = 'location.errors.accountId';
  if (fields.includes('endpoint')) {
    const problem = endpointProblem(draft.values.endpoint);
    if (problem) problems.endpoint = problem;
  }
  if (fields.includes('region') && draft.values.region.trim() !== '' && !REGION.test(draft.values.region.trim())) problems.region = 'location.errors.region';
  const bucket = draft.bucket.trim();
  if (bucket === '') problems.bucket = 'location.errors.bucketMissing';
  else if (!BUCKET.test(bucket)) problems.bucket = 'location.errors.bucket';
  if (CONTROL_CHARS.test(draft.prefix) || draft.prefix.length > 1024) problems.prefix = 'location.errors.prefix';
  if (draft.credentialSource === 'keys') {
    if (draft.accessKeyId.trim() === '') problems.accessKeyId = 'location.errors.accessKeyId';
    if (draft.secretAccessKey === '') problems.secretAccessKey = 'location.errors.secretAccessKey';
  }
  if (Object.keys(problems).length > 0) return problems;
  const parsed = locationInput.safeParse(s3Location(draft));
  // A preset that derives the endpoint or region from another field shows the problem there.
  const shown = (field: string): S3Field =>
    (field === 'endpoint' || field === 'region') && !(fields as readonly string[]).includes(field) ? (fields[0] as S3Field) : (field as S3Field);
  for (const issue of parsed.error?.issues ?? []) problems[shown(String(issue.path[0] ?? 'bucket'))] ??= 'location.errors.invalid';
  return problems;
}
