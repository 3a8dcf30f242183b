import { powerMonitor, type BrowserWindow } from 'electron';
import { startAutoLock } from '../ipc/auto-lock.js';
import type { AppSession } from '../ipc/app-session.js';

/**
 * Locks on OS suspend and screen lock, and after the configured idle time (see auto-lock.ts). User
 * input counts as use of Coffer only while its window has focus.
 */
export function lockOnPowerEvents(session: AppSession, window: () => BrowserWindow | undefined, minutes: () => number): void {
  powerMonitor.on('suspend', () => session.lock('suspend'));
  powerMonitor.on('lock-screen', () => session.lock('lock-screen'));
  startAutoLock({
    minutes,
    appIdleMs: () => session.idleMs(),
    userIdleMs: () => (window()?.isFocused() ? powerMonitor.getSystemIdleTime() * 1000 : Infinity),
    lock: () => session.lock('idle'),
  });
}
