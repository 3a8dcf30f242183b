/**
 * The Coffer app in Debian's Chromium without Electron, for end-to-end scenarios: the production
 * renderer under its real CSP, over the real core. Each host is a fresh profile: its own userData
 * folder (settings, secrets, cache) and its own browser context.
 *
 * Real: the dispatcher (with the real sender policy), the handlers, AppSession, ImportQueue,
 * LocationAccess, SettingsStore, SecretStore, createVault/openVault, probeStorage, the app:// and
 * media handlers. Stand-ins: the native dialogs and shell calls (scripted, see dialogs.ts), the OS
 * keyring (test-keyring.ts), the preload (page-transport.ts, the contract's own buildApi), and a
 * cheap scrypt cost (TEST_KDF) so unlocking takes milliseconds.
 *
 * The one difference from Electron a scenario can see: Chromium cannot load the vault: scheme, so
 * the page's mediaUrl answers are rewritten from `vault://media/<token>` to `<page folder>/media/<token>`
 * on the page's own http origin, served by the real media handler. The CSP stays the real one: its
 * `media-src 'self'` admits them. What Electron adds around vault:// (privileged scheme, the
 * initiator guard of web-policy.ts) is tested in test/electron and test/e2e-electron, not here.
 * The sender policy is the real isTrustedSender, with this origin in place of app://coffer.
 */
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import type { LocationInput } from '../../../contract/ipc.js';
import { AppSession } from '../../../main/ipc/app-session.js';
import { createDispatcher } from '../../../main/ipc/dispatcher.js';
import { createHandlers } from '../../../main/ipc/handlers.js';
import { ImportQueue } from '../../../main/ipc/import-queue.js';
import { LocationAccess } from '../../../main/ipc/location-access.js';
import { probeStorage } from '../../../main/ipc/probe-storage.js';
import { isTrustedSender } from '../../../main/ipc/sender-policy.js';
import { createMediaHandler } from '../../../main/protocol/media-handler.js';
import { ExternalPlayer } from '../../../main/ipc/external-player.js';
import { createSecretStore } from '../../../main/settings/secret-store.js';
import { openSettingsStore, type SettingsStore } from '../../../main/settings/settings-store.js';
import { createVault, openVault } from '../../../main/vault/open-vault.js';
import type { S3rverServer } from '../../helpers/s3rver.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { TEST_KDF } from '../../helpers/test-kdf.js';
import { startAppServer } from './app-server.js';
import { scriptedDialogs, type DialogCall, type Dialogs } from './dialogs.js';
import { bridgePage, PAGE_CONTENTS_ID, type PageBridge } from './page-bridge.js';
import { testKeyring, type KeyringKind } from './test-keyring.js';

export interface AppHostOptions {
  browser: Browser;
  /** From `inject('rendererDir')`: the production renderer this run built. */
  rendererDir: string;
  /** navigator.language, which a 'system' language preference follows; Chromium's default otherwise. */
  locale?: string;
  /** The window's size; 1280×800 unless given. */
  viewport?: { width: number; height: number };
  /** A previous host's userData, to start the app again on the same profile; a new one otherwise. */
  userData?: string;
  /** What the desktop's keyring offers (test-keyring.ts); 'available' unless given. */
  keyring?: KeyringKind;
}

