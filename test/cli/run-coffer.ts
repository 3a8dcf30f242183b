import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_KDF } from '../helpers/test-kdf.js';

const root = process.cwd();
/** The built CLI, exactly what bin/coffer.mjs loads. */
export const CLI = join(root, 'out/cli/coffer.mjs');

/** Builds out/cli/coffer.mjs with the real build script; safe to run from several test files at once. */
export async function buildCli(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: root });
}

export interface CofferResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * The environment of every run: the test's own, minus anything that could point the CLI at a real
 * vault, real credentials or the user's config (COFFER_*, AWS_*), plus a cheap scrypt cost (see
 * main/cli/test-kdf.ts; `COFFER_TEST_SCRYPT_N: ''` gives the real default), plus `env`.
 */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(COFFER_|AWS_)/.test(name)));
  return { ...base, COFFER_TEST_SCRYPT_N: String(TEST_KDF.N), ...env };
}

/** Starts `node out/cli/coffer.mjs <args>` with stdin, stdout and stderr as pipes (so no terminal). */
export function spawnCoffer(args: string[], env: Record<string, string>, cwd = root): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(env) });
}

/** Runs the CLI to completion with stdin closed and collects its output. */
export async function coffer(args: string[], env: Record<string, string>, cwd?: string): Promise<CofferResult> {
  const child = spawnCoffer(args, env, cwd);
  child.stdin.end();
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  });
  return { code, stdout: Buffer.concat(stdout), stderr };
}
