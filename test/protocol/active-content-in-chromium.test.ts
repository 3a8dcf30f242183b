import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMediaHandler } from '../../main/protocol/media-handler.js';
import type { MediaSource } from '../../main/protocol/media-source.js';
import { MediaTokens, tokenResolver } from '../../main/protocol/media-tokens.js';
import { startLoopbackServer, type LoopbackServer } from '../../main/protocol/loopback-server.js';
import { launchChromium } from '../helpers/chromium.js';
import { memoryMediaSource } from '../helpers/memory-media-source.js';
import { startScriptedEndpoint, type ScriptedEndpoint } from '../helpers/scripted-http.js';

// Each item's script does what an attacker's page would: read its own address, which holds the run
// secret and its token, write it into the page and post it to whoever embeds or opened it.
const LEAK = `
  document.title = 'script ran';
  const p = document.createElementNS('http://www.w3.org/1999/xhtml', 'p');
  p.id = 'leak';
  p.textContent = location.href;
  document.documentElement.append(p);
  (window.opener || window.parent).postMessage('leak ' + location.href, '*');
`;

const ITEMS = {
  'an HTML page': { name: 'page.html', contentType: 'text/html; charset=utf-8', text: `<!doctype html><title>item</title><script>${LEAK}</script>` },
  'an SVG image': {
    name: 'drawing.svg',
    contentType: 'image/svg+xml',
    text: `<svg xmlns="http://www.w3.org/2000/svg"><title>item</title><script><![CDATA[${LEAK}]]></script></svg>`,
  },
} as const;
type ItemName = keyof typeof ITEMS;
const ITEM_NAMES = Object.keys(ITEMS) as ItemName[];

// A page on another origin that frames the item named by its ?src= and records what the frame posts.
// (Page-side code is plain text: test code is not compiled for the browser.)
const EMBEDDER_PAGE = `<!doctype html><title>embedder</title><body><script>
  var framed = { received: [], loaded: false };
  addEventListener('message', (event) => framed.received.push(String(event.data)));
  const frame = document.createElement('iframe');
  frame.addEventListener('load', () => (framed.loaded = true), { once: true });
  frame.src = new URLSearchParams(location.search).get('src');
  document.body.append(frame);
</script>`;

/** What the framed item posted, once the frame loaded (when `load` is true) and whatever its script sent has had time to arrive. */
async function postedByFrame(page: Page, { load }: { load: boolean }): Promise<string[]> {
  if (load) await page.waitForFunction('framed.loaded');
  await sleep(300);
  return page.evaluate('framed.received');
}

describe('active items in Chromium: no script runs at the loopback address', () => {
  const tokens = new MediaTokens();
  const urls = new Map<ItemName, string>();
  let server: LoopbackServer;
  // Where a page embedding an item comes from: another origin on the loopback address. (Framed from
  // about:blank, an item showed Chromium's error page even without the two headers, proving nothing.)
  let embedder: ScriptedEndpoint;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const sources = new Map<string, MediaSource>();
    for (const item of ITEM_NAMES) {
      const { name, contentType, text } = ITEMS[item];
      sources.set(item, { ...memoryMediaSource(new TextEncoder().encode(text), { contentType }), name });
    }
    server = await startLoopbackServer({ handler: createMediaHandler({ resolve: tokenResolver(tokens, (id) => sources.get(id)) }) });
    for (const item of ITEM_NAMES) urls.set(item, server.mediaUrl(tokens.issue(item)));
    embedder = await startScriptedEndpoint((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(EMBEDDER_PAGE);
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await embedder?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  /** Opens, in `tab`, the embedder's page framing `url`. */
  const embed = (tab: Page, url: string) => tab.goto(`${embedder.endpoint}/?src=${encodeURIComponent(url)}`);

  /** Passes the server's real responses on to `tab` with `headers` removed, as a client that ignores them would. */
  const dropHeaders = (tab: Page, headers: string[]) =>
    tab.route(`${server.origin}/**`, async (route) => {
      const response = await route.fetch();
      const kept = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !headers.includes(name)));
      await route.fulfill({ response, headers: kept });
    });

  it.each(ITEM_NAMES)('opening %s in a tab downloads it under its name instead of showing it', async (item) => {
    await page.goto('about:blank');
    const download = page.waitForEvent('download', { timeout: 5_000 });
    download.catch(() => {}); // Awaited below, unless the page shows the item instead.
    await expect(page.goto(urls.get(item) as string)).rejects.toThrow(/Download is starting/);
    expect((await download).suggestedFilename()).toBe(ITEMS[item].name);
    expect(page.url()).toBe('about:blank');
  });

  it.each(ITEM_NAMES)('%s embedded in a page of another origin becomes a download and posts nothing', async (item) => {
    const download = page.waitForEvent('download', { timeout: 5_000 });
    download.catch(() => {}); // Awaited below, unless the frame shows the item instead.
    await embed(page, urls.get(item) as string);
    expect((await download).suggestedFilename()).toBe(ITEMS[item].name);
    expect(await postedByFrame(page, { load: false })).toEqual([]);
  });

  it.each(ITEM_NAMES)('%s shown by a client that ignores the attachment runs no script, in an opaque origin', async (item) => {
    const url = urls.get(item) as string;
    await dropHeaders(page, ['content-disposition']);
    await page.goto(url);
    expect(page.url()).toBe(url);
    expect(await page.title()).toBe('item');
    expect(await page.evaluate("[self.origin, document.getElementById('leak')]")).toEqual(['null', null]);

    const tab = await browser.newPage();
    try {
      await dropHeaders(tab, ['content-disposition']);
      await embed(tab, url);
      expect(await postedByFrame(tab, { load: true })).toEqual([]);
      expect(tab.frames()[1]?.url()).toBe(url);
    } finally {
      await tab.close();
    }
  });

  // The control for the tests above: without the two headers, the same script does read the secret.
  it.each(ITEM_NAMES)('%s served without the sandbox and the attachment does leak its address (control)', async (item) => {
    await dropHeaders(page, ['content-disposition', 'content-security-policy']);
    const url = urls.get(item) as string;
    await embed(page, url);
    expect(await postedByFrame(page, { load: true })).toEqual([`leak ${url}`]);
  });
});
