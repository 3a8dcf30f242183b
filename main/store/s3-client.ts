import { S3Client } from '@aws-sdk/client-s3';

/** How to reach an S3-compatible service. Credentials fall back to the SDK's default provider chain. */
export interface S3ConnectionOptions {
  /** A non-AWS service, e.g. `http://127.0.0.1:9000` for MinIO; AWS itself when absent. */
  endpoint?: string;
  /** Defaults to `us-east-1` with a custom endpoint, otherwise to the SDK's region resolution. */
  region?: string;
  /** Path-style URLs (`host/bucket/key`); defaults to true with a custom endpoint, which all S3 clones accept. */
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Connection attempts give up after this long, so an unreachable host fails instead of hanging. */
const CONNECTION_TIMEOUT_MS = 10_000;

/** An S3Client configured for `options`, with checksum behaviour that S3-compatible services accept. */
export function createS3Client(options: S3ConnectionOptions): S3Client {
  const custom = options.endpoint !== undefined;
  return new S3Client({
    endpoint: options.endpoint,
    region: options.region ?? (custom ? 'us-east-1' : undefined),
    forcePathStyle: options.forcePathStyle ?? custom,
    credentials: options.credentials,
    // The SDK's default (WHEN_SUPPORTED) sends streamed bodies aws-chunked with trailing checksums
    // and adds checksum headers to every upload. AWS understands that; B2, OCI and older MinIO refuse
    // it, and s3rver stores the chunk framing as if it were the object's bytes.
    ...(custom && {
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
    }),
    // No request or socket idle timeout: a media stream that the player has paused sits idle on
    // its socket for as long as the user likes, and a timeout would kill it.
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS },
  });
}
