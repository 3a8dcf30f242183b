import { once } from 'node:events';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UnderlyingSource } from 'node:stream/web';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CofferError } from '../../main/errors.js';
import { createMediaHandler } from '../../main/protocol/media-handler.js';
import type { MediaSource } from '../../main/protocol/media-source.js';
import { MediaTokens, tokenResolver } from '../../main/protocol/media-tokens.js';
import { startLoopbackServer, type LoopbackLimits, type LoopbackServer } from '../../main/protocol/loopback-server.js';
import { fileMediaSource, ReadMeter } from '../helpers/file-media-source.js';
import { patternBytes } from '../helpers/memory-media-source.js';

const SMALL = patternBytes(200_000);
const HUGE_SIZE = 2 ** 30;
const SANDBOX = "sandbox; default-src 'none'";
// Items served from the small file under other types, keyed by their type.
const ACTIVE_TYPES = ['text/html; charset=utf-8', 'image/svg+xml', 'application/xml', 'text/plain', 'application/pdf'];
const PASSIVE_TYPES = ['video/mp4', 'audio/mpeg', 'image/jpeg'];

let dir: string;
let smallPath: string;
let hugePath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'coffer-loopback-'));
  smallPath = join(dir, 'small.mp4');
  hugePath = join(dir, 'huge.mp4');
  await writeFile(smallPath, SMALL);
  // Sparse: a gigabyte to stream that costs no disk.
  await writeFile(hugePath, '');
  await truncate(hugePath, HUGE_SIZE);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let meter: ReadMeter;
let handlerErrors: unknown[];
let resolved: string[];
let server: LoopbackServer;
let tokens: MediaTokens;
/** Another server over the same items, with these limits; closed after the test. */
let startLimited: (limits: Partial<LoopbackLimits>) => Promise<LoopbackServer>;
let extraServers: LoopbackServer[] = [];

beforeEach(async () => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
  meter = new ReadMeter();
  handlerErrors = [];
  resolved = [];
  tokens = new MediaTokens();
  const sources: Record<string, MediaSource> = {
    small: await fileMediaSource(smallPath, 'video/mp4', meter),
    huge: await fileMediaSource(hugePath, 'video/mp4', meter),
  };
  for (const type of [...ACTIVE_TYPES, ...PASSIVE_TYPES]) sources[type] = await fileMediaSource(smallPath, type, meter);
  const resolveItem = tokenResolver(tokens, (itemId) => sources[itemId]);
  server = await startLoopbackServer({
    handler: createMediaHandler({
      resolve: (token) => {
        resolved.push(token);
        return resolveItem(token);
      },
      onError: (error) => handlerErrors.push(error),
    }),
  });
  startLimited = async (limits) => {
    const handler = createMediaHandler({ resolve: resolveItem, onError: (error) => handlerErrors.push(error) });
    const limited = await startLoopbackServer({ handler, limits });
    extraServers.push(limited);
    return limited;
  };
});

afterEach(async () => {
  await server.close();
  await Promise.all(extraServers.map((extra) => extra.close()));
  extraServers = [];
  await sleep(20);
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
  expect(handlerErrors).toEqual([]);
});

interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A plain node:http request, for what fetch will not send: a chosen Host header, odd methods, raw targets. */
async function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers, agent: false });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
}

/** The request target of a media URL: `/<secret>/media/<token>`. */
function targetOf(url: string): string {
  return new URL(url).pathname;
}

