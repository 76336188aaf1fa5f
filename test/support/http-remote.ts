// Serves an OSTree repository over HTTP on loopback, slowed down so that a pull takes long enough to interrupt.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HttpRemote {
  url: string;
  /** Settles when the first request comes in: a client has really started fetching. */
  firstRequest: Promise<void>;
  close: () => Promise<void>;
}

export async function serveRepo(repo: string, delayMs: number): Promise<HttpRemote> {
  let requested = (): void => undefined;
  const firstRequest = new Promise<void>((resolve) => {
    requested = resolve;
  });
  const server: Server = createServer((request, response) => {
    requested();
    void (async () => {
      await sleep(delayMs);
      const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
      const file = join(repo, path);
      try {
        if (!file.startsWith(repo) || !statSync(file).isFile()) throw new Error('not a file');
        response.writeHead(200, { 'content-length': statSync(file).size });
        createReadStream(file).pipe(response);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    firstRequest,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
