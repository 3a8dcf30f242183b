import { CofferError } from '../../errors.js';
import { parseByteRange } from '../byte-range-arg.js';
import type { Command } from '../command.js';
import { withVault } from '../unlock.js';
import { copyToOutput } from '../write-output.js';

export const catCommand: Command = {
  name: 'cat',
  summary: "write an item's plaintext, or a byte range of it, to stdout",
  usage: 'coffer cat <id|name> [--range START-END]',
  help: `Decrypts an item to stdout as it streams from storage. Each 64 KiB chunk is authenticated
before any of its bytes are written: on tampered content, cat stops at the failing chunk, names it
and exits 6, having written only authentic bytes before it.

  --range START-END   only bytes START to END, both inclusive, counted from 0; END may be left out
                      (START-) to read to the end`,
  options: { range: { type: 'string' } },
  cancellable: true,
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const rangeText = ctx.string('range');
    const range = rangeText === undefined ? undefined : parseByteRange(rangeText, ctx.usage);
    return withVault(ctx, async (vault) => {
      const item = await vault.resolve(ctx.positionals[0]!);
      if (range && range.start >= item.size) {
        throw new CofferError('INVALID_ARGUMENT', `--range starts at byte ${range.start}, past the end of ${item.name} (${item.size} bytes)`);
      }
      await copyToOutput(await vault.openRange(item.id, range?.start ?? 0, range?.end, ctx.io.signal), ctx.io.stdout);
      return 0;
    });
  },
};
