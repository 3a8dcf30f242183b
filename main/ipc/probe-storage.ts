import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ConnectionReport } from '../../contract/ipc.js';
import { CONFIG_KEY } from '../catalog/storage-keys.js';
import { CofferError } from '../errors.js';
import { LocalFolderStore } from '../store/local-folder-store.js';
import type { ObjectStore } from '../store/object-store.js';
import { createS3Client } from '../store/s3-client.js';
import { S3Store } from '../store/s3-store.js';
import { assertEmptyLocation } from '../vault/empty-location.js';
import type { VaultLocation } from '../vault/types.js';

/** How long "Test connection" waits for storage before it calls it unreachable. */
export const PROBE_TIMEOUT_MS = 10_000;

/** Longest `detail`: the storage's words, not a transcript. */
const MAX_DETAIL = 300;

export interface ProbeOptions {
  timeoutMs?: number;
}

/**
 * "Test connection": looks at the location through the same store code the vault uses, and says
 * what it found, or what the user can fix. Reads a listing page and the config's head at most;
 * writes nothing, and never waits longer than `timeoutMs`.
 */
export async function probeStorage(location: VaultLocation, options: ProbeOptions = {}): Promise<ConnectionReport> {
  return location.kind === 'folder' ? probeFolder(location.path) : probeS3(location, options.timeoutMs ?? PROBE_TIMEOUT_MS);
}

/**
 * Whether the folder holds a vault config; false where the folder is missing, null where it
 * cannot be read.
 */
export async function folderHoldsVault(path: string): Promise<boolean | null> {
  try {
    return (await new LocalFolderStore(path).head(CONFIG_KEY)) !== undefined;
  } catch (error) {
    return error instanceof CofferError && error.code === 'STORE_UNAVAILABLE' ? false : null;
  }
}

async function probeFolder(path: string): Promise<ConnectionReport> {
  const folder = resolve(path);
  const found = await stat(folder).catch((error: NodeJS.ErrnoException) => error);
  if (found instanceof Error) {
    if (found.code !== 'ENOENT' && found.code !== 'ENOTDIR') return unavailable(`cannot read ${folder} (${found.code})`);
    // createVault makes the folder, so a missing one is fine wherever it can be made.
    const parent = await nearestExisting(dirname(folder));
    return parent.writable
      ? { outcome: 'reachable', contents: 'empty', detail: `${folder} does not exist yet; it will be created in ${parent.path}` }
      : unavailable(`${folder} does not exist, and ${parent.path} is not a folder Coffer can write in`);
  }
  if (!found.isDirectory()) return unavailable(`${folder} is not a folder`);
  try {
    return await contentsReport({ kind: 'folder', path: folder }, new LocalFolderStore(folder));
  } catch (error) {
    return unavailable(detailOf(error));
  }
}

/** The closest existing ancestor of `path`, and whether a folder can be made in it. */
async function nearestExisting(path: string): Promise<{ path: string; writable: boolean }> {
  for (let current = path; ; current = dirname(current)) {
    const stats = await stat(current).catch(() => undefined);
    if (stats) {
      const writable = stats.isDirectory() && (await access(current, constants.W_OK | constants.X_OK).then(() => true, () => false));
      return { path: current, writable };
    }
    if (dirname(current) === current) return { path: current, writable: false };
  }
}

function unavailable(detail: string): ConnectionReport {
  return { outcome: 'folder-unavailable', contents: null, detail: clip(detail) };
}

async function probeS3(location: Extract<VaultLocation, { kind: 's3' }>, timeoutMs: number): Promise<ConnectionReport> {
  const client = createS3Client(location);
  // Never rejects, so the loser of the race below leaves no unhandled rejection behind.
  const probe = contentsReport(location, new S3Store({ ...location, client, pageSize: 1 })).catch(s3Failure);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ConnectionReport>((settle) => {
    timer = setTimeout(() => {
      const where = location.endpoint ?? 'AWS S3';
      settle({ outcome: 'unreachable', contents: null, detail: `${where} did not answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
    // Cuts the request still waiting, if the timeout won.
    client.destroy();
  }
}

/** A vault, nothing (OS litter aside: empty-location.ts), or someone else's files. */
async function contentsReport(location: VaultLocation, store: ObjectStore): Promise<ConnectionReport> {
  const answered = `${store.location} answered`;
  try {
    await assertEmptyLocation(location, store);
    return { outcome: 'reachable', contents: 'empty', detail: answered };
  } catch (error) {
    if (!(error instanceof CofferError && error.code === 'LOCATION_NOT_EMPTY')) throw error;
  }
  const config = await store.head(CONFIG_KEY);
  return { outcome: 'reachable', contents: config ? 'vault' : 'other-files', detail: answered };
}

const DENIED = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'AllAccessDisabled']);

/** Node's and OpenSSL's names for a certificate or TLS handshake that was not accepted. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);
const isTlsCode = (code: string) => TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');

interface Found {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
  errors?: unknown;
}

/** The error and everything it wraps: CofferError causes, and the attempts of an AggregateError. */
function chain(error: unknown): Found[] {
  const found: Found[] = [];
  const visit = (e: unknown) => {
    if (typeof e !== 'object' || e === null || found.includes(e as Found) || found.length > 16) return;
    const f = e as Found;
    found.push(f);
    visit(f.cause);
    if (Array.isArray(f.errors)) f.errors.forEach(visit);
  };
  visit(error);
  return found;
}

function s3Failure(error: unknown): ConnectionReport {
  const errors = chain(error);
  const tls = errors.find((e) => typeof e.code === 'string' && isTlsCode(e.code));
  if (tls) return { outcome: 'tls-error', contents: null, detail: clip(`the certificate was not accepted: ${tls.message} (${tls.code})`) };
  const outcome = errors.some((e) => e.name === 'NoSuchBucket')
    ? 'bucket-missing'
    : errors.some((e) => DENIED.has(e.name ?? '') || e.$metadata?.httpStatusCode === 403 || (e instanceof CofferError && e.code === 'ACCESS_DENIED'))
      ? 'access-denied'
      : // No answer, a timeout, or a service failing: nothing the user can do here but check the address.
        'unreachable';
  return { outcome, contents: null, detail: detailOf(error) };
}

function detailOf(error: unknown): string {
  return clip(error instanceof Error ? error.message : String(error));
}

function clip(text: string): string {
  return text.length <= MAX_DETAIL ? text : `${text.slice(0, MAX_DETAIL - 1)}…`;
}
