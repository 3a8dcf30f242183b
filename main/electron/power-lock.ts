import { app, powerMonitor, type BrowserWindow } from 'electron';
import { startAutoLock } from '../ipc/auto-lock.js';
import type { AppSession } from '../ipc/app-session.js';
import { watchLinuxLockSignals } from '../ipc/linux-lock-signals.js';

/**
 * Locks on OS suspend and screen lock, and after the configured idle time (see auto-lock.ts). User
 * input counts as use of Coffer only while its window has focus. powerMonitor's 'lock-screen' is
 * macOS and Windows only; on Linux the screen lock comes from D-Bus (linux-lock-signals.ts).
 */
export function lockOnPowerEvents(session: AppSession, window: () => BrowserWindow | undefined, minutes: () => number): void {
  powerMonitor.on('suspend', () => session.lock('suspend'));
  if (process.platform === 'linux') {
    const log = (message: string) => console.error('[coffer]', message);
    const watch = watchLinuxLockSignals({ onLock: () => session.lock('lock-screen'), log });
    app.on('will-quit', watch.stop);
  } else {
    powerMonitor.on('lock-screen', () => session.lock('lock-screen'));
  }
  startAutoLock({
    minutes,
    appIdleMs: () => session.idleMs(),
    userIdleMs: () => (window()?.isFocused() ? powerMonitor.getSystemIdleTime() * 1000 : Infinity),
    lock: () => session.lock('idle'),
  });
}