describe('loopback server', () => {
  it('listens on 127.0.0.1 and hands out http://127.0.0.1:PORT/<secret>/media/<token> URLs', () => {
    const token = tokens.issue('small');
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.mediaUrl(token)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/[A-Za-z0-9_-]{43}/media/${token}$`));
  });

  it('uses a new secret on every run', async () => {
    const other = await startLoopbackServer({ handler: createMediaHandler({ resolve: () => undefined }) });
    try {
      expect(targetOf(other.mediaUrl('t')).split('/')[1]).not.toBe(targetOf(server.mediaUrl('t')).split('/')[1]);
    } finally {
      await other.close();
    }
  });

  it('listens on the port it is given', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const fixed = await startLoopbackServer({ handler: createMediaHandler({ resolve: () => undefined }), port });
    try {
      expect(fixed.port).toBe(port);
    } finally {
      await fixed.close();
    }
  });

  it('fails to start with INVALID_ARGUMENT when the port is taken', async () => {
    const attempt = startLoopbackServer({ handler: createMediaHandler({ resolve: () => undefined }), port: server.port });
    await expect(attempt).rejects.toBeInstanceOf(CofferError);
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('serves a Range request with 206, Content-Range and exactly those bytes', async () => {
    const response = await fetch(server.mediaUrl(tokens.issue('small')), { headers: { Range: 'bytes=1000-1999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 1000-1999/200000');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(SMALL.subarray(1000, 2000));
  });

  it('serves a full GET with Content-Length, a HEAD without a body, and a 416 for a range past the end', async () => {
    const url = server.mediaUrl(tokens.issue('small'));
    const full = await fetch(url);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-length')).toBe('200000');
    expect(Buffer.from(await full.arrayBuffer()).equals(SMALL)).toBe(true);

    const head = await raw(targetOf(url), { Host: `127.0.0.1:${server.port}` }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('200000');
    expect(head.body.length).toBe(0);

    const past = await fetch(url, { headers: { Range: 'bytes=200000-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */200000');
    expect((await past.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 404 to a wrong, missing or misplaced secret, without consulting the resolver', async () => {
    const token = tokens.issue('small');
    const target = targetOf(server.mediaUrl(token));
    const secret = target.split('/')[1] as string;
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const host = { Host: `127.0.0.1:${server.port}` };
    for (const path of [
      `/${wrong}/media/${token}`,
      `/media/${token}`,
      `/${secret.slice(0, 20)}/media/${token}`,
      `/x${secret}/media/${token}`,
      `/${secret}`,
      `http://127.0.0.1:${server.port}${target}`,
      '*',
    ]) {
      const response = await raw(path, host);
      expect(response.status, path).toBe(404);
    }
    expect(resolved).toEqual([]);
  });

  it('answers 404 to an unknown token behind the right secret', async () => {
    const secret = targetOf(server.mediaUrl('x')).split('/')[1] as string;
    expect((await fetch(`${server.origin}/${secret}/media/not-a-token`)).status).toBe(404);
  });

  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example:PORT', '127.0.0.2:PORT'])(
    'refuses Host %j with 421 before looking at the path (DNS rebinding)',
    async (host) => {
      const response = await raw(targetOf(server.mediaUrl(tokens.issue('small'))), { Host: host.replace('PORT', String(server.port)) });
      expect(response.status).toBe(421);
      expect(resolved).toEqual([]);
    },
  );

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT'])('accepts Host %j', async (host) => {
    const response = await raw(targetOf(server.mediaUrl(tokens.issue('small'))), {
      Host: host.replace('PORT', String(server.port)),
      Range: 'bytes=0-9',
    });
    expect(response.status).toBe(206);
    expect(response.body).toEqual(Buffer.from(SMALL.subarray(0, 10)));
  });

  it('answers methods the fetch standard cannot express with 400, and others the handler rejects with 405', async () => {
    const target = targetOf(server.mediaUrl(tokens.issue('small')));
    const host = { Host: `127.0.0.1:${server.port}` };
    expect((await raw(target, host, 'TRACE')).status).toBe(400);
    const post = await raw(target, host, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers 500 when the handler itself throws, and reports it', async () => {
    const onError = vi.fn();
    const failing = await startLoopbackServer({ handler: () => Promise.reject(new Error('bug')), onError });
    try {
      const response = await fetch(failing.mediaUrl('t'));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('internal error');
      expect(onError).toHaveBeenCalledOnce();
    } finally {
      await failing.close();
    }
  });

  it('reads storage only as fast as the client reads the socket', async () => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path: targetOf(server.mediaUrl(tokens.issue('huge'))), agent: false });
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    res.pause();
    await sleep(500);
    // Socket buffers on both ends hold a few MiB; without backpressure this would be most of 1 GiB.
    expect(meter.bytesRead).toBeLessThan(64 * 2 ** 20);
    expect(meter.bytesRead).toBeGreaterThan(0);
    req.destroy();
    await vi.waitFor(() => expect(meter.openReads).toBe(0));
  });

  it('aborts the storage read when the client disconnects mid-body', async () => {
    const client = new AbortController();
    const response = await fetch(server.mediaUrl(tokens.issue('huge')), { signal: client.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).value?.length).toBeGreaterThan(0);
    client.abort();
    await vi.waitFor(() => {
      expect(meter.aborted).toBe(1);
      expect(meter.openReads).toBe(0);
    });
    expect(meter.bytesRead).toBeLessThan(HUGE_SIZE / 8);
  });

  describe('cancels the response body when the client leaves', () => {
    /** A server whose handler answers with `body` once `beforeBody` settles. */
    async function serverWithBody(body: UnderlyingSource<Uint8Array>, beforeBody = () => Promise.resolve()) {
      return startLoopbackServer({
        handler: async () => {
          await beforeBody();
          return new Response(new ReadableStream<Uint8Array>(body));
        },
      });
    }

    it('while the next chunk is still on its way from storage', async () => {
      const cancel = vi.fn();
      let pulls = 0;
      const stalling = await serverWithBody({
        // The first chunk arrives, then storage never answers again.
        pull: (controller) => (pulls++ === 0 ? controller.enqueue(new Uint8Array(1000)) : new Promise(() => {})),
        cancel,
      });
      try {
        const client = new AbortController();
        const response = await fetch(stalling.mediaUrl('t'), { signal: client.signal });
        await (response.body as ReadableStream<Uint8Array>).getReader().read();
        client.abort();
        await vi.waitFor(() => expect(cancel).toHaveBeenCalledOnce());
      } finally {
        await stalling.close();
      }
    });

    it('when the client left before the body existed', async () => {
      const cancel = vi.fn();
      let openGate = () => {};
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const slow = await serverWithBody({ pull: (controller) => controller.enqueue(new Uint8Array(1000)), cancel }, () => gate);
      try {
        const client = new AbortController();
        const pending = fetch(slow.mediaUrl('t'), { signal: client.signal }).catch(() => undefined);
        await sleep(50);
        client.abort();
        await pending;
        await sleep(50);
        openGate();
        await vi.waitFor(() => expect(cancel).toHaveBeenCalledOnce());
      } finally {
        await slow.close();
      }
    });
  });

  it('closes promptly with a keep-alive connection idle and a response still streaming, releasing its storage read', { timeout: 5_000 }, async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      const url = server.mediaUrl(tokens.issue('small'));
      const idle = httpRequest(url, { agent, headers: { Range: 'bytes=0-9' } });
      idle.end();
      const [idleRes] = (await once(idle, 'response')) as [IncomingMessage];
      idleRes.resume();
      await once(idleRes, 'end');

      const streaming = httpRequest(server.mediaUrl(tokens.issue('huge')), { agent });
      streaming.on('error', () => {}); // The cut connection is the point of this test.
      streaming.end();
      const [streamingRes] = (await once(streaming, 'response')) as [IncomingMessage];
      streamingRes.on('error', () => {});
      streamingRes.pause();
      expect(meter.openReads).toBe(1);

      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(1000);
      await vi.waitFor(() => expect(meter.openReads).toBe(0));
      await server.close(); // Idempotent: afterEach closes again.
    } finally {
      agent.destroy();
    }
  });
});

