import type { Command } from '../command.js';
import { withVault } from '../unlock.js';

export const rmCommand: Command = {
  name: 'rm',
  summary: 'remove an item',
  usage: 'coffer rm <id|name>',
  help: `Removes an item: its metadata first, so it is gone from listings even if deleting the content
then fails, and then its content. Names the removed item on stderr.`,
  positionals: { min: 1, max: 1 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const item = await vault.resolve(ctx.positionals[0]!);
      await vault.remove(item.id);
      ctx.io.stderr.write(`removed ${item.id} (${item.name})\n`);
      return 0;
    }),
};
