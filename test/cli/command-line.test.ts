import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../main/cli/cli-io.js';
import { runCli } from '../../main/cli/run-cli.js';
import type { ErrorCode } from '../../main/errors.js';
import { DEFAULT_LOOPBACK_LIMITS } from '../../main/protocol/loopback-server.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';
import { buildCli, coffer } from './run-coffer.js';
import { inTerminal } from './terminal.js';
import { ID, PASS } from './vault-scenario.js';

const COMMANDS = ['init', 'put', 'ls', 'cat', 'get', 'rm', 'verify', 'passwd', 'rekey', 'serve'];

let work: string;
let env: Record<string, string>;
/** A vault with passphrase PASS, for the tests that need one to be there. */
let vault: string;

beforeAll(async () => {
  await buildCli();
  work = await makeTempDir('coffer-cli-work');
  env = { COFFER_CONFIG_DIR: join(work, 'config'), COFFER_CACHE_DIR: join(work, 'cache') };
  vault = join(work, 'vault');
  expect((await coffer(['init', '--vault', vault], { ...env, COFFER_PASSPHRASE: PASS })).code).toBe(0);
});
afterAll(removeTempDirs);

/** `coffer <argv>` run in this process through runCli, for what needs no vault and no terminal. */
async function inProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const collect = () => {
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { sink, text: () => text };
  };
  const stdout = collect();
  const stderr = collect();
  const io: CliIo = { stdin: new PassThrough(), stdout: stdout.sink, stderr: stderr.sink, env: { ...env, COFFER_PASSPHRASE: PASS }, cwd: work, signal: new AbortController().signal };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('help', () => {
  it('coffer --help lists every command and documents the exit code of every error code', async () => {
    const result = await coffer(['--help'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const help = result.stdout.toString();
    for (const command of COMMANDS) expect(help).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    // Every code but LOCKED, which the CLI never meets: it locks only when a command is done.
    const documented: Record<Exclude<ErrorCode, 'LOCKED'>, number> = {
      INVALID_ARGUMENT: 2, WRONG_PASSPHRASE: 3, NOT_A_VAULT: 4, VAULT_EXISTS: 4, CORRUPT_CONFIG: 4, UNSUPPORTED_VERSION: 4,
      NOT_FOUND: 5, AMBIGUOUS: 5, CORRUPT_OBJECT: 6, KEY_MISMATCH: 6, STORE_UNAVAILABLE: 7, ACCESS_DENIED: 8, DISK_FULL: 9,
      LOCATION_NOT_EMPTY: 4, NOT_A_FILE: 5, CONFLICT: 10, SOURCE_CHANGED: 11, WEAK_PASSPHRASE: 2, ABORTED: 130,
    };
    for (const [code, exit] of Object.entries(documented)) {
      expect(help).toMatch(new RegExp(`^  ${exit} +.+\\n +.*\\b${code}\\b`, 'm'));
    }
  });

  it.each(COMMANDS)('coffer %s --help shows its usage and what it does', async (command) => {
    const result = await inProcess([command, '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^usage: coffer ${command}\\b.*\\n\\n\\S`));
  });

  it('coffer help cat and coffer cat -h say the same as coffer cat --help', async () => {
    const [long, short, help] = await Promise.all([inProcess(['cat', '--help']), inProcess(['cat', '-h']), inProcess(['help', 'cat'])]);
    expect(short.stdout).toBe(long.stdout);
    expect(help.stdout).toBe(long.stdout);
    expect(long.stdout).toContain('--range START-END');
  });

  it('coffer serve --help states the limits its server applies, and that items other than media are downloads', async () => {
    const { stdout } = await inProcess(['serve', '--help']);
    const { maxConnections, headersTimeout, requestTimeout, idleTimeout, keepAliveTimeout } = DEFAULT_LOOPBACK_LIMITS;
    expect(stdout).toContain(`At most ${maxConnections} connections are served at once`);
    expect(stdout).toContain(`(default ${maxConnections})`);
    expect(stdout).toContain(`has ${headersTimeout / 1000} s to send a request's headers and ${requestTimeout / 1000} s for the whole request`);
    expect(stdout).toContain(`nothing moves for ${idleTimeout / 1000} s is closed`);
    expect(stdout).toContain(`waits ${keepAliveTimeout / 1000} s for`);
    expect(stdout).toContain('(HTML, SVG, XML, PDF, text...) is served as a download');
  });
});

describe('a wrong command line exits 2 with one error line and the usage, before asking for anything', () => {
  it('from the built CLI', async () => {
    const result = await coffer(['frob'], env);
    expect(result).toMatchObject({
      code: 2,
      stderr: 'coffer: unknown command "frob"\nusage: coffer <command> [options] [arguments]\nRun \'coffer --help\' for more.\n',
    });
    expect(result.stdout.length).toBe(0);
  });

  it.each([
    [[], 'no command given', 'coffer <command> [options] [arguments]'],
    [['--vault', 'x', 'ls'], 'the command comes first, before --vault', 'coffer <command> [options] [arguments]'],
    [['ls', '--jsn'], 'unknown option --jsn', 'coffer ls [--json]'],
    [['ls', '--json=yes'], 'option --json takes no value', 'coffer ls [--json]'],
    [['ls', '--vault'], 'option --vault needs a value', 'coffer ls [--json]'],
    [['ls', '--vault', '--json'], 'option --vault needs a value', 'coffer ls [--json]'],
    [['rm'], 'rm needs 1 argument', 'coffer rm <id|name>'],
    [['get', 'a', 'b', 'c'], 'get takes at most 2 arguments', 'coffer get <id|name> OUT'],
    [['cat', 'x', '--range', '10'], 'invalid --range "10": use START-END or START- (byte offsets, END inclusive)', 'coffer cat <id|name> [--range START-END]'],
    [['cat', 'x', '--range', '9-3'], 'invalid --range "9-3": END is before START', 'coffer cat <id|name> [--range START-END]'],
    [['serve', '--port', '70000'], 'invalid --port "70000": use 0 to 65535', 'coffer serve [--port N] [--max-connections N] [--item <id|name>]'],
    [['serve', '--max-connections', '0'], 'invalid --max-connections "0": use 1 to 1000', 'coffer serve [--port N] [--max-connections N] [--item <id|name>]'],
    [['serve', '--max-connections', '1e3'], 'invalid --max-connections "1e3": use 1 to 1000', 'coffer serve [--port N] [--max-connections N] [--item <id|name>]'],
    [['ls'], 'no vault: pass --vault <dir | s3://bucket/prefix> or set COFFER_VAULT', 'coffer ls [--json]'],
    [['ls', '--vault', 'gs://bucket/x'], 'unsupported vault location "gs://bucket/x": use a folder or s3://bucket/prefix', undefined],
    [['ls', '--vault', 'here', '--endpoint', 'http://127.0.0.1:9'], '--endpoint, --region and --path-style apply only to s3:// vaults', 'coffer ls [--json]'],
    [['ls', '--vault', 's3://b/p', '--endpoint', 'ftp://x'], 'the endpoint "ftp://x" is not an http:// or https:// URL', 'coffer ls [--json]'],
  ])('coffer %j: %s', async (args, message, usage) => {
    const result = await inProcess(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [first, ...rest] = result.stderr.split('\n');
    expect(first).toBe(`coffer: ${message}`);
    expect(rest).toEqual(usage ? [`usage: ${usage}`, expect.stringMatching(/^Run 'coffer( [a-z]+)? --help' for more\.$/), ''] : ['']);
  });
});

it('without a terminal and without COFFER_PASSPHRASE, fails at once with exit 2 instead of waiting', async () => {
  const started = Date.now();
  const result = await coffer(['ls', '--vault', vault], env, work);
  expect(result).toMatchObject({
    code: 2,
    stderr: 'coffer: no passphrase: stdin is not a terminal to ask on, and COFFER_PASSPHRASE is not set\n',
  });
  expect(Date.now() - started).toBeLessThan(10_000);
});

describe('new passphrases', () => {
  it('refuses the tests-only cheap scrypt cost outside the test runner', async () => {
    const result = await coffer(['init', '--vault', join(work, 'cheap')], { ...env, COFFER_PASSPHRASE: PASS, VITEST: '' });
    expect(result).toMatchObject({ code: 2, stderr: "coffer: COFFER_TEST_SCRYPT_N is for Coffer's own tests only: unset it\n" });
    await expect(readdir(join(work, 'cheap'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('init refuses a weak passphrase with exit 2 and the reason, and creates nothing', async () => {
    const target = join(work, 'weak');
    const result = await coffer(['init', '--vault', target], { ...env, COFFER_PASSPHRASE: 'password123' });
    expect(result).toMatchObject({
      code: 2,
      stderr: 'coffer: the new passphrase is too weak. This is a commonly used password. Add more words that are less common.\n',
    });
    await expect(readdir(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('passwd refuses a weak new passphrase with exit 2 and the reason, and the old one still opens', async () => {
    const result = await coffer(['passwd', '--vault', vault], { ...env, COFFER_PASSPHRASE: PASS, COFFER_NEW_PASSPHRASE: 'hunter2' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^coffer: the new passphrase is too weak\. It is too short: 7 characters, where at least 10 are needed\./);
    expect((await coffer(['ls', '--vault', vault], { ...env, COFFER_PASSPHRASE: PASS })).code).toBe(0);
  });

  it('of two passwd run at once on one folder vault, one succeeds and the other exits 10, writing nothing', async () => {
    const target = join(work, 'contested');
    // At the real scrypt cost, each run spends seconds between reading the config and writing it,
    // so both have read it before either writes.
    const slow = { ...env, COFFER_TEST_SCRYPT_N: '' };
    expect((await coffer(['init', '--vault', target], { ...slow, COFFER_PASSPHRASE: PASS })).code).toBe(0);
    const config = JSON.parse(await readFile(join(target, 'coffer-vault.json'), 'utf8')) as { slots: { kdf: { N: number } }[] };
    expect(config.slots[0]?.kdf.N).toBe(2 ** 18);
    const choices = ['the first of two new passphrases', 'the second of two new passphrases'];
    const results = await Promise.all(
      choices.map((next) => coffer(['passwd', '--vault', target], { ...slow, COFFER_PASSPHRASE: PASS, COFFER_NEW_PASSPHRASE: next })),
    );
    expect(results.map((r) => r.code).sort()).toEqual([0, 10]);
    const loser = results.find((r) => r.code === 10)!;
    expect(loser.stderr).toMatch(/^coffer: the vault config changed elsewhere .*; nothing was written/);
    const winner = choices[results.findIndex((r) => r.code === 0)]!;
    const opens = async (passphrase: string) => (await coffer(['ls', '--vault', target], { ...env, COFFER_PASSPHRASE: passphrase })).code;
    expect(await Promise.all([opens(winner), ...choices.filter((c) => c !== winner).map(opens), opens(PASS)])).toEqual([0, 3, 3]);
  });
});

// util-linux `script` gives the CLI a pseudo-terminal; other systems' `script` takes other options.
describe.skipIf(process.platform !== 'linux').concurrent('on a terminal', () => {
  it('init asks for the new passphrase twice and echoes neither', async () => {
    const vault = join(work, 'typed');
    const typed = 'typed at the prompt';
    const result = await inTerminal(['init', '--vault', vault], env, work, [
      ['New passphrase: ', `${typed}\r`],
      ['Repeat to confirm: ', `${typed}\r`],
    ]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toContain(typed);
    expect(result.output).not.toContain('*');
    expect((await coffer(['ls', '--vault', vault], { ...env, COFFER_PASSPHRASE: typed }, work)).code).toBe(0);
  });

  it('init refuses a weak typed passphrase before asking to repeat it, with exit 2 and the reason', async () => {
    const vault = join(work, 'weak-typed');
    const result = await inTerminal(['init', '--vault', vault], env, work, [['New passphrase: ', 'password123\r']]);
    expect(result.code).toBe(2);
    expect(result.output).toContain('coffer: the new passphrase is too weak. This is a commonly used password.');
    expect(result.output).not.toContain('Repeat to confirm');
    await expect(readdir(vault)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('init refuses a confirmation that differs, with exit 2, and creates nothing', async () => {
    const vault = join(work, 'mistyped');
    const result = await inTerminal(['init', '--vault', vault], env, work, [
      ['New passphrase: ', 'one thing I typed first\r'],
      ['Repeat to confirm: ', 'another\r'],
    ]);
    expect(result.code).toBe(2);
    expect(result.output).toContain('coffer: the passphrases do not match');
    await expect(readdir(vault)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('Ctrl-C at the passphrase prompt exits 130', async () => {
    const result = await inTerminal(['ls', '--vault', vault], env, work, [['Passphrase: ', '\u0003']]);
    expect(result.code).toBe(130);
    expect(result.output).toContain('coffer: passphrase entry was cancelled');
  });

  it('says there is no vault before asking for a passphrase', async () => {
    const result = await inTerminal(['ls', '--vault', join(work, 'nothing-here')], env, work);
    expect(result).toEqual({ code: 4, output: `coffer: no Coffer vault at ${join(work, 'nothing-here')}\r\n` });
  });

  it('init says a vault is already there before asking for a passphrase', async () => {
    const result = await inTerminal(['init', '--vault', vault], env, work);
    expect(result).toEqual({ code: 4, output: `coffer: a Coffer vault already exists at ${vault}\r\n` });
  });

  it('init says the folder holds other files before asking for a passphrase, suggesting a subfolder', async () => {
    const full = join(work, 'full');
    await mkdir(full);
    await writeFile(join(full, 'mine.txt'), 'mine');
    const typed = 'typed at the prompt\r';
    const result = await inTerminal(['init', '--vault', full], env, work, [['New passphrase: ', typed], ['Repeat to confirm: ', typed]]);
    expect(result).toEqual({
      code: 4,
      output: `coffer: ${full} holds other files (such as "mine.txt"); a vault needs an empty folder of its own: try ${join(full, 'Coffer')}\r\n`,
    });
    expect(await readdir(full)).toEqual(['mine.txt']);
  });

  it('put draws a progress bar (percent, bytes, speed, ETA) and still prints the new id', async () => {
    await writeFile(join(work, 'film.mkv'), randomBytes(48 * 1024 * 1024));
    const result = await inTerminal(['put', '--vault', vault, 'film.mkv'], { ...env, COFFER_PASSPHRASE: PASS }, work);
    expect(result.code, result.output).toBe(0);
    const bars = result.output.split('\r\u001b[K').slice(1).map((line) => line.replace(/\r?\n[\s\S]*$/, ''));
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) {
      expect(bar).toMatch(/^film\.mkv {2}\[[#-]{20}\] +\d{1,3}% {2}[\d.]+ [kMG]?B \/ 50 MB {2}[\d.]+ [kMG]?B\/s {2}ETA (\d+:\d\d|--:--)$/);
    }
    expect(bars.at(-1)).toContain('100%  50 MB / 50 MB');
    expect(result.output).toMatch(/\r\n([a-z2-7]{26})\r\n$/);
    expect(ID.test(/([a-z2-7]{26})\r\n$/.exec(result.output)![1]!)).toBe(true);
  });
});