describe('loopback server: active content', () => {
  it.each(ACTIVE_TYPES)('serves a %s item as an attachment under a script-less sandbox, with nosniff', async (type) => {
    const response = await fetch(server.mediaUrl(tokens.issue(type)));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(SANDBOX);
    expect(response.headers.get('content-disposition')).toBe('attachment');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(SMALL)).toBe(true);
  });

  it.each(PASSIVE_TYPES)('serves a %s item inline, with nosniff', async (type) => {
    const response = await fetch(server.mediaUrl(tokens.issue(type)), { headers: { Range: 'bytes=0-99' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await response.arrayBuffer();
  });

  it('sends nosniff on its own answers too (421, 404)', async () => {
    const target = targetOf(server.mediaUrl(tokens.issue('small')));
    expect((await raw(target, { Host: 'evil.example' })).headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('/nope', { Host: `127.0.0.1:${server.port}` })).headers['x-content-type-options']).toBe('nosniff');
  });
});

interface AgentResponse {
  status: number;
  body: Buffer;
  /** Whether the request went over a connection the agent already had. */
  reused: boolean;
}

/** A GET through `agent`, read to the end. */
async function getThrough(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<AgentResponse> {
  const req = httpRequest(url, { agent, headers });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, body: Buffer.concat(chunks), reused: req.reusedSocket };
}

/** A raw TCP connection to `port`, once connected. */
async function connectTo(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** Milliseconds from `started` until `socket` closes; fails once `limit` ms have passed. */
async function msUntilClosed(socket: Socket, started: number, limit = 5_000): Promise<number> {
  socket.on('error', () => {}); // A reset is a close too.
  const giveUp = new AbortController();
  const tooLate = sleep(limit, undefined, { signal: giveUp.signal }).then(() => Promise.reject(new Error(`still open after ${limit} ms`)));
  try {
    if (!socket.closed) await Promise.race([once(socket, 'close'), tooLate]);
  } finally {
    giveUp.abort();
    tooLate.catch(() => {});
  }
  return Date.now() - started;
}

describe('loopback server: limits', () => {
  it('closes a connection beyond maxConnections at once, while the connections it holds keep working', async () => {
    const limited = await startLimited({ maxConnections: 3 });
    const url = limited.mediaUrl(tokens.issue('small'));
    const range = { Range: 'bytes=0-9' };
    const agents = [0, 1, 2].map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
    const extra = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const agent of agents) expect(await getThrough(agent, url, range)).toMatchObject({ status: 206, reused: false });
      await expect(getThrough(extra, url, range)).rejects.toMatchObject({ code: 'ECONNRESET' });
      for (const agent of agents) {
        expect(await getThrough(agent, url, range)).toEqual({ status: 206, reused: true, body: Buffer.from(SMALL.subarray(0, 10)) });
      }
      // A connection that leaves makes room for another.
      (agents[0] as Agent).destroy();
      await vi.waitFor(async () => expect((await getThrough(extra, url, range)).status).toBe(206));
    } finally {
      for (const agent of [...agents, extra]) agent.destroy();
    }
  });

  it('allows 32 connections at once by default', async () => {
    const url = server.mediaUrl(tokens.issue('small'));
    const agents = Array.from({ length: 33 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    try {
      const results = await Promise.allSettled(agents.map((agent) => getThrough(agent, url, { Range: 'bytes=0-9' })));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(32);
      expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    } finally {
      for (const agent of agents) agent.destroy();
    }
  });

  it('closes a connection that sends nothing once the idle timeout passes', async () => {
    const limited = await startLimited({ idleTimeout: 300 });
    const started = Date.now();
    const elapsed = await msUntilClosed(await connectTo(limited.port), started);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('cuts a response whose client stopped reading once the idle timeout passes (a paused player), releasing its storage read', async () => {
    const limited = await startLimited({ idleTimeout: 300 });
    const started = Date.now();
    const req = httpRequest(limited.mediaUrl(tokens.issue('huge')), { agent: false });
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    res.pause();
    expect(meter.openReads).toBe(1);
    // Node lets a socket whose write is still pending at the first expiry wait one more period.
    await vi.waitFor(() => expect(meter.openReads).toBe(0), { timeout: 2_000, interval: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // A paused client learns of the cut when it reads on.
    await expect(finished(res.resume())).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(res.complete).toBe(false);
  });

  it('closes a keep-alive connection once keepAliveTimeout passes after its last response', async () => {
    const limited = await startLimited({ keepAliveTimeout: 300 });
    const socket = await connectTo(limited.port);
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    const target = targetOf(limited.mediaUrl(tokens.issue('small')));
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\nRange: bytes=0-9\r\n\r\n`);
    // The whole response: its headers, then the ten bytes asked for.
    await vi.waitFor(() => expect(received.length - received.indexOf('\r\n\r\n') - 4).toBe(10));
    expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 206 /);
    const elapsed = await msUntilClosed(socket, Date.now());
    expect(elapsed).toBeGreaterThanOrEqual(250);
    // Node closes a second after the timeout it advertises, so a client reusing the connection
    // right at the deadline does not find it cut.
    expect(elapsed).toBeLessThan(2_500);
  });

  it('answers a client that trickles its headers past headersTimeout with 408 and closes, although it is never idle', async () => {
    const limited = await startLimited({ headersTimeout: 300, idleTimeout: 10_000 });
    const socket = await connectTo(limited.port);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const started = Date.now();
    socket.write(`GET ${targetOf(limited.mediaUrl(tokens.issue('small')))} HTTP/1.1\r\nHost: 127.0.0.1:${limited.port}\r\n`);
    const trickle = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 50);
    try {
      const elapsed = await msUntilClosed(socket, started);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(2_500);
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('completes a slow but steady download that streams for many times every timeout', { timeout: 20_000 }, async () => {
    const limited = await startLimited({ headersTimeout: 200, requestTimeout: 200, keepAliveTimeout: 200, idleTimeout: 300 });
    // Far more than socket buffers hold, so the server writes only as fast as the client reads.
    const length = 64 * 2 ** 20;
    const bytesPerSecond = 24 * 2 ** 20;
    const started = Date.now();
    let readsOpenLate: number | undefined;
    const sample = setTimeout(() => (readsOpenLate = meter.openReads), 1_500);
    const req = httpRequest(limited.mediaUrl(tokens.issue('huge')), { agent: false, headers: { Range: `bytes=0-${length - 1}` } });
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    let received = 0;
    for await (const chunk of res) {
      received += (chunk as Buffer).length;
      const due = started + (received / bytesPerSecond) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    clearTimeout(sample);
    expect(res.complete).toBe(true);
    expect(received).toBe(length);
    // Still reading storage five idle timeouts in: the server was streaming, not done and waiting.
    expect(readsOpenLate).toBe(1);
  });

  it.each([
    [{ maxConnections: 0 }, 'loopback server limit maxConnections must be a positive whole number, not 0'],
    [{ idleTimeout: 1.5 }, 'loopback server limit idleTimeout must be a positive whole number, not 1.5'],
    [{ headersTimeout: 40_000 }, 'loopback server headersTimeout must not exceed requestTimeout'],
  ])('refuses limits %j with INVALID_ARGUMENT', async (limits, message) => {
    await expect(startLimited(limits)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message });
  });
});
