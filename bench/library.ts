// npm run bench:library — the library screen with 10,000 items in Debian Chromium: first render
// (navigation → first tile on screen) and the frame times of scrolling the grid and the list from top
// to bottom, beside the same page with 100 items measured in the same run (the baseline). The
// production build is served through the app:// handler's code, as the
// E2E host does, so Chromium applies the real CSP; window.coffer is a scripted stand-in. Figures only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { createAppHandler } from '../main/shell/app-protocol.js';
import { launchChromium } from '../test/helpers/chromium.js';
import { makeTempDir, removeTempDirs } from '../test/helpers/temp-dir.js';

const ITEMS = 10_000;
const BASELINE_ITEMS = 100;
const LOADS = 5;
/** Scrolled per frame: about a screenful, so every frame brings rows the virtualiser has not rendered. */
const SCROLL_STEP = 600;
const SCROLL_FRAMES = 600;
const FRAME_BUDGET_MS = 1000 / 60;
/** rAF deltas at 60 Hz jitter around 16.7 ms; a frame counts as slow past this. */
const SLOW_FRAME_MS = FRAME_BUDGET_MS + 0.5;
const VIEWPORT = { width: 1200, height: 800 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** A 320×240 gradient PNG: every photo tile gets its own URL of it, so each is fetched and decoded. */
function gradientPng(): Buffer {
  const width = 320;
  const height = 240;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 160], row + 1 + x * 3);
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The stand-in preload, as page script: an unlocked vault of `count` items of every kind (a third
 * photos), in folders, and a recorder of when the first tile reached the screen.
 */
function standIn(count: number): string {
  return `(() => {
  const kinds = [['video/mp4', '.mp4'], ['image/jpeg', '.jpg'], ['audio/mpeg', '.mp3'], ['image/png', '.png'], ['application/pdf', '.pdf'], ['image/webp', '.webp'], ['application/zip', '.zip']];
  const folders = ['', 'Trips/2024/Jeju', 'Trips/Lisbon', 'Family/Wedding', 'Camera roll', '음악', 'Documents/세금'];
  const items = Array.from({ length: ${count} }, (_, i) => {
    const [type, ext] = kinds[i % kinds.length];
    return { id: 'item' + i, name: (i % 3 ? 'IMG_' : '제주 여행 ') + String(i).padStart(5, '0') + ext, size: 1000 + ((i * 7919) % 50_000_000), type, added: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), compressed: false, folder: folders[i % folders.length] };
  });
  const answers = {
    status: { state: 'unlocked', location: { kind: 'folder', path: '/home/me/Vault' }, rememberedUnlock: false, defaultFolder: '/home/me/Vault', locationHasVault: true, recent: [] },
    listItems: items,
    vaultUsage: { items: items.length, bytes: items.reduce((sum, item) => sum + item.size, 0), storedBytes: 0 },
    getSettings: { autoLockMinutes: 10, language: 'en', theme: 'light', parallelImports: 2, secretStorage: 'available' },
  };
  const api = {};
  for (const name of ['createVault','chooseVaultFolder','unlock','unlockRemembered','forgetRemembered','lock','status','listItems','vaultUsage','importDropped','addFiles','addFolder','cancelImport','cancelAllImports','retryImport','renameItem','deleteItem','exportItem','exportItems','getSettings','setSettings','changePassphrase','forgetSecrets','testConnection','savePosition','previewText','externalPlayer']) {
    api[name] = async () => ({ ok: true, value: answers[name] ?? null });
  }
  api.mediaUrl = async ({ id }) => ({ ok: true, value: { url: '/bench-photo.png?' + id, resumeAt: null } });
  for (const name of ['ImportProgress', 'CatalogChanged', 'Locked']) api['on' + name] = () => () => {};
  window.coffer = api;
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-tile]')) return;
    observer.disconnect();
    requestAnimationFrame(() => (window.__firstTile = performance.now()));
  }).observe(document, { childList: true, subtree: true });
})();`;
}

/**
 * Page script: scrolls `selector` by `step` px a frame (back to the top at the bottom) for `frames`
 * frames and answers each frame's duration. A string, so no bundler helper leaks into the page.
 */
