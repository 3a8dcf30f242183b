import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, safeStorage, session as electronSession, type BrowserWindow } from 'electron';
import { createDispatcher } from '../ipc/dispatcher.js';
import { createHandlers } from '../ipc/handlers.js';
import { ExternalPlayer } from '../ipc/external-player.js';
import { ImportQueue } from '../ipc/import-queue.js';
import { LocationAccess } from '../ipc/location-access.js';
import { isTrustedSender } from '../ipc/sender-policy.js';
import { AppSession } from '../ipc/app-session.js';
import { createMediaHandler } from '../protocol/media-handler.js';
import { createSecretStore } from '../settings/secret-store.js';
import { openSettingsStore } from '../settings/settings-store.js';
import { createAppHandler } from '../shell/app-protocol.js';
import { APP_HOST, APP_SCHEME } from '../shell/app-origin.js';
import { guardInitiator } from '../shell/web-policy.js';
import { probeStorage } from '../ipc/probe-storage.js';
import { createVault, openVault } from '../vault/open-vault.js';
import { confirmStorage, createFileDialogs } from './dialogs.js';
import { copyText, openLoopbackUrl } from './external.js';
import { createEventSender, registerIpc } from './ipc-registration.js';
import { installMenu } from './menu.js';
import { lockOnPowerEvents } from './power-lock.js';
import { handleProtocols, registerPrivilegedSchemes } from './protocols.js';
import { guardAllWebContents, guardPermissions } from './web-contents-guard.js';
import { createMainWindow } from './window.js';

const log = (error: unknown) => console.error('[coffer]', error);

/** Starts the desktop app: everything that must happen before `ready`, then the rest once it has. */
export function startApp(): void {
  registerPrivilegedSchemes();
  // Honour Chromium's --user-data-dir for our own files too (the E2E tests give each run a fresh one).
  const userData = app.commandLine.getSwitchValue('user-data-dir');
  if (userData) app.setPath('userData', userData);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  guardAllWebContents();
  app.on('window-all-closed', () => app.quit());
  // A failure anywhere in run() ends the process: a main process with no window is no app.
  app
    .whenReady()
    .then(run)
    .catch((error: unknown) => {
      log(error);
      app.exit(1);
    });
}

async function run(): Promise<void> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const userData = app.getPath('userData');
  const defaultVaultFolder = join(userData, 'vault');
  const settings = await openSettingsStore({ file: join(userData, 'settings.json'), defaultVaultFolder, log });
  // The vault keeps sealed (still encrypted) item metadata here, so unlocking need not refetch it all.
  const vaultOptions = { cacheDir: join(userData, 'cache') };
  const secrets = createSecretStore({ file: join(userData, 'secrets.json'), safeStorage, platform: process.platform, log });

  let window: BrowserWindow | undefined;
  const emit = createEventSender(() => window);
  const session = new AppSession({ emit });
  const imports = new ImportQueue({ session, emit, log, parallel: () => settings.get().parallelImports });
  const handlers = createHandlers({
    session,
    imports,
    settings,
    secrets,
    createVault: (location, passphrase) => createVault(location, passphrase, vaultOptions),
    openVault: (location, passphrase) => openVault(location, passphrase, vaultOptions),
    access: new LocationAccess({ settings, defaultVaultFolder, confirmStorage: (summary) => confirmStorage(() => window, summary) }),
    emit,
    probeStorage,
    player: new ExternalPlayer({ session, onError: log }),
    openExternal: openLoopbackUrl,
    copyText,
    ...createFileDialogs(() => window),
  });
  const trustedApp = { protocol: `${APP_SCHEME}:`, host: APP_HOST };
  registerIpc(
    createDispatcher({
      handlers,
      isTrusted: (sender) => isTrustedSender(sender, window?.webContents.id, trustedApp),
      log,
      onActivity: () => session.touch(),
    }),
  );

  guardPermissions(electronSession.defaultSession);
  handleProtocols({
    app: createAppHandler({ root: join(here, '../renderer') }),
    vault: guardInitiator(createMediaHandler({ resolve: session.resolveMedia, onError: log })),
  });
  installMenu({ lock: () => session.lock('user') });
  lockOnPowerEvents(session, () => window, () => settings.get().autoLockMinutes);
  app.on('before-quit', () => session.lock('user'));

  window = createMainWindow(join(here, '../preload/index.cjs'));
  window.on('closed', () => (window = undefined));
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
}
