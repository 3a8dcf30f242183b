import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Linux screen-lock signals, read over D-Bus without a native module: `dbus-monitor` (from the
 * dbus tools every systemd desktop has) prints the matched signals as text, and this module parses
 * them. Electron's powerMonitor has no 'lock-screen' event on Linux.
 *
 * Watched:
 * - session bus: `ActiveChanged(true)` of org.freedesktop.ScreenSaver (KDE and others) and
 *   org.gnome.ScreenSaver (GNOME Shell): the screen locker came on;
 * - system bus, on our own logind session only: `Lock` (a request to lock, e.g. `loginctl
 *   lock-session`) and a `LockedHint` that turned true (GNOME and KDE set it once the lock screen
 *   is up).
 * A forged signal can only lock the vault, never unlock it, so no sender check is needed.
 */

export type LockSignal = 'screensaver' | 'logind-lock' | 'logind-locked-hint';

const SCREENSAVERS = ['org.freedesktop.ScreenSaver', 'org.gnome.ScreenSaver'];
const LOGIND_SESSION = 'org.freedesktop.login1.Session';
const PROPERTIES = 'org.freedesktop.DBus.Properties';

/** logind's object path for a session id, escaped as sd_bus_path_encode does ("2" → "_32"). */
export function logindSessionPath(sessionId: string): string {
  const label = [...Buffer.from(sessionId, 'utf8')]
    .map((byte, i) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z]/.test(char) || (i > 0 && /[0-9]/.test(char)) ? char : `_${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
  return `/org/freedesktop/login1/session/${label || '_'}`;
}

/** dbus-monitor match rules: one list per bus; the system list is empty without a session id. */
export function lockSignalRules(sessionId: string | undefined): { session: string[]; system: string[] } {
  const session = SCREENSAVERS.map((iface) => `type='signal',interface='${iface}',member='ActiveChanged'`);
  if (!sessionId) return { session, system: [] };
  const path = logindSessionPath(sessionId);
  return {
    session,
    system: [
      `type='signal',path='${path}',interface='${LOGIND_SESSION}',member='Lock'`,
      `type='signal',path='${path}',interface='${PROPERTIES}',member='PropertiesChanged',arg0='${LOGIND_SESSION}'`,
    ],
  };
}

const HEADER = /^signal .* path=([^;]*); interface=([^;]*); member=(\S+)$/;

/**
 * A line-by-line reader of dbus-monitor's default output: a `signal … path=…; interface=…;
 * member=…` header, then one indented line per argument (nested for arrays and dict entries).
 * Calls `onLock` as soon as a line makes a lock certain, without waiting for the next message.
 */
export function createLockSignalParser(onLock: (signal: LockSignal) => void): (line: string) => void {
  let current: { iface: string; member: string; args: number; lockedHintNext: boolean } | undefined;
  return (line) => {
    const header = HEADER.exec(line);
    if (header) {
      const [, , iface = '', member = ''] = header;
      current = { iface, member, args: 0, lockedHintNext: false };
      if (iface === LOGIND_SESSION && member === 'Lock') onLock('logind-lock');
      return;
    }
    if (!current || !/^\s/.test(line)) {
      current = undefined;
      return;
    }
    const text = line.trim();
    if (current.member === 'ActiveChanged' && SCREENSAVERS.includes(current.iface)) {
      if (current.args++ === 0 && text === 'boolean true') onLock('screensaver');
    } else if (current.member === 'PropertiesChanged' && current.iface === PROPERTIES) {
      if (current.args++ === 0 && text !== `string "${LOGIND_SESSION}"`) current = undefined;
      else if (text === 'string "LockedHint"') current.lockedHintNext = true;
      else if (current.lockedHintNext && text.startsWith('variant')) {
        current.lockedHintNext = false;
        if (/^variant\s+boolean true$/.test(text)) onLock('logind-locked-hint');
      }
    }
  };
}

export interface LinuxLockWatchOptions {
  onLock: (signal: LockSignal) => void;
  log: (message: string) => void;
  /** Where the bus addresses (DBUS_SESSION_BUS_ADDRESS, DBUS_SYSTEM_BUS_ADDRESS) and XDG_SESSION_ID come from. */
  env?: NodeJS.ProcessEnv;
}

/** Watches both buses until `stop()`. Missing tools or buses are logged, never thrown. */
export function watchLinuxLockSignals({ onLock, log, env = process.env }: LinuxLockWatchOptions): { stop: () => void } {
  const rules = lockSignalRules(env.XDG_SESSION_ID);
  if (rules.system.length === 0) log('XDG_SESSION_ID is not set: Coffer cannot follow logind locks of this session');
  const children: ChildProcess[] = [];
  let stopped = false;
  for (const [bus, busRules] of [['session', rules.session], ['system', rules.system]] as const) {
    if (busRules.length === 0) continue;
    const child = spawn('dbus-monitor', [`--${bus}`, ...busRules], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    let failed = false;
    child.on('error', (error) => {
      failed = true;
      log(`cannot watch the ${bus} bus for screen locks (${error.message}); Coffer locks on idle and suspend only`);
    });
    child.on('exit', (code, signal) => {
      if (!stopped && !failed) log(`dbus-monitor on the ${bus} bus ended (${signal ?? `exit ${code}`}); screen locks there go unseen`);
    });
    createInterface({ input: child.stdout! }).on('line', createLockSignalParser(onLock));
  }
  return {
    stop() {
      stopped = true;
      for (const child of children) child.kill();
    },
  };
}
