import { extname } from 'node:path';

const BY_EXTENSION: Record<string, string> = {
  '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm', '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo', '.ts': 'video/mp2t', '.ogv': 'video/ogg',
  '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.flac': 'audio/flac', '.wav': 'audio/wav', '.ogg': 'audio/ogg', '.opus': 'audio/ogg',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp', '.heic': 'image/heic', '.avif': 'image/avif',
  '.svg': 'image/svg+xml', '.bmp': 'image/bmp', '.tif': 'image/tiff', '.tiff': 'image/tiff',
  '.pdf': 'application/pdf', '.zip': 'application/zip', '.gz': 'application/gzip', '.7z': 'application/x-7z-compressed', '.rar': 'application/vnd.rar',
  '.xz': 'application/x-xz', '.zst': 'application/zstd', '.bz2': 'application/x-bzip2',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain', '.md': 'text/markdown', '.csv': 'text/csv', '.json': 'application/json', '.xml': 'application/xml', '.html': 'text/html',
  '.log': 'text/plain', '.srt': 'application/x-subrip', '.vtt': 'text/vtt',
};

/** Magic numbers of formats whose type the extension may hide; checked before the extension. */
const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => b.toString('latin1', 0, 4) === 'GIF8' },
  { type: 'image/webp', test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  { type: 'audio/wav', test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WAVE' },
  { type: 'video/x-msvideo', test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 11) === 'AVI' },
  { type: 'video/quicktime', test: (b) => b.toString('latin1', 4, 12) === 'ftypqt  ' },
  { type: 'image/heic', test: (b) => /^ftyp(heic|heix|mif1)/.test(b.toString('latin1', 4, 12)) },
  { type: 'image/avif', test: (b) => b.toString('latin1', 4, 12) === 'ftypavif' },
  { type: 'video/mp4', test: (b) => b.toString('latin1', 4, 8) === 'ftyp' },
  { type: 'video/webm', test: (b) => b.readUInt32BE(0) === 0x1a45dfa3 && b.includes('webm', 0, 'latin1') },
  { type: 'video/x-matroska', test: (b) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 },
  { type: 'audio/ogg', test: (b) => b.toString('latin1', 0, 4) === 'OggS' },
  { type: 'audio/flac', test: (b) => b.toString('latin1', 0, 4) === 'fLaC' },
  { type: 'audio/mpeg', test: (b) => b.toString('latin1', 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) },
  { type: 'application/pdf', test: (b) => b.toString('latin1', 0, 5) === '%PDF-' },
  { type: 'application/zip', test: (b) => b.toString('latin1', 0, 4) === 'PK\x03\x04' },
  { type: 'application/gzip', test: (b) => b[0] === 0x1f && b[1] === 0x8b },
  { type: 'application/x-7z-compressed', test: (b) => b.toString('latin1', 0, 6) === '7z\xbc\xaf\x27\x1c' },
  { type: 'application/x-xz', test: (b) => b.toString('latin1', 0, 6) === '\xfd7zXZ\x00' },
  { type: 'application/zstd', test: (b) => b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528 },
];

/** Containers whose magic number is shared by more specific types that only the extension tells apart. */
const REFINED_BY_EXTENSION: Record<string, string[]> = {
  'video/mp4': ['audio/mp4'],
  'video/x-matroska': ['video/webm'],
  'audio/ogg': ['video/ogg'],
  'application/zip': [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
};

/**
 * The MIME type the player and exports will use. The file's first bytes win over its extension (a PNG
 * renamed .jpg is a PNG), except where the extension refines the container they show (.m4a in MP4).
 */
export function detectContentType(fileName: string, head: Buffer): string {
  const byExtension = BY_EXTENSION[extname(fileName).toLowerCase()];
  const sniffed = head.length >= 12 ? SIGNATURES.find((s) => s.test(head))?.type : undefined;
  if (sniffed) return byExtension && REFINED_BY_EXTENSION[sniffed]?.includes(byExtension) ? byExtension : sniffed;
  return byExtension ?? (looksLikeText(head) ? 'text/plain' : 'application/octet-stream');
}

/** UTF-8 without NUL bytes; `stream` lets a character cut off by the end of the sample pass. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
