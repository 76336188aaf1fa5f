// Browser mode's guards: the token, Host and Origin checks, the CSP, and validation of every call.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResult } from '../../helper/protocol';
import { loadFixture } from '../fixtures/fixture';
import { canopyJson } from '../support/cli';
import { serve, type Served } from '../support/serve';

const fixture = loadFixture();
let served: Served;

beforeAll(async () => {
  served = await serve(fixture.sysroot);
});
afterAll(async () => {
  await served.stop();
});

const api = (method: string, init: { token?: string; headers?: Record<string, string>; body?: string } = {}) =>
  fetch(`${served.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }), ...init.headers },
    body: init.body ?? '{}',
  });

describe('canopy serve', () => {
  it('listens on loopback and serves the renderer with a strict CSP', async () => {
    expect(served.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(served.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(await page.text()).toContain('app.js');
    expect((await fetch(`${served.origin}/../package.json`)).status).toBe(404);
  });

  it('answers the API only with the token', async () => {
    expect((await api('status')).status).toBe(401);
    expect((await api('status', { token: 'wrong' })).status).toBe(401);
    const ok = await api('status', { token: served.token });
    expect(ok.status).toBe(200);
    const status = (await ok.json()) as StatusResult;
    expect(status.deployments).toEqual(canopyJson<{ deployments: unknown[] }>(['status', '--sysroot', fixture.sysroot]).deployments);
  });

  it('refuses other origins and hosts', async () => {
    expect((await api('status', { token: served.token, headers: { origin: 'http://evil.example' } })).status).toBe(403);
    // fetch sets Host itself; a DNS-rebinding page would reach the server under its own name.
    const { port } = new URL(served.origin);
    const rebound = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(421);
  });

  it('validates every call and answers bad ones with one line', async () => {
    const cases: [string, string, RegExp][] = [
      ['log', JSON.stringify({ rev: '../../etc/passwd' }), /rev: must be a checksum or a refspec/],
      ['pin', JSON.stringify({ index: 'x', pinned: true }), /index/],
      ['status', JSON.stringify({ sysroot: '/' }), /unrecognized|sysroot/i],
      ['nope', '{}', /unknown method nope/],
      ['status', 'not json', /not JSON/],
    ];
    for (const [method, body, message] of cases) {
      const response = await api(method, { token: served.token, body });
      expect(response.status).toBe(400);
      const error = (await response.json()) as { code: string; message: string };
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('\n');
    }
  });
});
