import { fileMediaSource, ReadMeter } from '../helpers/file-media-source.js';
import { describePlayback } from '../helpers/playback-suite.js';

// The protocol layer against plain files; the vault's test runs the same suite against s3rver.
// Local files answer at once, so Chromium reads far ahead and only the vault's reads are bounded.
describePlayback('plain files', async () => {
  const meter = new ReadMeter();
  return {
    source: (fixture) => fileMediaSource(fixture.path, fixture.contentType, meter),
    bytesRead: () => meter.bytesRead,
    openReads: () => meter.openReads,
    close: async () => {},
  };
});
