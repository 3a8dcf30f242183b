import { app, dialog } from 'electron';
import { unsandboxedLaunchRefusal } from '../shell/sandbox-policy.js';

/** True when Coffer must not start (see sandbox-policy.ts); it then explains and exits. */
export function refuseToRunUnsandboxed(): boolean {
  const refusal = unsandboxedLaunchRefusal({
    packaged: app.isPackaged,
    noSandbox: app.commandLine.hasSwitch('no-sandbox'),
    platform: process.platform,
  });
  if (!refusal) return false;
  console.error('[coffer]', `${refusal.title}. ${refusal.message}`);
  void app.whenReady().then(() => {
    dialog.showErrorBox(refusal.title, refusal.message);
    app.exit(1);
  });
  return true;
}
