import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildServer {
  /** The first capture group of `ready` in the child's stdout, e.g. its port. */
  ready: string;
  stop(): Promise<void>;
}

/**
 * Runs `node <args>` and resolves once its stdout matches `ready`. Rejects (and kills the child)
 * if it exits first or takes longer than `timeoutMs`, quoting its stderr.
 */
export async function startChildServer(
  args: string[],
  ready: RegExp,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${args.join(' ')} not ready after ${options.timeoutMs ?? 20_000} ms`)), options.timeoutMs ?? 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = ready.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${args.join(' ')} exited (${code ?? signal}) before it was ready: ${stderr || stdout}`));
      });
    });
    // Keep draining the pipes: a child blocked on a full pipe would look like a hung server.
    child.stdout.removeAllListeners('data');
    child.stdout.resume();
    return { ready: match[1] ?? match[0], stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
