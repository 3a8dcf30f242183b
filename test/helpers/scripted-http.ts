import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

export interface ScriptedEndpoint {
  endpoint: string;
  /** `METHOD /path?query` of every request received, in order. */
  log: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 whose answers the test scripts. For behaviour no emulator shows
 * (refused signatures, failing services, requests that hang); it fakes the service, never the SDK.
 */
export async function startScriptedEndpoint(handler: ScriptedHandler): Promise<ScriptedEndpoint> {
  const log: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://scripted');
    log.push(`${request.method} ${url.pathname}${url.search}`);
    Promise.resolve(handler(request, response, url)).catch((error: unknown) => {
      response.statusCode = 599;
      response.end(String(error));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    log,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** An S3 error response as the service sends it. */
export function sendS3Error(response: ServerResponse, status: number, code: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

/** Reads and discards a request body. */
export async function drain(request: IncomingMessage): Promise<void> {
  request.resume();
  await once(request, 'end');
}
