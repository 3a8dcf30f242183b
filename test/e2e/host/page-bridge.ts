import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Locator, Page } from 'playwright-core';
import { callNames, eventChannel, type CallName } from '../../../contract/channels.js';
import { events } from '../../../contract/ipc.js';
import { detectContentType } from '../../../main/pipeline/content-type.js';
import type { Dispatch } from '../../../main/ipc/dispatcher.js';
import type { EventSink } from '../../../main/ipc/events.js';
import type { Sender } from '../../../main/ipc/sender-policy.js';
import { BRIDGE } from './bridge-names.js';

/** The webContents id the host gives its one page; requests from any other page name another. */
export const PAGE_CONTENTS_ID = 1;

let bundle: Promise<string> | undefined;

/**
 * page-transport.ts and the contract's buildApi as one IIFE, built once per process. A string, not a
 * function, goes to addInitScript: a function would be serialized with whatever helpers the TS
 * loader added to it (tsx's `__name`), which do not exist in the page.
 */
function transportScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./page-transport.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'error',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

export interface PageBridge {
  /** main's EventSink: each event is pushed into the page, in the order emitted. */
  emit: EventSink;
  /** Resolves once every event emitted so far has reached the page (or the page is gone). */
  delivered(): Promise<void>;
  /** Drops files from the desktop onto `target`: dragenter, dragover and drop, with paths behind the Files. */
  dropFiles(target: Locator, paths: readonly string[]): Promise<void>;
}

export interface BridgeOptions {
  /** The real dispatcher; every request of the page goes through it. */
  dispatch: Dispatch;
  /** Told about anything a scenario should see fail: console errors, page errors, CSP violations, contract breaches. */
  onProblem: (problem: string) => void;
}

const CALL_PREFIX = 'coffer:call:';

type Hook = { emit(channel: string, payload: unknown): void; droppedFiles(files: unknown): DataTransfer };

// Run in the page (Playwright serializes them), so they call nothing of this module.
/** Hands one event to the page's transport; a document without one (not the app) drops it, as Electron would. */
const deliver = ({ hook, channel, payload }: { hook: string; channel: string; payload: unknown }) =>
  (globalThis as unknown as Record<string, Hook | undefined>)[hook]?.emit(channel, payload);
const droppedFiles = ({ hook, files }: { hook: string; files: unknown }) =>
  (globalThis as unknown as Record<string, Hook>)[hook]!.droppedFiles(files);

/** What page.evaluate throws when the document it ran in went away: an event sent into a reload is lost, as in Electron. */
const NAVIGATED = /Execution context was destroyed/;

/**
 * Joins `page` to main before it loads anything: installs the transport, routes its requests into
 * the dispatcher with the frame that made them as the sender, and watches for problems.
 */
export async function bridgePage(page: Page, { dispatch, onProblem }: BridgeOptions): Promise<PageBridge> {
  await page.exposeBinding(BRIDGE.invoke, ({ page: from, frame }, channel: unknown, input: unknown) => {
    const name = typeof channel === 'string' && channel.startsWith(CALL_PREFIX) ? channel.slice(CALL_PREFIX.length) : '';
    // Like ipcRenderer.invoke on a channel main never registered: a rejection, not a result.
    if (!(callNames as readonly string[]).includes(name)) throw new Error(`No handler registered for '${String(channel)}'`);
    const sender: Sender = { frame: { url: frame.url(), parent: frame.parentFrame() }, contentsId: from === page ? PAGE_CONTENTS_ID : 0 };
    return dispatch(name as CallName, sender, [input]);
  });
  await page.exposeBinding(BRIDGE.report, (_source, kind: unknown, text: unknown) => onProblem(`${String(kind)}: ${String(text)}`));
  await page.addInitScript({ content: await transportScript() });

  page.on('console', (message) => {
    if (message.type() === 'error') onProblem(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => onProblem(`pageerror: ${error.message}`));

  let queue: Promise<void> = Promise.resolve();
  const emit: EventSink = (name, payload) => {
    const checked = events[name].safeParse(payload);
    if (!checked.success) onProblem(`contract: main emitted ${name} the contract does not allow: ${checked.error.message}`);
    const channel = eventChannel(name);
    queue = queue
      .then(() => page.evaluate(deliver, { hook: BRIDGE.hook, channel, payload }))
      .catch((error: unknown) => {
        // Electron drops what it sends to a closed or reloading window; an open page must get it.
        if (!page.isClosed() && !NAVIGATED.test(String(error))) onProblem(`bridge: ${name} did not reach the page: ${String(error)}`);
      });
  };

  return {
    emit,
    delivered: () => queue,
    async dropFiles(target, paths) {
      // Chromium types a dropped File by its extension alone, as detectContentType does without bytes.
      const files = paths.map((path) => ({ path, name: basename(path), type: detectContentType(path, Buffer.alloc(0)) }));
      const dataTransfer = await page.evaluateHandle(droppedFiles, { hook: BRIDGE.hook, files });
      for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
      await dataTransfer.dispose();
    },
  };
}
