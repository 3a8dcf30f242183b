import { chromium, type Browser } from 'playwright-core';

/** Debian's build, which decodes H.264/AAC through the system ffmpeg (checked by the playback test). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launches the system Chromium headless. The flags keep it quiet and offline (no component updates,
 * sync or background fetches), let it run as root in CI containers, and allow `play()` without a
 * user gesture.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
