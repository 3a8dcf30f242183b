import type { ServerResponse } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVaultConfig, serializeVaultConfig } from '../../main/keys/vault-config.js';
import { createVault, openVault } from '../../main/vault/open-vault.js';
import { sendS3Error, startScriptedEndpoint, type ScriptedEndpoint } from '../helpers/scripted-http.js';

const BUCKET = 'scripted';
const PASS = 'a long and careful passphrase';
const OURS_C = 'c/aaaaaaaaaaaaaaaaaaaaaaaaaa';
const OURS_M = 'm/bbbbbbbbbbbbbbbbbbbbbbbbbb';
/** Incomplete uploads in the bucket, all a year old: the vault's own two, and other tools'. */
const UPLOADS = [OURS_C, OURS_M, 'c/invoice.txt', `${OURS_C}/extra`, 'coffer-vault.json', 'backup/db.tar', 'photos/c/cccccccccccccccccccccccccc'];

function sendXml(response: ServerResponse, xml: string): void {
  response.writeHead(200, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);
}

// s3rver and fauxqs cannot list multipart uploads, so a scripted service shows which ones an open aborts.
describe('the cleanup of an S3 vault at a bucket root, against a scripted S3 endpoint', () => {
  let config: Buffer;
  let scripted: ScriptedEndpoint | undefined;
  beforeAll(async () => {
    config = serializeVaultConfig((await createVaultConfig(PASS)).config);
  });
  afterEach(async () => {
    await scripted?.close();
    scripted = undefined;
  });

  it("lists incomplete uploads only under c/ and m/ and aborts only those of the vault's own key shapes", async () => {
    const initiated = new Date(Date.now() - 365 * 24 * 3600_000).toISOString();
    scripted = await startScriptedEndpoint((request, response, url) => {
      if (request.method === 'DELETE') return void response.writeHead(204).end();
      if (url.pathname === `/${BUCKET}/coffer-vault.json`) return void response.writeHead(200, { 'content-length': config.length }).end(config);
      if (url.pathname !== `/${BUCKET}` && url.pathname !== `/${BUCKET}/`) return sendS3Error(response, 404, 'NoSuchKey');
      const prefix = url.searchParams.get('prefix') ?? '';
      if (!url.searchParams.has('uploads')) {
        return sendXml(response, `<ListBucketResult><Name>${BUCKET}</Name><Prefix>${prefix}</Prefix><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>`);
      }
      const uploads = UPLOADS.filter((key) => key.startsWith(prefix))
        .map((key, i) => `<Upload><Key>${key}</Key><UploadId>u-${i}</UploadId><Initiated>${initiated}</Initiated></Upload>`)
        .join('');
      sendXml(response, `<ListMultipartUploadsResult><Bucket>${BUCKET}</Bucket><Prefix>${prefix}</Prefix><IsTruncated>false</IsTruncated>${uploads}</ListMultipartUploadsResult>`);
    });
    const location = { kind: 's3' as const, bucket: BUCKET, prefix: '', endpoint: scripted.endpoint, credentials: { accessKeyId: 'id', secretAccessKey: 'secret' } };

    (await openVault(location, PASS)).lock();

    const requests = scripted.log.map((line) => {
      const [method, target] = line.split(' ') as [string, string];
      return { method, url: new URL(target, 'http://scripted') };
    });
    const listedUploads = requests.filter((r) => r.method === 'GET' && r.url.searchParams.has('uploads')).map((r) => r.url.searchParams.get('prefix'));
    expect(listedUploads).toEqual(['c/', 'm/']);
    const aborted = requests.filter((r) => r.method === 'DELETE').map((r) => r.url.pathname.slice(`/${BUCKET}/`.length));
    expect(aborted).toEqual([OURS_C, OURS_M]);
  });
});

describe('creating an S3 vault, against a scripted S3 endpoint', () => {
  let scripted: ScriptedEndpoint | undefined;
  afterEach(async () => {
    await scripted?.close();
    scripted = undefined;
  });

  it('refuses a bucket root holding other objects after one listing page, however many pages there are, and writes nothing', async () => {
    scripted = await startScriptedEndpoint((request, response, url) => {
      if (request.method !== 'GET' || url.pathname !== `/${BUCKET}/`) return sendS3Error(response, 404, 'NoSuchKey');
      const page = Number(url.searchParams.get('continuation-token') ?? 0);
      sendXml(
        response,
        `<ListBucketResult><Name>${BUCKET}</Name><Prefix></Prefix><KeyCount>2</KeyCount><IsTruncated>true</IsTruncated>` +
          `<NextContinuationToken>${page + 1}</NextContinuationToken>` +
          `<Contents><Key>.DS_Store</Key><Size>6</Size></Contents><Contents><Key>backup/${page}.tar</Key><Size>6</Size></Contents></ListBucketResult>`,
      );
    });
    const location = { kind: 's3' as const, bucket: BUCKET, prefix: '', endpoint: scripted.endpoint, credentials: { accessKeyId: 'id', secretAccessKey: 'secret' } };
    await expect(createVault(location, PASS)).rejects.toMatchObject({
      code: 'LOCATION_NOT_EMPTY',
      message: `s3://${BUCKET}/ holds other objects (such as "backup/0.tar"); choose an empty prefix such as s3://${BUCKET}/coffer/`,
    });
    expect(scripted.log.map((line) => line.replace(/\?.*/, ''))).toEqual([`HEAD /${BUCKET}/coffer-vault.json`, `GET /${BUCKET}/`]);
  });
});
