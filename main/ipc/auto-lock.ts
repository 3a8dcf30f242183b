export interface AutoLockOptions {
  /** Current setting; 0 disables idle locking. Read on every check, so changes apply at once. */
  minutes: () => number;
  /** Milliseconds since the app last did anything (see AppSession.idleMs). */
  appIdleMs: () => number;
  /**
   * Milliseconds since the user last touched keyboard or mouse while our window had focus; Infinity
   * when it does not have focus (input to other apps is not use of Coffer).
   */
  userIdleMs: () => number;
  /** Locks the vault for reason 'idle'; a no-op when already locked. */
  lock: () => void;
  /** How often to check. */
  intervalMs?: number;
}

/**
 * Locks the vault once both the app and the user have been idle for the configured minutes.
 * Playing media and running imports count as activity, so a film does not lock halfway.
 * Returns a function that stops the checks.
 */
export function startAutoLock({ minutes, appIdleMs, userIdleMs, lock, intervalMs = 15_000 }: AutoLockOptions): () => void {
  const timer = setInterval(() => {
    const limit = minutes() * 60_000;
    if (limit > 0 && Math.min(appIdleMs(), userIdleMs()) >= limit) lock();
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
