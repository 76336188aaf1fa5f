// Browser mode: the renderer and the app API over HTTP on loopback. A random token guards the API, and Host and
// Origin checks keep other sites (DNS rebinding, cross-site requests) out.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rendererDir } from '../paths';
import type { AppApi } from '../app/app-api';
import { isChangeCall } from '../../preload/api-contract';
import { EngineError } from '../services/engine-error';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

const STATIC_FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/styles.css': 'styles.css',
};
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const MAX_BODY_BYTES = 64 * 1024;
const NDJSON = 'application/x-ndjson';

export interface RunningServer {
  url: string;
  token: string;
  server: Server;
  close: () => Promise<void>;
}

function send(response: ServerResponse, status: number, body: string, type = 'application/json'): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  send(response, status, JSON.stringify({ code, message }));
}

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new EngineError('invalid-argument', 'request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A change answers as a stream of JSON lines: progress while it runs, then the result or the error. The status is
 * sent before the outcome is known, so the outcome is always in the last line.
 */
async function streamChange(response: ServerResponse, run: () => Promise<unknown>): Promise<void> {
  response.writeHead(200, { 'content-type': NDJSON, 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  try {
    response.end(`${JSON.stringify({ result: await run() })}\n`);
  } catch (error) {
    const code = error instanceof EngineError ? error.code : 'internal';
    response.end(`${JSON.stringify({ error: { code, message: error instanceof Error ? error.message : String(error) } })}\n`);
  }
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function startServer(api: AppApi, listen: { host: string; port: number }): Promise<RunningServer> {
  const token = randomBytes(24).toString('base64url');
  let allowedHosts: string[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const host = request.headers.host ?? '';
      if (!allowedHosts.includes(host)) {
        sendError(response, 421, 'invalid-argument', 'unexpected Host header');
        return;
      }
      const origin = request.headers.origin;
      if (origin !== undefined && !allowedHosts.some((allowed) => origin === `http://${allowed}`)) {
        sendError(response, 403, 'permission-denied', 'cross-origin requests are refused');
        return;
      }
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (request.method === 'GET' && STATIC_FILES[path]) {
        const file = STATIC_FILES[path];
        const body = await readFile(join(rendererDir(), file), 'utf8');
        send(response, 200, body, CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'text/plain');
        return;
      }
      if (!path.startsWith('/api/')) {
        sendError(response, 404, 'not-found', 'not found');
        return;
      }
      if (request.method !== 'POST') {
        sendError(response, 405, 'invalid-argument', 'the API takes POST only');
        return;
      }
      if (!tokenMatches(request.headers.authorization, token)) {
        sendError(response, 401, 'permission-denied', 'missing or wrong token');
        return;
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        sendError(response, 415, 'invalid-argument', 'the API takes application/json');
        return;
      }
      try {
        const body = await readBody(request);
        let params: unknown;
        try {
          params = body ? JSON.parse(body) : {};
        } catch {
          throw new EngineError('invalid-argument', 'the request body is not JSON');
        }
        const method = path.slice('/api/'.length);
        if (isChangeCall(method) && (request.headers.accept ?? '').includes(NDJSON)) {
          await streamChange(response, () =>
            api(method, params, (progress) => {
              response.write(`${JSON.stringify({ progress })}\n`);
            }),
          );
          return;
        }
        const result = await api(method, params);
        send(response, 200, JSON.stringify(result));
      } catch (error) {
        if (error instanceof EngineError) {
          const status = { 'invalid-argument': 400, 'permission-denied': 403, 'not-found': 404, busy: 409 }[error.code as string] ?? 500;
          sendError(response, status, error.code, error.message);
        } else sendError(response, 500, 'internal', error instanceof Error ? error.message : String(error));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const hostName = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  allowedHosts = [`${hostName}:${String(port)}`, `localhost:${String(port)}`];
  return {
    url: `http://${hostName}:${String(port)}/?token=${token}`,
    token,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
