import { once } from 'node:events';
import { startLoopbackServer } from '../../protocol/loopback-server.js';
import { createMediaHandler } from '../../protocol/media-handler.js';
import { MediaTokens, tokenResolver } from '../../protocol/media-tokens.js';
import { vaultMediaSource } from '../../protocol/vault-media-source.js';
import type { Command } from '../command.js';
import { byAdded } from '../item-order.js';
import { UsageError } from '../usage-error.js';
import { withVault } from '../unlock.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'stream items over HTTP on 127.0.0.1, for a player or a browser',
  usage: 'coffer serve [--port N] [--item <id|name>]',
  help: `Serves the vault's items (or only --item's) over HTTP on 127.0.0.1, decrypting on the fly with
Range support, so mpv, VLC or a browser can play and seek. Prints one line per item on stdout: its
URL, a tab, its name. Runs until Ctrl-C or SIGTERM, then closes every connection and exits 0.

The URLs are capabilities: they hold a random secret for this run and a random token per item, and
anyone on this computer who has one can read that item until serve stops. Items are the ones listed
at start; an item removed meanwhile answers 404.

  --port N          listen on port N (default: a free port chosen by the system)
  --item <id|name>  serve only this item`,
  options: { port: { type: 'string' }, item: { type: 'string' } },
  cancellable: true,
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { io } = ctx;
    const port = parsePort(ctx.string('port'), ctx.usage);
    return withVault(ctx, async (vault) => {
      const only = ctx.string('item');
      const items = only === undefined ? (await vault.list()).sort(byAdded) : [await vault.resolve(only)];
      if (items.length === 0) {
        io.stderr.write('the vault is empty: nothing to serve\n');
        return 0;
      }
      const report = (error: unknown) => io.stderr.write(`coffer serve: ${error instanceof Error ? error.message : String(error)}\n`);
      const tokens = new MediaTokens();
      const server = await startLoopbackServer({
        handler: createMediaHandler({ resolve: tokenResolver(tokens, (id) => vaultMediaSource(vault, id)), onError: report }),
        port,
        onError: report,
      });
      try {
        for (const item of items) io.stdout.write(`${server.mediaUrl(tokens.issue(item.id))}\t${item.name}\n`);
        io.stderr.write(`serving ${items.length} item${items.length === 1 ? '' : 's'} on ${server.origin}; Ctrl-C to stop\n`);
        if (!io.signal.aborted) await once(io.signal, 'abort');
      } finally {
        await server.close();
        tokens.revokeAll();
      }
      return 0;
    });
  },
};

function parsePort(text: string | undefined, usage: string): number | undefined {
  if (text === undefined) return undefined;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535)) throw new UsageError(`invalid --port "${text}": use 0 to 65535`, usage);
  return port;
}
