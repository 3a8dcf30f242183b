/**
 * The S3-compatible services the wizard knows by name, as data: which fields each asks for, and how
 * those become the endpoint, region and addressing style of a location. "Other" asks for all three.
 */

export type PresetId = 'aws' | 'r2' | 'b2' | 'wasabi' | 'minio' | 'other';

/** What a preset asks the user for, besides bucket, prefix and credentials. */
export type PresetField = 'region' | 'accountId' | 'endpoint' | 'forcePathStyle';

/** What the user typed or picked for a preset's fields. */
export interface PresetValues {
  region: string;
  accountId: string;
  endpoint: string;
  forcePathStyle: boolean;
}

/** The part of an S3 location a preset decides. */
export interface ServiceAddress {
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
}

export interface S3Preset {
  id: PresetId;
  fields: readonly PresetField[];
  /** For a region picked from a list: the service's regions, the first the default. */
  regions?: readonly string[];
  address(values: PresetValues): ServiceAddress;
}

const AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'eu-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
  'sa-east-1',
] as const;

const B2_REGIONS = ['us-west-004', 'us-west-002', 'us-west-001', 'us-west-000', 'us-east-005', 'eu-central-003', 'ca-east-006'] as const;

const WASABI_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-central-1',
  'us-west-1',
  'ca-central-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
] as const;

/** A Cloudflare account id: 32 hexadecimal digits. */
export const R2_ACCOUNT_ID = /^[0-9a-f]{32}$/i;

const trimmed = (value: string) => value.trim() || undefined;

export const S3_PRESETS: readonly S3Preset[] = [
  // The SDK finds AWS's endpoint from the region; naming one would only pin it.
  { id: 'aws', fields: ['region'], regions: AWS_REGIONS, address: ({ region }) => ({ region }) },
  {
    id: 'r2',
    fields: ['accountId'],
    address: ({ accountId }) => ({ endpoint: `https://${accountId.trim().toLowerCase()}.r2.cloudflarestorage.com`, region: 'auto' }),
  },
  { id: 'b2', fields: ['region'], regions: B2_REGIONS, address: ({ region }) => ({ endpoint: `https://s3.${region}.backblazeb2.com`, region }) },
  { id: 'wasabi', fields: ['region'], regions: WASABI_REGIONS, address: ({ region }) => ({ endpoint: `https://s3.${region}.wasabisys.com`, region }) },
  // MinIO serves every bucket under one host, so requests name the bucket in the path.
  { id: 'minio', fields: ['endpoint'], address: ({ endpoint }) => ({ endpoint: trimmed(endpoint), forcePathStyle: true }) },
  {
    id: 'other',
    fields: ['endpoint', 'region', 'forcePathStyle'],
    address: ({ endpoint, region, forcePathStyle }) => ({ endpoint: trimmed(endpoint), region: trimmed(region), forcePathStyle }),
  },
];

export function presetById(id: PresetId): S3Preset {
  return S3_PRESETS.find((preset) => preset.id === id)!;
}

/** The values a preset starts with: its first region, nothing typed. */
export function initialValues(preset: S3Preset): PresetValues {
  return { region: preset.regions?.[0] ?? '', accountId: '', endpoint: '', forcePathStyle: false };
}
