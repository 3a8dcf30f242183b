import { finished, type Readable } from 'node:stream';
import { CofferError, isAbort, type ErrorCode } from '../errors.js';
import { activeContentHeaders, isPassiveMediaType } from './active-content.js';
import type { MediaResolver, MediaSource } from './media-source.js';
import { decideRange } from './range-header.js';

/** Web Request in, web Response out: the shape `protocol.handle` and the loopback server both take. */
export type MediaHandler = (request: Request) => Promise<Response>;

export interface MediaHandlerOptions {
  /** Maps the token in the URL to what to serve. */
  resolve: MediaResolver;
  /**
   * Told about failures worth a look: a resolver or source that failed, or a body that broke
   * mid-stream. Never told about aborts (a seek, a closed player), which are routine.
   * Defaults to console.error.
   */
  onError?: (error: unknown) => void;
}

// A media URL's token: base64url, bounded so a silly URL cannot make us carry a huge string around.
const MEDIA_PATH = /^\/media\/([A-Za-z0-9_-]{1,128})$/;

/**
 * The token in a media URL, or undefined when the URL is not one. Two forms are accepted:
 * `vault://media/<token>`, where a URL parser sees host `media` and path `/<token>` (whether or not
 * the scheme is registered as standard), and `http(s)://<authority>/media/<token>`, which is what the
 * loopback server hands over once it has checked and stripped its run secret.
 */
export function mediaTokenFromUrl(url: string): string | undefined {
  const parsed = new URL(url);
  const web = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  // Hosts of non-special schemes keep their case in WHATWG URL parsing; Chromium lowercases
  // standard schemes' hosts. Compare case-insensitively so both agree.
  const path = web ? parsed.pathname : `/${parsed.hostname.toLowerCase()}${parsed.pathname}`;
  return MEDIA_PATH.exec(path)?.[1];
}

/**
 * Builds the request handler behind `vault://media/<token>` and the loopback server.
 *
 * - GET without Range: 200 with the whole plaintext and Content-Length.
 * - GET with a satisfiable Range: 206, `Content-Range: bytes a-b/size`, Content-Length b−a+1 and a
 *   body of exactly those bytes. Exactness is not pedantry: for custom schemes Chromium ignores
 *   status and Content-Range and takes the body as the bytes from the offset it asked for, ending
 *   at that offset plus Content-Length (electron/electron#51442).
 * - GET with an unsatisfiable Range: 416, empty body, and a Content-Range in the unsatisfied form
 *   (`bytes *`, a slash, then the size).
 * - HEAD: the headers a GET without Range would get, no body; the source is not opened. Range is
 *   ignored, as RFC 9110 §14.2 requires for every method but GET.
 * - Other methods: 405 with `Allow: GET, HEAD`. Unknown or revoked tokens: 404.
 * - A resolver or `open` failure before any byte: a 5xx (or 404) with a short fixed message chosen
 *   by error code; error messages, which may name objects or paths, never reach the response.
 *
 * Every response carries `Accept-Ranges: bytes`, `Cache-Control: no-store` (decrypted bytes must not
 * land in a disk cache) and `X-Content-Type-Options: nosniff`. Content-Type is always the source's:
 * Electron would otherwise fall back to text/html. Only audio, video and raster images are served
 * inline; any other type (HTML, SVG, XML, PDF, text...) is active content and goes out as an
 * attachment under a script-less CSP sandbox, on every front end (see [Note: Active content]).
 *
 * The body is pulled from the source only as fast as it is read, and cancelling it aborts the
 * source's signal, so a seek stops the storage read it made obsolete.
 */
