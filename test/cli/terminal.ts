import { spawn } from 'node:child_process';
import { CLI, cleanEnv } from './run-coffer.js';

export interface TerminalRun {
  code: number | null;
  /** Everything the terminal showed: stdout and stderr together, as a user would see them. */
  output: string;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), so stdin and stderr are TTYs. Each
 * answer is typed once its prompt has appeared, the way a person waits for a prompt before typing.
 */
export function inTerminal(args: string[], env: Record<string, string>, cwd: string, answers: Array<[prompt: string, typed: string]> = []): Promise<TerminalRun> {
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { cwd, env: cleanEnv(env) });
  let output = '';
  let seen = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const next = answers[0];
    const at = next ? output.indexOf(next[0], seen) : -1;
    if (next && at >= 0) {
      seen = at + next[0].length;
      answers.shift();
      child.stdin.write(next[1]);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
