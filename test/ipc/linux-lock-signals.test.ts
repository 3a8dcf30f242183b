import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLockSignalParser,
  lockSignalRules,
  logindSessionPath,
  watchLinuxLockSignals,
  type LockSignal,
} from '../../main/ipc/linux-lock-signals.js';

const run = promisify(execFile);

describe('logind session paths', () => {
  it.each([
    ['2', '/org/freedesktop/login1/session/_32'],
    ['12', '/org/freedesktop/login1/session/_312'],
    ['c2', '/org/freedesktop/login1/session/c2'],
    ['a-b', '/org/freedesktop/login1/session/a_2db'],
    ['', '/org/freedesktop/login1/session/_'],
  ])('escapes session id %j as logind does', (id, path) => {
    expect(logindSessionPath(id)).toBe(path);
  });

  it('watches only our own session on the system bus, and nothing there without a session id', () => {
    expect(lockSignalRules('7').system).toEqual([
      "type='signal',path='/org/freedesktop/login1/session/_37',interface='org.freedesktop.login1.Session',member='Lock'",
      "type='signal',path='/org/freedesktop/login1/session/_37',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',arg0='org.freedesktop.login1.Session'",
    ]);
    expect(lockSignalRules(undefined).system).toEqual([]);
    expect(lockSignalRules(undefined).session).toHaveLength(2);
  });
});

// dbus-monitor 1.14's output for the signals below, recorded on a private bus.
const RECORDED = `signal time=1796301222.798038 sender=org.freedesktop.DBus -> destination=:1.0 serial=2 path=/org/freedesktop/DBus; interface=org.freedesktop.DBus; member=NameAcquired
   string ":1.0"
signal time=1796301223.309001 sender=:1.1 -> destination=(null destination) serial=2 path=/org/freedesktop/ScreenSaver; interface=org.freedesktop.ScreenSaver; member=ActiveChanged
   boolean false
signal time=1796301223.309648 sender=:1.1 -> destination=(null destination) serial=2 path=/org/freedesktop/ScreenSaver; interface=org.freedesktop.ScreenSaver; member=ActiveChanged
   boolean true
signal time=1796301223.310000 sender=:1.4 -> destination=(null destination) serial=2 path=/org/gnome/ScreenSaver; interface=org.gnome.ScreenSaver; member=ActiveChanged
   boolean true
signal time=1796301223.312000 sender=:1.2 -> destination=(null destination) serial=2 path=/org/freedesktop/login1/session/_37; interface=org.freedesktop.DBus.Properties; member=PropertiesChanged
   string "org.freedesktop.login1.Session"
   array [
      dict entry(
         string "IdleHint"
         variant             boolean true
      )
      dict entry(
         string "LockedHint"
         variant             boolean false
      )
   ]
   array [
   ]
signal time=1796301223.314928 sender=:1.2 -> destination=(null destination) serial=2 path=/org/freedesktop/login1/session/_37; interface=org.freedesktop.DBus.Properties; member=PropertiesChanged
   string "org.freedesktop.login1.Session"
   array [
      dict entry(
         string "LockedHint"
         variant             boolean true
      )
      dict entry(
         string "IdleHint"
         variant             boolean false
      )
   ]
   array [
   ]
signal time=1796301223.316000 sender=:1.5 -> destination=(null destination) serial=2 path=/org/freedesktop/login1/session/_37; interface=org.freedesktop.DBus.Properties; member=PropertiesChanged
   string "org.freedesktop.login1.User"
   array [
      dict entry(
         string "LockedHint"
         variant             boolean true
      )
   ]
   array [
   ]
signal time=1796301223.320054 sender=:1.3 -> destination=(null destination) serial=2 path=/org/freedesktop/login1/session/_37; interface=org.freedesktop.login1.Session; member=Lock
signal time=1796301223.330000 sender=:1.3 -> destination=(null destination) serial=3 path=/org/freedesktop/login1/session/_37; interface=org.freedesktop.login1.Session; member=Unlock
`;