export interface AppHost {
  /** The app's window. Navigate it with open(). */
  readonly page: Page;
  /** The renderer's index.html on the host's origin. */
  readonly entryUrl: string;
  /** This profile's folder: settings.json, secrets.json, cache/, and the default vault folder. */
  readonly userData: string;
  /** What the user answers main's native dialogs; reassign any of them per step. */
  readonly dialogs: Dialogs;
  /** Every dialog main opened and shell call it made, in order. */
  readonly dialogCalls: readonly DialogCall[];
  /**
   * What went wrong that a scenario should not ignore: console errors, uncaught page errors, CSP
   * violations, events or errors main produced against the contract. Expect it to stay empty.
   */
  readonly problems: string[];
  /** The live session, for what the OS does to the app (session.lock('idle'), 'suspend'...). */
  readonly session: AppSession;
  readonly settings: SettingsStore;
  readonly bridge: PageBridge;
  /** Loads the app in the window, as Electron's createMainWindow does; answers the page's response. */
  open(): Promise<Response>;
  /** A new empty folder for a vault (give it to dialogs.chooseFolder). */
  newVaultFolder(): Promise<string>;
  /** Closes the window, locks the vault (as quitting does) and stops serving. */
  close(): Promise<void>;
}

/** Starts the app's main side and its window; call open() to load the renderer. */
export async function startAppHost(options: AppHostOptions): Promise<AppHost> {
  const userData = options.userData ?? (await makeTempDir('coffer-e2e-userdata'));
  const problems: string[] = [];
  const log = (error: unknown) => problems.push(`main: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  const context = await options.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.locale && { locale: options.locale }),
  });
  const page = await context.newPage();

  // Composed as main/electron/app.ts composes it.
  const defaultVaultFolder = join(userData, 'vault');
  const settings = await openSettingsStore({ file: join(userData, 'settings.json'), defaultVaultFolder, log });
  const vaultOptions = { cacheDir: join(userData, 'cache'), kdf: TEST_KDF };
  const secrets = createSecretStore({ file: join(userData, 'secrets.json'), safeStorage: testKeyring(options.keyring), platform: 'linux', log });
  // The page's requests reach the dispatcher composed below; main's events reach the page.
  const bridge = await bridgePage(page, { dispatch: (...request) => dispatch(...request), onProblem: (problem) => problems.push(problem) });
  const { emit } = bridge;
  const session = new AppSession({ emit });
  const imports = new ImportQueue({ session, emit, log, parallel: () => settings.get().parallelImports });
  const dialogs = scriptedDialogs();
  const handlers = createHandlers({
    session,
    imports,
    settings,
    secrets,
    createVault: (location, passphrase) => createVault(location, passphrase, vaultOptions),
    openVault: (location, passphrase) => openVault(location, passphrase, vaultOptions),
    access: new LocationAccess({ settings, defaultVaultFolder, confirmStorage: dialogs.deps.confirmStorage }),
    emit,
    probeStorage,
    player: new ExternalPlayer({ session, onError: log }),
    ...dialogs.deps,
  });

  const server = await startAppServer({
    rendererDir: options.rendererDir,
    media: createMediaHandler({ resolve: session.resolveMedia, onError: log }),
    onError: log,
  });
  const { protocol, host } = new URL(server.entryUrl);
  const dispatch = createDispatcher({
    handlers,
    isTrusted: (sender) => isTrustedSender(sender, PAGE_CONTENTS_ID, { protocol, host }),
    log,
    onActivity: () => session.touch(),
  });

  return {
    page,
    entryUrl: server.entryUrl,
    userData,
    dialogs: dialogs.answers,
    dialogCalls: dialogs.calls,
    problems,
    session,
    settings,
    bridge,
    async open() {
      const response = await page.goto(server.entryUrl);
      if (!response?.ok()) throw new Error(`the renderer did not load: ${response?.status()} ${server.entryUrl}`);
      return response;
    },
    async newVaultFolder() {
      return makeTempDir('coffer-e2e-vault');
    },
    async close() {
      await context.close();
      session.lock('user');
      await server.close();
    },
  };
}

/** A fresh vault location on the test s3rver, signed with its access key (secret typed in). */
export function s3rverLocation(s3: S3rverServer, prefix: string): LocationInput {
  return {
    kind: 's3',
    credentialSource: 'keys',
    bucket: s3.bucket,
    prefix,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    accessKeyId: s3.credentials.accessKeyId,
    secretAccessKey: s3.credentials.secretAccessKey,
  };
}
