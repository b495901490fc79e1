// Loopback host security: loopback bind, per-launch token, Origin and Host checks, UI-only surface.
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AerieError, type EngineClient } from '../../engine/api/index.js';
import { startLoopbackHost, type LoopbackHost } from '../../engine/host/server.js';
import { NodeWebSocketTransport, connectLoopback } from '../../engine/host/ws-transport.js';
import { startEngineWorker } from '../../engine/worker/worker-transport.js';
import { serve } from '../helpers/cli.js';
import { CALLER, tempDir } from '../helpers/tmp.js';

const t = tempDir();
let inner: EngineClient;
let host: LoopbackHost;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function wsStatus(query: string, headers: Record<string, string> = {}): Promise<string> {
  try {
    const tr = await NodeWebSocketTransport.connect(`ws://127.0.0.1:${host.port}/api${query}`, headers);
    await tr.close();
    return 'open';
  } catch (e) {
    return (e as Error).message;
  }
}

beforeAll(async () => {
  const ui = join(t.dir, 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Aerie</title>');
  writeFileSync(join(t.dir, 'secret.txt'), 'not for the browser');
  inner = (await startEngineWorker({ roots: [t.dir], caller: CALLER })).client;
  host = await startLoopbackHost({ client: inner, rendererDir: ui });
});
afterAll(async () => {
  await host.close();
  await inner.close();
  t.cleanup();
});

describe('loopback host', () => {
  it('listens on 127.0.0.1 only, on a random port, and prints a tokened URL', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (other) {
      const refused = await new Promise<boolean>((r) => {
        const s = connect({ host: other.address, port: host.port });
        s.once('connect', () => (s.destroy(), r(false)));
        s.once('error', () => r(true));
      });
      expect(refused, `reachable on ${other.address}`).toBe(true);
    }
    const a = await serve(['--root', t.dir]);
    const b = await serve(['--root', t.dir]);
    try {
      expect(new URL(a.url).hostname).toBe('127.0.0.1');
      expect(a.port).not.toBe(b.port);
      expect(new URL(a.url).hash).not.toBe(new URL(b.url).hash);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('refuses a missing or wrong token, a foreign Origin and a non-loopback Host', async () => {
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token')!;
    expect(await wsStatus('')).toMatch(/401/);
    expect(await wsStatus('?token=wrong')).toMatch(/401/);
    expect(await wsStatus(`?token=${token}x`)).toMatch(/401/);
    expect(await wsStatus(`?token=${token}`, { Origin: 'http://evil.example' })).toMatch(/403/);
    expect(await wsStatus(`?token=${token}`, { Origin: `http://127.0.0.1:${host.port + 1}` })).toMatch(/403/);
    expect(await wsStatus(`?token=${token}`, { Host: `evil.example:${host.port}` })).toMatch(/421/);
    expect(await wsStatus(`?token=${token}`, { Origin: `http://127.0.0.1:${host.port}` })).toBe('open');
    expect(await wsStatus(`?token=${token}`, { Origin: `http://localhost:${host.port}`, Host: `localhost:${host.port}` })).toBe('open');
  });

  it('serves the UI only to loopback Host headers, with a strict CSP, and nothing outside its folder', async () => {
    const ok = await get('/');
    expect(ok.status).toBe(200);
    expect(String(ok.headers['content-security-policy'])).toMatch(/default-src 'self'.*script-src 'self'/);
    expect((await get('/', { host: `attacker.example:${host.port}` })).status).toBe(421);
    const traversal = await get('/../secret.txt');
    expect(traversal.body).not.toContain('not for the browser');
    const encoded = await get('/%2e%2e/secret.txt');
    expect(encoded.body).not.toContain('not for the browser');
  });

  it('refuses host-only methods from the UI', async () => {
    const c = await connectLoopback(host.url);
    try {
      await c.call('app.allowPath', { path: '/' });
      throw new Error('expected refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(AerieError);
      expect((e as AerieError).code).toBe('UNAUTHORIZED');
    }
    expect((await c.call('app.status', {})).roots).not.toContain('/');
    await c.close();
  });
});