describe("reading dbus-monitor's output", () => {
  it('reports each lock signal once, and nothing for unlocks, other properties or other interfaces', () => {
    const locks: LockSignal[] = [];
    const parse = createLockSignalParser((signal) => locks.push(signal));
    for (const line of RECORDED.split('\n')) parse(line);
    expect(locks).toEqual(['screensaver', 'screensaver', 'logind-locked-hint', 'logind-lock']);
  });

  it('reports a lock on the line that makes it certain, before the next message arrives', () => {
    const onLock = vi.fn();
    const parse = createLockSignalParser(onLock);
    parse('signal time=1 sender=:1.1 -> destination=(null destination) serial=2 path=/org/freedesktop/ScreenSaver; interface=org.freedesktop.ScreenSaver; member=ActiveChanged');
    expect(onLock).not.toHaveBeenCalled();
    parse('   boolean true');
    expect(onLock).toHaveBeenCalledWith('screensaver');
  });
});

/** A private bus (dbus-daemon with the session policy), gone when the test ends. */
async function startBus(): Promise<string> {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  daemons.push(daemon);
  const [address] = await createInterface({ input: daemon.stdout! })[Symbol.asyncIterator]().next().then((line) => [line.value as string]);
  return address!;
}
const daemons: ChildProcess[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const daemon of daemons.splice(0)) daemon.kill();
});

describe('watching real buses with dbus-monitor', () => {
  it('locks on the screensaver and on our logind session, and ignores other sessions and unlocking', async () => {
    const [sessionBus, systemBus] = await Promise.all([startBus(), startBus()]);
    const locks: LockSignal[] = [];
    const log = vi.fn();
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: sessionBus, DBUS_SYSTEM_BUS_ADDRESS: systemBus, XDG_SESSION_ID: '7' };
    stops.push(watchLinuxLockSignals({ onLock: (signal) => locks.push(signal), log, env }).stop);

    const emit = (bus: string, path: string, signal: string, ...args: string[]) =>
      run('gdbus', ['emit', '--address', bus, '--object-path', path, '--signal', signal, ...args]).catch((error: Error) => {
        // gdbus now and then fails its final flush after the bus took the signal (in a trial, all
        // 200 signals arrived though 1–5 emits said so); any other failure is real.
        if (!/Error flushing connection: The connection is closed/.test(error.message)) throw error;
      });
    const screensaver = (active: boolean) =>
      emit(sessionBus, '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.ActiveChanged', String(active));
    const lockedHint = (session: string, locked: boolean) =>
      emit(systemBus, session, 'org.freedesktop.DBus.Properties.PropertiesChanged', "'org.freedesktop.login1.Session'", `{'LockedHint': <${locked}>}`, '@as []');

    // dbus-monitor needs a moment to subscribe; emit until the first lock gets through.
    await vi.waitFor(async () => {
      await screensaver(true);
      expect(locks).toContain('screensaver');
    });
    locks.length = 0;
    await screensaver(false);
    await emit(systemBus, '/org/freedesktop/login1/session/_38', 'org.freedesktop.login1.Session.Lock');
    await lockedHint('/org/freedesktop/login1/session/_38', true);
    await lockedHint('/org/freedesktop/login1/session/_37', false);
    await vi.waitFor(async () => {
      await emit(systemBus, '/org/freedesktop/login1/session/_37', 'org.freedesktop.login1.Session.Lock');
      expect(locks).toContain('logind-lock');
    });
    await lockedHint('/org/freedesktop/login1/session/_37', true);
    await vi.waitFor(() => expect(locks).toContain('logind-locked-hint'));
    expect(new Set(locks)).toEqual(new Set(['logind-lock', 'logind-locked-hint']));
    expect(log).not.toHaveBeenCalled();
  });

  it('says so in the log, and throws nothing, where a bus cannot be reached', async () => {
    const log = vi.fn();
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    delete env.XDG_SESSION_ID;
    stops.push(watchLinuxLockSignals({ onLock: vi.fn(), log, env }).stop);
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringMatching(/dbus-monitor on the session bus ended/)));
    expect(log).toHaveBeenCalledWith(expect.stringContaining('XDG_SESSION_ID is not set'));
  });

  it('says so in the log where dbus-monitor is not installed', async () => {
    const log = vi.fn();
    stops.push(watchLinuxLockSignals({ onLock: vi.fn(), log, env: { PATH: '/nonexistent', XDG_SESSION_ID: '7' } }).stop);
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringMatching(/cannot watch the session bus.*ENOENT.*idle and suspend only/)));
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/cannot watch the system bus/));
  });
});
