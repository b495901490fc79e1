// Node-side WebSocket transport to a loopback host (contract tests, benchmarks, scripts).
import WebSocket from 'ws';
import { EngineClient, type Transport } from '../api/client.js';
import type { RequestEnvelope, ServerMessage } from '../api/protocol.js';

export class NodeWebSocketTransport implements Transport {
  private handler: (msg: ServerMessage) => void = () => {};
  private closeHandler: (reason: string) => void = () => {};

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(data.toString()) as ServerMessage;
      } catch {
        return; // not an envelope: nothing to route it to
      }
      this.handler(msg);
    });
    // A broken connection ends in 'close' (which fails the pending calls); without this the error would crash the process.
    ws.on('error', () => ws.terminate());
    ws.on('close', (code) => this.closeHandler(`WebSocket closed (${code})`));
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<NodeWebSocketTransport> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new NodeWebSocketTransport(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(msg: RequestEnvelope): void {
    this.ws.send(JSON.stringify(msg));
  }

  onMessage(handler: (msg: ServerMessage) => void): void {
    this.handler = handler;
  }

  onClose(handler: (reason: string) => void): void {
    this.closeHandler = handler;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((r) => {
      this.ws.once('close', () => r());
      this.ws.close();
    });
  }
}

/** Connect to `http://127.0.0.1:PORT/#token=T` (the URL `aerie serve` prints). */
export async function connectLoopback(pageUrl: string): Promise<EngineClient> {
  const u = new URL(pageUrl);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  const transport = await NodeWebSocketTransport.connect(`ws://${u.host}/api?token=${encodeURIComponent(token)}`);
  return new EngineClient(transport);
}
