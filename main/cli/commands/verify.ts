import type { ErrorCode } from '../../errors.js';
import type { Command } from '../command.js';
import { exitCodeFor } from '../exit-codes.js';
import { withVault } from '../unlock.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'read and authenticate every chunk of every item, or of one',
  usage: 'coffer verify [id|name]',
  help: `Reads every item (or just the one named), authenticating each chunk, and prints one line per
item on stdout: "ok", or "FAILED" with the error, which names the first chunk that failed. Items
whose metadata cannot be opened are reported too. Changes no item (opening the vault removes old
leftovers of interrupted uploads, as every open does).

Exits 0 when everything verified, otherwise with the exit code of the first failure (6 for
tampered or corrupt content).`,
  positionals: { min: 0, max: 1 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const { stdout, stderr } = ctx.io;
      const ref = ctx.positionals[0];
      const ids = ref === undefined ? undefined : [(await vault.resolve(ref)).id];
      let firstFailure: ErrorCode | undefined;
      const results = await vault.verify(ids, (result) => {
        if (result.ok) {
          stdout.write(`ok      ${result.id}  ${result.name}\n`);
          return;
        }
        firstFailure ??= result.error?.code;
        stdout.write(`FAILED  ${result.id}  ${result.name}: ${result.error?.message ?? 'unknown error'}\n`);
      });
      const failed = results.filter((r) => !r.ok).length;
      if (failed === 0) {
        stderr.write(`${results.length} item${results.length === 1 ? '' : 's'} verified\n`);
        return 0;
      }
      stderr.write(`coffer: ${failed} of ${results.length} items failed verification\n`);
      return exitCodeFor(firstFailure ?? 'CORRUPT_OBJECT');
    }),
};
