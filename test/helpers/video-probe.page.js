/* global document, window */
// Injected into the playback test's page (plain JS: test code is not compiled for the browser).
// Drives <video> elements by id and reports what they really did; every wait has a deadline, so a
// stuck player fails the test with a message instead of hanging it.

const WAIT_MS = 15_000;

function video(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no video #${id}`);
  return element;
}

/** Resolves when `check()` is true, re-checking on each of `events`; rejects on a media error or the deadline. */
function until(element, what, events, check) {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      for (const name of events) element.removeEventListener(name, poll);
      element.removeEventListener('error', fail);
    };
    const poll = () => {
      if (check()) {
        cleanup();
        resolve();
      }
    };
    const fail = () => {
      cleanup();
      reject(new Error(`#${element.id} ${what}: media error ${element.error?.code} ${element.error?.message ?? ''}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`#${element.id} ${what}: timed out (currentTime ${element.currentTime}, readyState ${element.readyState})`));
    }, WAIT_MS);
    for (const name of events) element.addEventListener(name, poll);
    element.addEventListener('error', fail);
    poll();
  });
}

/**
 * The first frame presented for compositing whose media time is within a second of `target`, as
 * requestVideoFrameCallback reports it. Call before seeking: a paused video presents exactly one
 * frame after a seek, possibly before `seeked` reaches the page.
 */
function frameNear(element, target) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`#${element.id}: no frame near ${target} presented`)), WAIT_MS);
    const onFrame = (_now, metadata) => {
      if (Math.abs(metadata.mediaTime - target) < 1) {
        clearTimeout(timer);
        resolve(metadata);
      } else {
        element.requestVideoFrameCallback(onFrame);
      }
    };
    element.requestVideoFrameCallback(onFrame);
  });
}

window.videoProbe = {
  /** Adds a video and waits until it knows its duration. */
  async load(id, url) {
    const element = document.createElement('video');
    element.id = id;
    element.preload = 'metadata';
    document.body.append(element);
    element.src = url;
    await until(element, 'load', ['loadedmetadata'], () => element.readyState >= 1);
    return { duration: element.duration };
  },

  /**
   * Starts playback and waits until the playhead has really moved by `seconds`. Reports what
   * Chromium's decoders have produced so far (its webkit*DecodedByteCount counters), which shows
   * that both tracks were decoded, not just demuxed.
   */
  async play(id, seconds) {
    const element = video(id);
    const from = element.currentTime;
    await element.play();
    await until(element, 'play', ['timeupdate'], () => element.currentTime >= from + seconds);
    return {
      currentTime: element.currentTime,
      videoBytesDecoded: element.webkitVideoDecodedByteCount,
      audioBytesDecoded: element.webkitAudioDecodedByteCount,
    };
  },

  /** Pauses, and waits until the element says so. */
  async pause(id) {
    const element = video(id);
    element.pause();
    await until(element, 'pause', ['pause'], () => element.paused);
  },

  /** Seeks, waits for `seeked` and for a frame near the target to be presented; reports both positions. */
  async seek(id, target) {
    const element = video(id);
    const frame = frameNear(element, target);
    element.currentTime = target;
    await until(element, `seek to ${target}`, ['seeked'], () => !element.seeking && Math.abs(element.currentTime - target) < 1);
    return { currentTime: element.currentTime, frameTime: (await frame).mediaTime };
  },
};
