import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortedError, CofferError } from '../errors.js';
import type { MediaHandler } from './media-handler.js';

export interface LoopbackServerOptions {
  /** Usually the media handler; it sees `http://127.0.0.1:PORT/media/<token>` with the secret gone. */
  handler: MediaHandler;
  /** Port to listen on at 127.0.0.1; 0, the default, lets the system pick a free one. */
  port?: number;
  /** Told when the handler itself throws (it should answer with a status instead). Defaults to console.error. */
  onError?: (error: unknown) => void;
  /** Overrides of DEFAULT_LOOPBACK_LIMITS. */
  limits?: Partial<LoopbackLimits>;
}

/** How much of the server clients may hold, and for how long. Times are in milliseconds. */
export interface LoopbackLimits {
  /** Connections open at once, idle keep-alive ones included; one more is closed as soon as it is accepted. */
  maxConnections: number;
  /** Time a client has to send a request's headers, against clients that trickle them (slowloris). */
  headersTimeout: number;
  /**
   * Time a client has to send a whole request. Node stops timing a request once it is received, so
   * this never limits how long a response may stream.
   */
  requestTimeout: number;
  /**
   * Time a keep-alive connection may wait for its next request: what the server advertises. Node
   * closes it a second later, so a client that reuses it right at the deadline does not find it cut.
   */
  keepAliveTimeout: number;
  /**
   * Time a connection may pass without a byte moving either way, a response under way included: a
   * paused player stops reading, and its connection is closed (players reconnect with a Range request
   * when they resume). Every write that reaches the socket restarts the clock, so a response that
   * keeps moving, however slowly, is never cut. A write still pending when the time is up earns one
   * more period: a stalled response is cut after one to two periods.
   */
  idleTimeout: number;
}

/** Enough for a browser's six connections per host for several tabs, and a few players. */
export const DEFAULT_LOOPBACK_LIMITS: Readonly<LoopbackLimits> = {
  maxConnections: 32,
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  idleTimeout: 60_000,
};

