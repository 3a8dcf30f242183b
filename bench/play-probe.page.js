/* global document, window */
// Injected into bench:play's page (plain JS: bench code is not compiled for the browser).

/** Resolves when a frame is presented (near `target` seconds, if given). */
function frame(video, target) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame near ${target}`)), 30_000);
    const onFrame = (_now, meta) => {
      if (target === undefined || Math.abs(meta.mediaTime - target) < 1) {
        clearTimeout(timer);
        resolve();
      } else {
        video.requestVideoFrameCallback(onFrame);
      }
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/** ms from setting `src` to the first presented frame, then ms per seek to a presented frame. */
window.benchPlay = async (url, targets) => {
  const video = document.createElement('video');
  video.muted = true;
  document.body.append(video);
  const t0 = performance.now();
  const first = frame(video);
  video.src = url;
  await video.play();
  await first;
  const firstMs = performance.now() - t0;
  video.pause();
  const seeks = [];
  for (const target of targets) {
    const s0 = performance.now();
    const presented = frame(video, target);
    video.currentTime = target;
    await presented;
    seeks.push(performance.now() - s0);
  }
  video.remove();
  return { first: firstMs, seeks };
};
