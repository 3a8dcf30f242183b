import { anomalyNotice } from '../anomaly-report.js';
import type { Command } from '../command.js';
import { formatBytes, formatLocalTime, formatTable } from '../human-format.js';
import { byAdded } from '../item-order.js';
import { withVault } from '../unlock.js';

export const lsCommand: Command = {
  name: 'ls',
  summary: 'list items: id, name, size, type, added, folder',
  usage: 'coffer ls [--json]',
  help: `Lists the vault's items, oldest first, as a table: id, name, size, type, when it was added
(local time), and the folder it was put from ('coffer put FOLDER'; blank for a file put on its own).
When this device has noticed items that vanished or were rolled back behind Coffer's back (see
coffer verify --help), one line on stderr says so; the exit code stays 0.

  --json    a JSON array instead, one object per item with id, name, size (bytes), type, added
            (ISO 8601), compressed, and folder ('/'-separated, '' for none)`,
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const items = (await vault.list()).sort(byAdded);
      const anomalies = await vault.anomalies();
      if (anomalies.length > 0) ctx.io.stderr.write(anomalyNotice(anomalies.length, "run 'coffer verify' for the list"));
      if (ctx.flag('json')) {
        ctx.io.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        return 0;
      }
      // The folder last: a file put on its own leaves it blank, and the columns before it stay where they were.
      const rows = items.map((item) => [item.id, item.name, formatBytes(item.size), item.type, formatLocalTime(item.added), item.folder]);
      ctx.io.stdout.write(`${formatTable([['ID', 'NAME', 'SIZE', 'TYPE', 'ADDED', 'FOLDER'], ...rows], new Set([2]))}\n`);
      return 0;
    }),
};
