import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/** A 127.0.0.1 port that nothing listens on: bound, then released, so connecting is refused. */
export async function unusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
