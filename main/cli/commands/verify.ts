import type { ErrorCode } from '../../errors.js';
import { anomalyLine, anomalyNotice } from '../anomaly-report.js';
import type { Command } from '../command.js';
import { exitCodeFor } from '../exit-codes.js';
import { withVault } from '../unlock.js';
import { UsageError } from '../usage-error.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'read and authenticate every chunk of every item, or of one',
  usage: 'coffer verify [id|name] [--acknowledge]',
  help: `Reads every item (or just the one named), authenticating each chunk, and prints one line per
item on stdout: "ok", or "FAILED" with the error, which names the first chunk that failed, or the
bytes by which the stored object is longer or shorter than its metadata says. Items whose metadata
cannot be opened are reported too. Changes no item (opening the vault removes old leftovers of
interrupted uploads, as every open does).

Checking the whole vault also lists, one line each, what this device noticed since it last looked
and nobody has acknowledged: "VANISHED", an item whose metadata was deleted without Coffer's
tombstone (a deletion through Coffer on any device is not reported), and "ROLLBACK", an item whose
metadata went back to an older revision. Each device keeps its own sealed record of what it saw, in
the cache folder (see coffer --help); a device's first open records and reports nothing.

  --acknowledge   print those reports and clear them, reading no item; what the vault holds now
                  becomes what this device has seen

Exits 0 when everything verified, otherwise with the exit code of the first failure (6 for
tampered or corrupt content, and for any report of a vanished or rolled-back item).`,
  options: { acknowledge: { type: 'boolean' } },
  positionals: { min: 0, max: 1 },
  run: (ctx) =>
    withVault(ctx, async (vault) => {
      const { stdout, stderr } = ctx.io;
      const ref = ctx.positionals[0];
      if (ctx.flag('acknowledge')) {
        if (ref !== undefined) throw new UsageError('--acknowledge takes no item: the reports are about the whole vault', ctx.usage);
        const cleared = await vault.acknowledgeAnomalies();
        cleared.forEach((anomaly) => stdout.write(anomalyLine(anomaly)));
        stderr.write(`${cleared.length} report${cleared.length === 1 ? '' : 's'} acknowledged\n`);
        return 0;
      }
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
      const anomalies = ref === undefined ? await vault.anomalies() : [];
      anomalies.forEach((anomaly) => stdout.write(anomalyLine(anomaly)));
      const failed = results.filter((r) => !r.ok).length;
      if (failed === 0) stderr.write(`${results.length} item${results.length === 1 ? '' : 's'} verified\n`);
      else stderr.write(`coffer: ${failed} of ${results.length} items failed verification\n`);
      if (anomalies.length > 0) stderr.write(anomalyNotice(anomalies.length, "'coffer verify --acknowledge' clears the reports"));
      if (failed === 0 && anomalies.length === 0) return 0;
      return exitCodeFor(firstFailure ?? 'CORRUPT_OBJECT');
    }),
};
