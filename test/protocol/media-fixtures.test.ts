import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mediaFixture, mp4TopLevelBoxes, type FixtureName } from '../helpers/media-fixtures.js';

const run = promisify(execFile);

// The playback test means something only if the fixtures are what their names say.
describe('media fixtures', () => {
  it.each<[FixtureName, string, string[]]>([
    ['mp4-faststart', 'mov,mp4,m4a,3gp,3g2,mj2', ['h264', 'aac']],
    ['mp4-moov-at-end', 'mov,mp4,m4a,3gp,3g2,mj2', ['h264', 'aac']],
    ['webm-vp9-opus', 'matroska,webm', ['vp9', 'opus']],
  ])('%s is a ~60 s %s file with %j streams', async (name, format, codecs) => {
    const { path, durationSeconds } = await mediaFixture(name);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=format_name,duration:stream=codec_name', '-of', 'json', path]);
    const probe = JSON.parse(stdout) as { format: { format_name: string; duration: string }; streams: { codec_name: string }[] };
    expect(probe.format.format_name).toBe(format);
    expect(Number(probe.format.duration)).toBeCloseTo(durationSeconds, 0);
    expect(probe.streams.map((stream) => stream.codec_name)).toEqual(codecs);
  });

  it('puts moov before mdat in the faststart MP4', async () => {
    const boxes = await mp4TopLevelBoxes((await mediaFixture('mp4-faststart')).path);
    expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  it('puts moov after mdat in the other MP4', async () => {
    const boxes = await mp4TopLevelBoxes((await mediaFixture('mp4-moov-at-end')).path);
    expect(boxes.indexOf('mdat')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeGreaterThan(boxes.indexOf('mdat'));
  });
});
