import type { Command } from '../command.js';
import { withVault } from '../unlock.js';

export const rmCommand: Command = {
  name: 'rm',
  summary: 'remove an item',
  usage: 'coffer rm <id|name>',
  help: `Removes an item: its content first, then its metadata, which becomes a small sealed tombstone
so that other devices know the item was deleted rather than lost. If deleting the content fails,
nothing changed; if the tombstone cannot be written, the item is still listed and rm again
finishes the job. Names the removed item on stderr.`,
  positionals: { min: 1, max: 1 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const item = await vault.resolve(ctx.positionals[0]!);
      await vault.remove(item.id);
      ctx.io.stderr.write(`removed ${item.id} (${item.name})\n`);
      return 0;
    }),
};