export function createMediaHandler(options: MediaHandlerOptions): MediaHandler {
  const { resolve } = options;
  const report = options.onError ?? ((error: unknown) => console.error('vault media request failed:', error));

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'method not allowed', { Allow: 'GET, HEAD' });
    }
    const token = mediaTokenFromUrl(request.url);
    let source: MediaSource | undefined;
    try {
      source = token === undefined ? undefined : await resolve(token);
    } catch (error) {
      return failureResponse(error, report);
    }
    if (source === undefined) return textResponse(404, 'not found');
    if (!source.contentType) {
      return failureResponse(new CofferError('INVALID_ARGUMENT', 'media source has no content type'), report);
    }

    const { size, contentType } = source;
    const headers = commonHeaders();
    headers.set('Content-Type', contentType);
    if (!isPassiveMediaType(contentType)) {
      for (const [name, value] of Object.entries(activeContentHeaders(source.name))) headers.set(name, value);
    }
    if (request.method === 'HEAD') {
      headers.set('Content-Length', String(size));
      return new Response(null, { status: 200, headers });
    }

    const range = decideRange(request.headers.get('range'), size);
    if (range.kind === 'unsatisfiable') {
      headers.set('Content-Range', `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    const { start, end } = range.kind === 'partial' ? range : { start: 0, end: size - 1 };
    const length = end - start + 1;
    headers.set('Content-Length', String(length));
    if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    const status = range.kind === 'partial' ? 206 : 200;
    if (length === 0) return new Response(null, { status, headers });

    // The request's own signal covers the window before a body exists (a client that leaves while
    // storage is still answering); after that, cancelling the body is what stops the read.
    const abort = new AbortController();
    const forwardAbort = () => abort.abort(request.signal.reason);
    request.signal.addEventListener('abort', forwardAbort, { once: true });
    if (request.signal.aborted) forwardAbort();
    const release = () => request.signal.removeEventListener('abort', forwardAbort);

    let upstream: Readable;
    try {
      upstream = await source.open(start, end, abort.signal);
    } catch (error) {
      release();
      return failureResponse(error, report);
    }
    return new Response(mediaBody(upstream, length, abort, report, release), { status, headers });
  };
}

/**
 * Chunks the body holds ahead of the consumer (each as the source produced it, up to a segment of
 * plaintext), so storage and decryption keep working while the player drains what it has; a cancel
 * discards at most this much.
 */
const READ_AHEAD = new CountQueuingStrategy({ highWaterMark: 8 });

/**
 * A web stream over the source's Node stream that yields exactly `length` bytes: a source that ends
 * early errors the body (a silently short body would shift every later byte Chromium reads), and
 * any surplus is dropped. The source flows while the body wants more and is paused when it has
 * enough. Chunks are enqueued as the source emits them, neither joined nor copied: decryption
 * already produced each in a fresh buffer (see MediaSource). Profiled under `npm run bench:play`,
 * copying them again took about a tenth of the process's busy time: `read()`, which async iteration
 * uses, joined whatever was buffered into a new buffer, and a defensive copy followed.
 */
function mediaBody(
  upstream: Readable,
  length: number,
  abort: AbortController,
  report: (error: unknown) => void,
  release: () => void,
): ReadableStream<Uint8Array> {
  let remaining = length;
  // Set once the body is closed, errored or cancelled; whatever the source does after that (an
  // abort, a premature close, a "socket hang up") is the echo of our own ending, not a failure.
  let over = false;
  const stop = () => {
    over = true;
    release();
    upstream.destroy();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: unknown) => {
        if (over) return;
        stop();
        if (!isAbort(error)) report(error);
        controller.error(error);
      };
      upstream.on('data', (chunk: unknown) => {
        if (over) return;
        if (!(chunk instanceof Uint8Array)) {
          return fail(new CofferError('INVALID_ARGUMENT', 'media source yielded something other than bytes'));
        }
        const bytes = chunk.subarray(0, remaining);
        remaining -= bytes.length;
        if (bytes.length > 0) controller.enqueue(bytes);
        if (remaining === 0) {
          stop();
          controller.close();
        } else if ((controller.desiredSize ?? 0) <= 0) {
          upstream.pause();
        }
      });
      finished(upstream, (error) => fail(error ?? new CofferError('CORRUPT_OBJECT', `media source ended ${remaining} bytes early`)));
    },
    pull() {
      upstream.resume();
    },
    cancel(reason) {
      abort.abort(reason);
      stop();
    },
  }, READ_AHEAD);
}

function commonHeaders(): Headers {
  return new Headers({
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

function textResponse(status: number, message: string, extra: Record<string, string> = {}): Response {
  const headers = commonHeaders();
  headers.set('Content-Type', 'text/plain; charset=utf-8');
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(message, { status, headers });
}

// Status and a fixed, non-secret message per error code. Storage trouble is 502: the failure is
// upstream of us, and a retry may work. Failed authentication is 500: the stored object is
// corrupt or tampered, and retrying will not help. A locked vault has revoked its tokens: 404.
const FAILURES: Partial<Record<ErrorCode, readonly [number, string]>> = {
  NOT_FOUND: [404, 'not found'],
  LOCKED: [404, 'not found'],
  STORE_UNAVAILABLE: [502, 'storage unreachable'],
  ACCESS_DENIED: [502, 'storage refused access'],
  CORRUPT_OBJECT: [500, 'stored data failed authentication'],
  KEY_MISMATCH: [500, 'stored data failed authentication'],
};

function failureResponse(error: unknown, report: (error: unknown) => void): Response {
  // An aborted request has nobody waiting for the answer; it is not a failure either.
  if (isAbort(error)) return textResponse(500, 'request cancelled');
  report(error);
  const [status, message] = (error instanceof CofferError && FAILURES[error.code]) || [500, 'internal error'];
  return textResponse(status, message);
}
