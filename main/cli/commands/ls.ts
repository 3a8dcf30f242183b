import type { Command } from '../command.js';
import { formatBytes, formatLocalTime, formatTable } from '../human-format.js';
import { byAdded } from '../item-order.js';
import { withVault } from '../unlock.js';

export const lsCommand: Command = {
  name: 'ls',
  summary: 'list items: id, name, size, type, added',
  usage: 'coffer ls [--json]',
  help: `Lists the vault's items, oldest first, as a table: id, name, size, type and when it was added
(local time).

  --json    a JSON array instead, one object per item with id, name, size (bytes), type, added
            (ISO 8601) and compressed`,
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const items = (await vault.list()).sort(byAdded);
      if (ctx.flag('json')) {
        ctx.io.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        return 0;
      }
      const rows = items.map((item) => [item.id, item.name, formatBytes(item.size), item.type, formatLocalTime(item.added)]);
      ctx.io.stdout.write(`${formatTable([['ID', 'NAME', 'SIZE', 'TYPE', 'ADDED'], ...rows], new Set([2]))}\n`);
      return 0;
    }),
};
