import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMediaHandler } from '../../main/protocol/media-handler.js';
import type { MediaSource } from '../../main/protocol/media-source.js';
import { MediaTokens, tokenResolver } from '../../main/protocol/media-tokens.js';
import { startLoopbackServer, type LoopbackServer } from '../../main/protocol/loopback-server.js';
import { launchChromium } from './chromium.js';
import { FIXTURE_NAMES, mediaFixture, type FixtureName, type MediaFixture } from './media-fixtures.js';

/**
 * Where the played bytes come from. Files in the protocol tests; a vault on s3rver later, where
 * `bytesRead` counts ciphertext at the store. The suite only needs sources and a meter.
 */
export interface PlaybackBackend {
  /** A MediaSource serving exactly the fixture file's bytes. */
  source(fixture: MediaFixture): Promise<MediaSource>;
  /** Bytes pulled from storage so far, read-ahead included. */
  bytesRead(): number;
  /** Storage reads opened and not yet released. */
  openReads(): number;
  /**
   * The largest share of file size × seeks that storage reads during the seeks may add up to. Unset
   * for a source that answers at once: after each seek Chromium preloads 10 s of media, plus up to
   * 10 s more as the download goes on, plus 1 MiB (blink's MultiBufferDataSource): by that policy up
   * to a third of these one-minute fixtures per seek, and local files read 23–53 % of file × seeks in
   * our runs, which leaves no useful bound.
   */
  readonly maxSeekReadShare?: number;
  close(): Promise<void>;
}

const PROBE_SCRIPT = fileURLToPath(new URL('./video-probe.page.js', import.meta.url));

// Spread over the file and out of order, so most seeks leave Chromium's buffer and need a new
// range request, abandoning the previous one.
const PLAYING_SEEKS = [40, 10, 55, 25, 5];
const PAUSED_SEEKS = [50, 10, 35, 20, 45];

/**
 * Plays every fixture in Debian's Chromium through the loopback server and the media handler,
 * reading from `createBackend()`'s sources: load, play, seek (each seek must land within a second
 * and present a frame from there), two videos at once, and bounded storage reads.
 */
export function describePlayback(backendName: string, createBackend: () => Promise<PlaybackBackend>): void {
  describe(`playback in Chromium from ${backendName}`, () => {
    const tokens = new MediaTokens();
    const urls = new Map<FixtureName, string>();
    const fixtures = new Map<FixtureName, MediaFixture>();
    const handlerErrors: unknown[] = [];
    let backend: PlaybackBackend;
    let server: LoopbackServer;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      backend = await createBackend();
      const sources = new Map<string, MediaSource>();
      for (const fixture of await Promise.all(FIXTURE_NAMES.map(mediaFixture))) {
        fixtures.set(fixture.name, fixture);
        sources.set(fixture.name, await backend.source(fixture));
      }
      server = await startLoopbackServer({
        handler: createMediaHandler({
          resolve: tokenResolver(tokens, (itemId) => sources.get(itemId)),
          onError: (error) => handlerErrors.push(error),
        }),
      });
      for (const name of FIXTURE_NAMES) urls.set(name, server.mediaUrl(tokens.issue(name)));
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await backend?.close();
    });

    beforeEach(async () => {
      page = await browser.newPage();
      await page.addScriptTag({ path: PROBE_SCRIPT });
    });

    afterEach(async () => {
      await page.close();
      // Closing the page cancels its media requests; every storage read must be released with them.
      await vi.waitFor(() => expect(backend.openReads()).toBe(0), { timeout: 5_000 });
      // Chromium cancels requests all the time (every seek does); none of that is an error.
      expect(handlerErrors).toEqual([]);
    });

    it.each(FIXTURE_NAMES)('%s plays, seeks to decoded frames, and releases every abandoned read', async (name) => {
      const fixture = fixtures.get(name) as MediaFixture;
      const { duration } = await load(page, 'video', urls.get(name) as string);
      expect(duration).toBeCloseTo(fixture.durationSeconds, 0);
      const played = await play(page, 'video', 1);
      expect(played.videoBytesDecoded).toBeGreaterThan(0);
      expect(played.audioBytesDecoded).toBeGreaterThan(0);

      const expectLanded = async (target: number) => {
        const landed = await seek(page, 'video', target);
        expect(Math.abs(landed.currentTime - target)).toBeLessThan(1);
        expect(Math.abs(landed.frameTime - target)).toBeLessThan(1);
      };
      const before = backend.bytesRead();
      for (const target of PLAYING_SEEKS) await expectLanded(target);
      const playing = backend.bytesRead() - before;
      // Paused seeks too: with no playback clock moving the picture, the frame near the target can
      // only come from decoding after the seek.
      await pause(page, 'video');
      for (const target of PAUSED_SEEKS) await expectLanded(target);
      const seekBytes = backend.bytesRead() - before;

      const seeks = PLAYING_SEEKS.length + PAUSED_SEEKS.length;
      const naive = fixture.size * seeks;
      console.log(
        `${backendName} ${name}: ${seeks} seeks read ${mib(seekBytes)} from storage (${mib(playing)} of it playing), ` +
          `${((100 * seekBytes) / naive).toFixed(1)}% of file ${mib(fixture.size)} × ${seeks}; ${backend.openReads()} reads open`,
      );
      // A seek costs Chromium's preload (10–20 s of media) plus what the loopback socket buffers hold
      // (a few MiB). This ceiling catches runaway reads; it is not the cancellation proof, since
      // backpressure alone would stop an uncancelled response from reading on.
      if (backend.maxSeekReadShare !== undefined) expect(seekBytes).toBeLessThan(naive * backend.maxSeekReadShare);
      // The proof that cancellation reaches storage: abandoned reads are released, not left paused
      // behind backpressure. A paused video needs at most one read, not one per seek.
      await vi.waitFor(() => expect(backend.openReads()).toBeLessThanOrEqual(1), { timeout: 5_000 });
    });

    it('plays two videos at once', async () => {
      await Promise.all([
        load(page, 'left', urls.get('mp4-faststart') as string),
        load(page, 'right', urls.get('webm-vp9-opus') as string),
      ]);
      const [left, right] = await Promise.all([play(page, 'left', 2), play(page, 'right', 2)]);
      expect(left.currentTime).toBeGreaterThanOrEqual(2);
      expect(right.currentTime).toBeGreaterThanOrEqual(2);
    });
  });
}

// Typed calls into video-probe.page.js. Expressions are strings because test code is compiled for
// Node, and a compiled function passed to page.evaluate may reference helpers that exist only there.
function load(page: Page, id: string, url: string): Promise<{ duration: number }> {
  return page.evaluate(`videoProbe.load(${JSON.stringify(id)}, ${JSON.stringify(url)})`);
}

interface Played {
  currentTime: number;
  videoBytesDecoded: number;
  audioBytesDecoded: number;
}

function play(page: Page, id: string, seconds: number): Promise<Played> {
  return page.evaluate(`videoProbe.play(${JSON.stringify(id)}, ${seconds})`);
}

function pause(page: Page, id: string): Promise<void> {
  return page.evaluate(`videoProbe.pause(${JSON.stringify(id)})`);
}

function seek(page: Page, id: string, target: number): Promise<{ currentTime: number; frameTime: number }> {
  return page.evaluate(`videoProbe.seek(${JSON.stringify(id)}, ${target})`);
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
