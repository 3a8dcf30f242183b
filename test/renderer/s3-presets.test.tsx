import { describe, expect, it } from 'vitest';
import { locationInput } from '../../contract/ipc.js';
import { emptyS3Draft, s3Location, s3Problems, withPreset, type S3Draft } from '../../renderer/src/wizard/s3-draft.js';
import { initialValues, presetById, S3_PRESETS } from '../../renderer/src/wizard/s3-presets.js';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const filled = (draft: S3Draft): S3Draft => ({ ...draft, bucket: 'photos', accessKeyId: 'AKIA1', secretAccessKey: 'shh' });

describe('the S3 presets', () => {
  it('leave AWS without an endpoint, the SDK finding it from the chosen region', () => {
    expect(presetById('aws').address({ ...initialValues(presetById('aws')), region: 'ap-northeast-2' })).toEqual({ region: 'ap-northeast-2' });
    expect(presetById('aws').regions).toContain('us-east-1');
  });

  it('build Cloudflare R2’s endpoint from the account id, region auto', () => {
    expect(presetById('r2').address({ ...initialValues(presetById('r2')), accountId: ` ${ACCOUNT.toUpperCase()} ` })).toEqual({
      endpoint: `https://${ACCOUNT}.r2.cloudflarestorage.com`,
      region: 'auto',
    });
  });

  it.each([
    ['b2', 'us-west-004', 'https://s3.us-west-004.backblazeb2.com'],
    ['b2', 'eu-central-003', 'https://s3.eu-central-003.backblazeb2.com'],
    ['wasabi', 'eu-central-1', 'https://s3.eu-central-1.wasabisys.com'],
  ] as const)('build %s’s endpoint from the region %s', (id, region, endpoint) => {
    expect(presetById(id).regions).toContain(region);
    expect(presetById(id).address({ ...initialValues(presetById(id)), region })).toEqual({ endpoint, region });
  });

  it('ask MinIO for its endpoint and address buckets by path', () => {
    expect(presetById('minio').fields).toEqual(['endpoint']);
    expect(presetById('minio').address({ ...initialValues(presetById('minio')), endpoint: ' https://minio.lan:9000 ' })).toEqual({
      endpoint: 'https://minio.lan:9000',
      forcePathStyle: true,
    });
  });

  it('ask “Other” for endpoint, region and path style, leaving a blank region out', () => {
    const other = presetById('other');
    expect(other.fields).toEqual(['endpoint', 'region', 'forcePathStyle']);
    expect(other.address({ region: '', accountId: '', endpoint: 'https://s3.example.com', forcePathStyle: false })).toEqual({
      endpoint: 'https://s3.example.com',
      region: undefined,
      forcePathStyle: false,
    });
  });

  it('start each preset with its first region selected', () => {
    for (const preset of S3_PRESETS) expect(initialValues(preset).region).toBe(preset.regions?.[0] ?? '');
  });
});

describe('an S3 draft', () => {
  it('becomes a location the contract accepts, for every preset', () => {
    const values = { accountId: ACCOUNT, endpoint: 'https://s3.example.com' };
    for (const { id } of S3_PRESETS) {
      const draft = filled(withPreset(emptyS3Draft(), id));
      const complete = { ...draft, values: { ...draft.values, ...values } };
      expect(s3Problems(complete), id).toEqual({});
      expect(locationInput.safeParse(s3Location(complete)).success, id).toBe(true);
    }
  });

  it('sends no access key and no secret with the environment’s credentials', () => {
    const draft = { ...filled(emptyS3Draft()), credentialSource: 'environment' as const };
    expect(s3Problems(draft)).toEqual({});
    expect(s3Location(draft)).toEqual({ kind: 's3', bucket: 'photos', prefix: '', credentialSource: 'environment', region: 'us-east-1' });
  });

  it.each([
    ['a bucket with capitals', { bucket: 'Photos' }, 'bucket', 'location.errors.bucket'],
    ['no bucket', { bucket: '' }, 'bucket', 'location.errors.bucketMissing'],
    ['a prefix with a line break', { prefix: 'a\nb' }, 'prefix', 'location.errors.prefix'],
    ['no access key id', { accessKeyId: '' }, 'accessKeyId', 'location.errors.accessKeyId'],
    ['no secret', { secretAccessKey: '' }, 'secretAccessKey', 'location.errors.secretAccessKey'],
  ] as const)('names %s beside its field', (_what, change, field, key) => {
    expect(s3Problems({ ...filled(emptyS3Draft()), ...change })).toEqual({ [field]: key });
  });

  it.each([
    ['', 'location.errors.endpointMissing'],
    ['s3.example.com', 'location.errors.endpointInvalid'],
    ['ftp://s3.example.com', 'location.errors.endpointInvalid'],
    ['http://minio.lan:9000', 'location.errors.endpointHttps'],
  ])('refuses the endpoint %j, saying why', (endpoint, key) => {
    const draft = filled(withPreset(emptyS3Draft(), 'minio'));
    expect(s3Problems({ ...draft, values: { ...draft.values, endpoint } })).toEqual({ endpoint: key });
  });

  it.each(['http://127.0.0.1:9000', 'http://localhost:9000', 'http://[::1]:9000'])('accepts plain http on this computer: %s', (endpoint) => {
    const draft = filled(withPreset(emptyS3Draft(), 'minio'));
    expect(s3Problems({ ...draft, values: { ...draft.values, endpoint } })).toEqual({});
  });

  it('refuses an R2 account id that is not 32 hexadecimal digits', () => {
    const draft = filled(withPreset(emptyS3Draft(), 'r2'));
    expect(s3Problems({ ...draft, values: { ...draft.values, accountId: 'my-account' } })).toEqual({ accountId: 'location.errors.accountId' });
  });
});
