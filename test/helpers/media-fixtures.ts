import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A generated video on disk, reused across test runs. */
export interface MediaFixture {
  name: FixtureName;
  path: string;
  contentType: string;
  size: number;
  durationSeconds: number;
}

export type FixtureName = 'mp4-faststart' | 'mp4-moov-at-end' | 'webm-vp9-opus';

const DURATION_SECONDS = 60;

// A moving test pattern with per-frame noise: the noise keeps the bitrate near its 4 Mb/s target (a
// clean pattern compresses to almost nothing), so a file is ~30 MB, beyond what Chromium reads ahead
// plus what socket buffers hold, and seeks across it need fresh range requests. The 2 s GOP keeps
// seeks cheap to decode. Generating all three takes ~20 s on two cores, once per machine.
const INPUTS = [
  '-f', 'lavfi', '-i', `testsrc2=size=480x270:rate=25:duration=${DURATION_SECONDS},noise=alls=30:allf=t`,
  '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${DURATION_SECONDS}`,
];
const H264_AAC = [
  '-c:v', 'libx264', '-preset', 'superfast', '-pix_fmt', 'yuv420p', '-g', '50',
  '-b:v', '4000k', '-maxrate', '4000k', '-bufsize', '8000k',
  '-c:a', 'aac', '-b:a', '64k',
];

const RECIPES: Record<FixtureName, { args: string[]; extension: string; contentType: string }> = {
  // `+faststart` rewrites the file so the index (moov) precedes the media data.
  'mp4-faststart': { args: [...INPUTS, ...H264_AAC, '-movflags', '+faststart', '-f', 'mp4'], extension: 'mp4', contentType: 'video/mp4' },
  // The mp4 muxer's default puts moov last: a player must range-request the end before it can play.
  'mp4-moov-at-end': { args: [...INPUTS, ...H264_AAC, '-f', 'mp4'], extension: 'mp4', contentType: 'video/mp4' },
  'webm-vp9-opus': {
    args: [
      ...INPUTS,
      '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-g', '50', '-b:v', '4000k',
      '-c:a', 'libopus', '-b:a', '64k', '-f', 'webm',
    ],
    extension: 'webm',
    contentType: 'video/webm',
  },
};

/** Every fixture name, for tests that run once per container. */
export const FIXTURE_NAMES = Object.keys(RECIPES) as FixtureName[];

const CACHE_DIR = join(tmpdir(), 'coffer-media-fixtures');

/**
 * The fixture's file, made with ffmpeg on first use and cached under the OS temp dir by a hash of
 * its ffmpeg arguments, so changing a recipe makes a new file and unchanged ones cost nothing.
 */
export async function mediaFixture(name: FixtureName): Promise<MediaFixture> {
  const recipe = RECIPES[name];
  const key = createHash('sha256').update(JSON.stringify(recipe.args)).digest('hex').slice(0, 16);
  const path = join(CACHE_DIR, `${name}-${key}.${recipe.extension}`);
  const fixture = (size: number): MediaFixture => ({ name, path, contentType: recipe.contentType, size, durationSeconds: DURATION_SECONDS });
  const cached = await sizeOf(path);
  if (cached !== undefined) return fixture(cached);

  await mkdir(CACHE_DIR, { recursive: true });
  // Test files run in parallel processes; one makes the file while the others wait for it.
  return withLock(`${path}.lock`, async () => {
    const madeMeanwhile = await sizeOf(path);
    if (madeMeanwhile !== undefined) return fixture(madeMeanwhile);
    // Written under a private name and renamed into place, so an interrupted run never leaves a
    // half-written file where a complete one is expected.
    const partial = `${path}.${process.pid}.partial`;
    try {
      await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...recipe.args, partial]);
      await rename(partial, path);
    } finally {
      await rm(partial, { force: true });
    }
    return fixture((await stat(path)).size);
  });
}

// A lock left by a killed run is taken over once it is clearly older than any generation.
const STALE_LOCK_MS = 5 * 60_000;

/** Runs `work` holding a lock directory (mkdir is atomic across processes). */
async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(lock).then(({ mtimeMs }) => Date.now() - mtimeMs, () => 0);
      if (since > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/** The types of an MP4 file's top-level boxes in file order, e.g. ftyp, moov, mdat. */
export async function mp4TopLevelBoxes(path: string): Promise<string[]> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(16);
    const types: string[] = [];
    for (let offset = 0; offset + 8 <= size; ) {
      await file.read(header, 0, 16, offset);
      const type = header.toString('latin1', 4, 8);
      // A 32-bit size of 1 means a 64-bit size follows the type; 0 means "to the end of the file".
      const short = header.readUInt32BE(0);
      const length = short === 1 ? Number(header.readBigUInt64BE(8)) : short === 0 ? size - offset : short;
      if (length < 8) throw new Error(`${path}: malformed box ${JSON.stringify(type)} at ${offset}`);
      types.push(type);
      offset += length;
    }
    return types;
  } finally {
    await file.close();
  }
}
