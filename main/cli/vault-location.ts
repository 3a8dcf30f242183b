import type { VaultLocation } from '../vault/types.js';
import type { CliIo } from './cli-io.js';
import type { ParsedArgs } from './parse-command-args.js';
import { rememberedSettings, type S3Settings } from './remembered-settings.js';
import { UsageError } from './usage-error.js';
import { configDir } from './user-dirs.js';
import { parseVaultUrl, type VaultTarget } from './vault-url.js';

/** The options every command takes to find its vault. */
export const LOCATION_OPTIONS = {
  vault: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  'path-style': { type: 'boolean' },
} as const;

export interface ResolvedLocation {
  target: VaultTarget;
  location: VaultLocation;
  /** The S3 settings in effect (empty for a folder): what `init` remembers. */
  settings: S3Settings;
}

/**
 * Finds the vault: `--vault`, else `COFFER_VAULT`. For S3, each connection setting comes from its flag,
 * else from what `init` remembered for this vault, else from the environment (`AWS_ENDPOINT_URL_S3`,
 * `AWS_ENDPOINT_URL`, `AWS_REGION`). Remembered settings beat the environment because they belong to
 * this one vault, while a global `AWS_REGION` or `AWS_ENDPOINT_URL` is often set for something else.
 * Credentials are never handled here: the AWS SDK's default chain finds them.
 */
export async function resolveLocation(args: ParsedArgs, io: CliIo, usage: string): Promise<ResolvedLocation> {
  const text = args.string('vault') ?? io.env.COFFER_VAULT;
  if (text === undefined) throw new UsageError('no vault: pass --vault <dir | s3://bucket/prefix> or set COFFER_VAULT', usage);
  const target = parseVaultUrl(text, io.cwd);
  const flags: S3Settings = {
    endpoint: args.string('endpoint'),
    region: args.string('region'),
    pathStyle: args.flag('path-style') || undefined,
  };
  if (target.kind === 'folder') {
    if (Object.values(flags).some((v) => v !== undefined)) {
      throw new UsageError('--endpoint, --region and --path-style apply only to s3:// vaults', usage);
    }
    return { target, location: { kind: 'folder', path: target.path }, settings: {} };
  }
  const remembered = (await rememberedSettings(configDir(io.env), target.url)) ?? {};
  const settings = definedOnly({
    endpoint: flags.endpoint ?? remembered.endpoint ?? (io.env.AWS_ENDPOINT_URL_S3 || io.env.AWS_ENDPOINT_URL || undefined),
    region: flags.region ?? remembered.region ?? (io.env.AWS_REGION || undefined),
    pathStyle: flags.pathStyle ?? remembered.pathStyle,
  });
  if (settings.endpoint !== undefined) assertHttpUrl(settings.endpoint, usage);
  return {
    target,
    location: {
      kind: 's3',
      bucket: target.bucket,
      prefix: target.prefix,
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.pathStyle,
    },
    settings,
  };
}

function definedOnly(settings: S3Settings): S3Settings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

function assertHttpUrl(endpoint: string, usage: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    // Reported below, with the same message as a URL of the wrong scheme.
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new UsageError(`the endpoint "${endpoint}" is not an http:// or https:// URL`, usage);
  }
}