/** A running loopback server. Its URLs are capabilities: anyone holding one can read the media. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, without the secret. */
  readonly origin: string;
  readonly port: number;
  /** `http://127.0.0.1:PORT/<runSecret>/media/<token>`. */
  mediaUrl(token: string): string;
  /** Stops listening and cuts open connections, keep-alive ones included; safe to call twice. */
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Serves `handler` over HTTP on 127.0.0.1 for `coffer serve`, so players outside the app (a browser
 * tab, mpv, VLC) can stream from the vault.
 *
 * Two checks run before the handler sees a request:
 * - The Host header must name a loopback authority with this server's port (`127.0.0.1:PORT`,
 *   `localhost:PORT` or `[::1]:PORT`), else 421. This defeats DNS rebinding, where a web page makes
 *   its own host name resolve to 127.0.0.1 to reach local servers.
 * - The first path segment must be this run's secret (32 random bytes, base64url), else 404. Other
 *   local users and processes, and pages that guess ports, cannot address any media.
 *
 * Responses are written with backpressure: the body is read only as fast as the socket drains.
 * When the client goes away, the response body is cancelled, which aborts the storage read behind it.
 * Connections are capped and timed out as `limits` says (DEFAULT_LOOPBACK_LIMITS otherwise); a cut
 * connection cancels its body the same way.
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const { handler } = options;
  const report = options.onError ?? ((error: unknown) => console.error('loopback media server:', error));
  const limits = checkedLimits(options.limits);
  const secret = randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret);
  let port = 0;
  let allowedHosts = new Set<string>();

  // Sockets buffer a megabyte before write() asks us to wait, so a 64 KiB chunk does not stall the
  // body on every write while the kernel's loopback buffers still have room.
  const server = createServer(
    {
      highWaterMark: 1024 * 1024,
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      // How often Node looks for requests past those two timeouts: the resolution they have.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeout),
    },
    (req, res) => {
      void serve(req, res).catch((error: unknown) => {
        report(error);
        res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  // With no 'timeout' listener, Node destroys a socket idle this long.
  server.setTimeout(limits.idleTimeout);

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return sendText(res, 421, 'misdirected request');
    }
    const path = pathAfterSecret(req.url ?? '', secretBytes);
    if (path === undefined) return sendText(res, 404, 'not found');

    let request: Request;
    try {
      // No abort signal on the request: a client that leaves is told to the handler only by
      // cancelling the response body, exactly as under Electron's protocol.handle, so tests through
      // this server prove the path the app depends on.
      request = new Request(`http://127.0.0.1:${port}${path}`, { method: req.method ?? 'GET', headers: webHeaders(req) });
    } catch {
      // Methods the fetch standard forbids (TRACE, TRACK) and header values it rejects.
      return sendText(res, 400, 'bad request');
    }

    let response: Response;
    try {
      response = await handler(request);
    } catch (error) {
      report(error);
      return sendText(res, 500, 'internal error');
    }
    await writeResponse(response, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new CofferError('INVALID_ARGUMENT', `cannot listen on 127.0.0.1:${options.port ?? 0} (${error.code})`, { cause: error }));
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // A Host header may omit the port only when it is the scheme's default.
  allowedHosts = new Set(LOOPBACK_NAMES.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`])));

  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    port,
    mediaUrl: (token) => `${origin}/${secret}/media/${token}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Without this, idle keep-alive sockets and streaming responses would hold close() open;
        // destroying them also cancels the bodies still streaming, so upstream reads stop.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The defaults with `overrides` applied (an undefined override keeps the default), once checked. */
function checkedLimits(overrides: Partial<LoopbackLimits> = {}): LoopbackLimits {
  const limits = { ...DEFAULT_LOOPBACK_LIMITS };
  for (const name of Object.keys(limits) as (keyof LoopbackLimits)[]) limits[name] = overrides[name] ?? limits[name];
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new CofferError('INVALID_ARGUMENT', `loopback server limit ${name} must be a positive whole number, not ${value}`);
    }
  }
  if (limits.headersTimeout > limits.requestTimeout) {
    throw new CofferError('INVALID_ARGUMENT', 'loopback server headersTimeout must not exceed requestTimeout');
  }
  return limits;
}

/** The request target with the run secret removed (`/media/...`), or undefined when the secret is wrong. */
function pathAfterSecret(target: string, secret: Buffer): string | undefined {
  // Origin-form only: an absolute-form target (`GET http://...`) names no secret of ours.
  if (!target.startsWith('/')) return undefined;
  const slash = target.indexOf('/', 1);
  const first = Buffer.from(slash < 0 ? target.slice(1) : target.slice(1, slash));
  // Constant-time comparison, so response timing says nothing about how much of a guess was right.
  if (first.length !== secret.length || !timingSafeEqual(first, secret)) return undefined;
  return slash < 0 ? '/' : target.slice(slash);
}

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  return headers;
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(message),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(message);
}

/**
 * Copies a web Response onto a Node response, reading the next chunk only once the socket has taken
 * the last one. A client that leaves cancels the body; a body that fails midway cuts the connection,
 * so the client sees a broken transfer rather than a short body that looks complete (the handler
 * has already reported the failure).
 */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => {
    // Cancelling a body that already finished or failed is a no-op; a rejection here is nobody's business.
    reader.cancel(new AbortedError('media response')).catch(() => {});
  };
  // Cancel as soon as the client leaves, even while a read from slow storage is still pending.
  res.once('close', cancel);
  try {
    while (!res.destroyed) {
      const { done, value } = await reader.read();
      if (done) {
        res.end();
        return;
      }
      if (!writeBatched(res, value)) await drainedOrClosed(res);
    }
  } catch {
    res.destroy();
    return;
  }
  // The client left, possibly before the listener above was attached.
  cancel();
}

/**
 * Writes `chunk` with the socket corked until the event loop's next turn, so the chunks a body yields
 * together (a decrypted segment often arrives as two) leave in one system call.
 */
function writeBatched(res: ServerResponse, chunk: Uint8Array): boolean {
  if (!res.writableCorked) {
    res.cork();
    setImmediate(() => res.uncork());
  }
  return res.write(chunk);
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    const settle = () => {
      res.off('drain', settle);
      res.off('close', settle);
      resolve();
    };
    res.on('drain', settle);
    res.on('close', settle);
  });
}