const scrollFrames = (selector: string, step: number, frames: number) => `new Promise((resolve) => {
  const scroller = document.querySelector(${JSON.stringify(selector)});
  const deltas = [];
  let last = 0;
  const frame = (now) => {
    deltas.push(now - last);
    last = now;
    const max = scroller.scrollHeight - scroller.clientHeight;
    scroller.scrollTop = scroller.scrollTop + ${step} > max ? 0 : scroller.scrollTop + ${step};
    if (deltas.length < ${frames}) requestAnimationFrame(frame);
    else resolve(deltas);
  };
  requestAnimationFrame((now) => {
    last = now;
    requestAnimationFrame(frame);
  });
})`;

interface Figures {
  firstRender: number;
  grid: number[];
  list: number[];
}

async function measure(browser: Browser, origin: string, count: number): Promise<Figures> {
  const firsts: number[] = [];
  let grid: number[] = [];
  let list: number[] = [];
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript({ content: standIn(count) });
    await page.goto(`${origin}/index.html`);
    // globalThis, not window: this file is typed for Node, and the page's CSP refuses a string to eval.
    await page.waitForFunction(() => (globalThis as { __firstTile?: number }).__firstTile !== undefined);
    firsts.push(await page.evaluate<number>('window.__firstTile'));
    if (load === LOADS - 1) {
      grid = await page.evaluate(scrollFrames('.item-grid', SCROLL_STEP, SCROLL_FRAMES));
      await page.getByRole('radio', { name: 'List' }).check({ force: true });
      await page.waitForSelector('.item-list [data-tile]');
      list = await page.evaluate(scrollFrames('.item-list', SCROLL_STEP, SCROLL_FRAMES));
    }
    await context.close();
  }
  return { firstRender: median(firsts), grid, list };
}

const outDir = join(await makeTempDir('coffer-bench-library'), 'renderer');
await build({ root: 'renderer', base: './', plugins: [react()], logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
const handle = createAppHandler({ root: outDir });
const photo = gradientPng();
const server = createServer((req, res) => {
  if (req.url?.startsWith('/bench-photo.png')) {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': photo.length });
    res.end(photo);
    return;
  }
  void handle(new Request(`app://coffer${req.url ?? '/'}`, { method: req.method })).then(async (response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
try {
  // One untimed load of each, so neither pays for a cold cache or JIT.
  await measure(browser, origin, BASELINE_ITEMS);
  const baseline = await measure(browser, origin, BASELINE_ITEMS);
  const full = await measure(browser, origin, ITEMS);
  console.log(`library in Chromium ${VIEWPORT.width}×${VIEWPORT.height}: ${ITEMS} items beside a baseline of ${BASELINE_ITEMS}; first render median of ${LOADS} loads; scroll ${SCROLL_STEP} px a frame for ${SCROLL_FRAMES} frames`);
  // Absolute figures depend on the machine (headless Chromium rasterises in software); the ratios to
  // the 100-item baseline are what virtualisation promises: 10,000 items cost what 100 do.
  const line = (what: string, value: number, target: number, base: number, unit: string, digits = 1) =>
    console.log(`${what.padEnd(36)} ${value.toFixed(digits).padStart(7)} ${unit} (target <= ${target} ${unit})   baseline ${base.toFixed(digits)} ${unit}`);
  const ratio = (what: string, value: number, base: number, target: number) =>
    console.log(`${`${what}, ratio to baseline`.padEnd(36)} ${(value / Math.max(base, 1e-9)).toFixed(2).padStart(7)} (target <= ${target})`);
  line('first render (navigation → tile)', full.firstRender, 500, baseline.firstRender, 'ms');
  ratio('first render', full.firstRender, baseline.firstRender, 1.25);
  for (const view of ['grid', 'list'] as const) {
    const frames = full[view];
    const base = baseline[view];
    line(`${view} scroll frame, median`, median(frames), 16.7, median(base), 'ms');
    line(`${view} scroll frame, p95`, percentile(frames, 95), 20, percentile(base, 95), 'ms');
    ratio(`${view} p95`, percentile(frames, 95), percentile(base, 95), 1.25);
    const slow = frames.filter((ms) => ms > SLOW_FRAME_MS).length;
    const baseSlow = base.filter((ms) => ms > SLOW_FRAME_MS).length;
    line(`${view} frames > 16.7 ms`, slow, Math.round(frames.length * 0.05), baseSlow, `of ${frames.length}`, 0);
    ratio(`${view} slow frames`, slow, Math.max(baseSlow, 1), 1.5);
  }
} finally {
  await browser.close();
  server.close();
  await removeTempDirs();
}
