import { once } from 'node:events';
import { DEFAULT_LOOPBACK_LIMITS, startLoopbackServer } from '../../protocol/loopback-server.js';
import { createMediaHandler } from '../../protocol/media-handler.js';
import { MediaTokens, tokenResolver } from '../../protocol/media-tokens.js';
import { vaultMediaSource } from '../../protocol/vault-media-source.js';
import type { Command } from '../command.js';
import { byAdded } from '../item-order.js';
import { UsageError } from '../usage-error.js';
import { withVault } from '../unlock.js';

const { maxConnections: MAX_CONNECTIONS, headersTimeout, requestTimeout, idleTimeout, keepAliveTimeout } = DEFAULT_LOOPBACK_LIMITS;
// Each connection holds a file descriptor, and 1024 is a common per-process limit.
const MAX_CONNECTIONS_CEILING = 1000;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'stream items over HTTP on 127.0.0.1, for a player or a browser',
  usage: 'coffer serve [--port N] [--max-connections N] [--item <id|name>]',
  help: `Serves the vault's items (or only --item's) over HTTP on 127.0.0.1, decrypting on the fly with
Range support, so mpv, VLC or a browser can play and seek. Prints one line per item on stdout: its
URL, a tab, its name. Runs until Ctrl-C or SIGTERM, then closes every connection and exits 0.

The URLs are capabilities: they hold a random secret for this run and a random token per item, and
anyone on this computer who has one can read that item until serve stops. Items are the ones listed
at start; an item removed meanwhile answers 404.

Audio, video and raster images (JPEG, PNG, GIF, WebP, AVIF...) are served for players to show. Any
other item (HTML, SVG, XML, PDF, text...) is served as a download, under a Content-Security-Policy
sandbox that runs no script: a page from the vault must not run at this server's address, which
holds the secret.

At most ${MAX_CONNECTIONS} connections are served at once; one more is closed as soon as it arrives. A client
has ${seconds(headersTimeout)} to send a request's headers and ${seconds(requestTimeout)} for the whole request. A connection on which
nothing moves for ${seconds(idleTimeout)} is closed (a response stuck on a client that stopped reading, within twice
that): a paused player's too, and players reconnect when they resume. A response that keeps moving,
however slowly, is never cut. A keep-alive connection waits ${seconds(keepAliveTimeout)} for its next request.

  --port N             listen on port N (default: a free port chosen by the system)
  --max-connections N  serve at most N connections at once, 1 to ${MAX_CONNECTIONS_CEILING} (default ${MAX_CONNECTIONS})
  --item <id|name>     serve only this item`,
  options: { port: { type: 'string' }, 'max-connections': { type: 'string' }, item: { type: 'string' } },
  cancellable: true,
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { io } = ctx;
    const port = parsePort(ctx.string('port'), ctx.usage);
    const maxConnections = parseMaxConnections(ctx.string('max-connections'), ctx.usage);
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
        limits: { maxConnections },
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

function parseMaxConnections(text: string | undefined, usage: string): number | undefined {
  if (text === undefined) return undefined;
  const count = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(count >= 1 && count <= MAX_CONNECTIONS_CEILING)) {
    throw new UsageError(`invalid --max-connections "${text}": use 1 to ${MAX_CONNECTIONS_CEILING}`, usage);
  }
  return count;
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
