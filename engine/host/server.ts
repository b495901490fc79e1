// The loopback host: the built renderer over HTTP and the engine API over a WebSocket, on
// 127.0.0.1 only. Every WebSocket needs the per-launch token; Host and Origin are checked.
// No client can take the host down: every server, socket and WebSocket has an error handler, and a
// client that sends malformed HTTP or WebSocket frames is disconnected (the others carry on).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineClient } from '../api/client.js';
import { toWireError, AerieError } from '../api/errors.js';
import { events } from '../api/events.js';
import { isMethodName, methods } from '../api/methods.js';
import { isRequestEnvelope, type EventEnvelope, type ResponseEnvelope } from '../api/protocol.js';
import { contentSecurityPolicy, hostOk, newToken, originOk, tokenOk } from './security.js';
import { serveStatic } from './static.js';

export interface LoopbackOptions {
  client: EngineClient;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface LoopbackHost {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

/** Largest WebSocket message accepted (every API request is far smaller); a larger one closes the connection (1009). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

function refuse(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

/** Malformed HTTP (before any upgrade): answer 400 where the socket still can, then drop it. */
function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startLoopbackHost(opts: LoopbackOptions): Promise<LoopbackHost> {
  const token = opts.token ?? newToken();
  const sockets = new Set<WebSocket>();
  let port = 0;

  const server = createServer((req, res) => {
    if (!hostOk(req, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request: use http://127.0.0.1');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(opts.rendererDir, req.url ?? '/', res, {
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': 'no-store',
    });
  });

  server.on('clientError', onClientError);
  // After listen (a failed listen rejects below): e.g. EMFILE on accept. Keep serving the others.
  const onServerError = (e: Error) => process.stderr.write(`aerie: loopback host: ${e.message}\n`);

  // No permessage-deflate: a small compressed frame cannot then inflate into a huge message.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  wss.on('error', onServerError);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own socket error handler on upgrade: a reset here would otherwise crash the host.
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return refuse(socket, 400, 'Bad Request');
    }
    if (url.pathname !== '/api') return refuse(socket, 404, 'Not Found');
    if (!hostOk(req, port)) return refuse(socket, 421, 'Misdirected Request');
    if (!originOk(req, port)) return refuse(socket, 403, 'Forbidden');
    if (!tokenOk(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // A protocol error (bad frame, invalid UTF-8, unmasked, oversized, reserved bits or opcodes):
      // ws has queued a close frame; drop the connection now rather than wait 30 s for the reply.
      ws.on('error', () => ws.terminate());
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void answer(ws, data.toString()));
    });
  });

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return; // not a request: ignore rather than guess an id
    }
    if (!isRequestEnvelope(msg)) return;
    let res: ResponseEnvelope;
    try {
      if (isMethodName(msg.method) && methods[msg.method].hostOnly) {
        throw new AerieError('UNAUTHORIZED', `${msg.method} is not available to the UI.`);
      }
      const result = await opts.client.call(msg.method as never, msg.params as never, { timeoutMs: 0 });
      res = { t: 'res', id: msg.id, ok: true, result };
    } catch (e) {
      res = { t: 'res', id: msg.id, ok: false, error: toWireError(e) };
    }
    send(ws, JSON.stringify(res));
  }

  function send(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(text, (e) => {
      if (e) ws.terminate();
    });
  }

  const unsubscribe = (Object.keys(events) as (keyof typeof events)[]).map((name) =>
    opts.client.on(name, (data) => {
      const text = JSON.stringify({ t: 'evt', event: name, data } satisfies EventEnvelope);
      for (const ws of sockets) send(ws, text);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', onServerError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe.forEach((u) => u());
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
