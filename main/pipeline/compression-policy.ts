import { deflateRawSync } from 'node:zlib';

/** Formats that are compressed already: deflating them again costs CPU and saves nothing. */
const ALREADY_COMPRESSED = [
  /^video\//, /^audio\/(?!wav)/, /^image\/(?!(bmp|tiff|svg\+xml))/,
  /^application\/(zip|gzip|x-7z-compressed|vnd\.rar|x-xz|zstd|x-bzip2|pdf)$/, /^application\/vnd\.openxmlformats/,
];

/** Compression must save at least this share of the sample to be worth its CPU on every read. */
const MIN_SAVING = 0.1;

/**
 * Whether to store a file compressed: never for media and archives (by MIME type), otherwise only if
 * deflating a sample of it saves at least 10 %. Each segment is still kept raw where deflate does
 * not shrink it.
 */
export function shouldCompress(contentType: string, sample: Buffer): boolean {
  if (ALREADY_COMPRESSED.some((pattern) => pattern.test(contentType))) return false;
  if (sample.length === 0) return false;
  return deflateRawSync(sample).length <= sample.length * (1 - MIN_SAVING);
}
