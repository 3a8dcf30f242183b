import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAutoLock } from '../../main/ipc/auto-lock.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(state: { minutes: number; appIdleMs: number; userIdleMs: number }) {
  const lock = vi.fn();
  const stop = startAutoLock({
    minutes: () => state.minutes,
    appIdleMs: () => state.appIdleMs,
    userIdleMs: () => state.userIdleMs,
    lock,
    intervalMs: 1000,
  });
  return { lock, stop };
}

describe('auto-lock', () => {
  it('locks once the app and the user have both been idle for the configured minutes', () => {
    const state = { minutes: 5, appIdleMs: 5 * 60_000, userIdleMs: 5 * 60_000 };
    const { lock } = setup(state);
    vi.advanceTimersByTime(1000);
    expect(lock).toHaveBeenCalled();
  });

  it('does not lock while the app is busy (media playing, an import running)', () => {
    const { lock } = setup({ minutes: 5, appIdleMs: 0, userIdleMs: Infinity });
    vi.advanceTimersByTime(60_000);
    expect(lock).not.toHaveBeenCalled();
  });

  it('does not lock while the user is using the focused window', () => {
    const { lock } = setup({ minutes: 5, appIdleMs: 10 * 60_000, userIdleMs: 30_000 });
    vi.advanceTimersByTime(60_000);
    expect(lock).not.toHaveBeenCalled();
  });

  it('never locks on idle when set to 0 minutes', () => {
    const { lock } = setup({ minutes: 0, appIdleMs: Infinity, userIdleMs: Infinity });
    vi.advanceTimersByTime(60_000);
    expect(lock).not.toHaveBeenCalled();
  });

  it('reads the setting on every check, so a change applies without a restart', () => {
    const state = { minutes: 60, appIdleMs: 6 * 60_000, userIdleMs: Infinity };
    const { lock } = setup(state);
    vi.advanceTimersByTime(1000);
    expect(lock).not.toHaveBeenCalled();
    state.minutes = 5;
    vi.advanceTimersByTime(1000);
    expect(lock).toHaveBeenCalled();
  });

  it('stops checking when stopped', () => {
    const { lock, stop } = setup({ minutes: 1, appIdleMs: Infinity, userIdleMs: Infinity });
    stop();
    vi.advanceTimersByTime(60_000);
    expect(lock).not.toHaveBeenCalled();
  });
});
