// A hostile local client cannot take `aerie serve` down: malformed HTTP before the upgrade and
// malformed WebSocket frames after a valid, tokened upgrade each get that one client disconnected,
// while the host process stays up and keeps answering a good client.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../engine/api/index.js';
import { MAX_MESSAGE_BYTES } from '../../engine/host/server.js';
import { connectLoopback } from '../../engine/host/ws-transport.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const t = tempDir();
let child: ChildProcess;
let stderr = '';
let url = '';
let port = 0;
let token = '';
let good: EngineClient;

beforeAll(async () => {
  child = spawn(process.execPath, [CLI, 'serve', '--root', t.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
  });
  ({ url, port } = JSON.parse(line) as { url: string; port: number });
  token = new URLSearchParams(new URL(url).hash.slice(1)).get('token')!;
  // A well-behaved client connected throughout: the others' garbage must not cut it off.
  good = await connectLoopback(url);
});

afterAll(async () => {
  await good?.close().catch(() => undefined);
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  t.cleanup();
});

/** Resolves when the server has closed the connection (or after `ms`, closing it ourselves). */
function closed(s: Socket, ms = 5_000): Promise<'server closed' | 'still open'> {
  if (s.destroyed) return Promise.resolve('server closed');
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      s.destroy();
      resolve('still open');
    }, ms);
    s.once('close', () => {
      clearTimeout(timer);
      resolve('server closed');
    });
  });
}

function rawSocket(): Promise<{ s: Socket; received: () => Buffer }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', () => undefined); // the server may reset us: that is the point
    s.once('connect', () => resolve({ s, received: () => Buffer.concat(chunks) }));
    s.once('error', reject);
  });
}

/** A raw TCP connection upgraded to a WebSocket with the right token (the 101 already read). */
async function upgraded(): Promise<{ s: Socket; received: () => Buffer }> {
  const c = await rawSocket();
  c.s.write(
    `GET /api?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const text = c.received().toString('latin1');
      if (!text.includes('\r\n\r\n')) return;
      c.s.off('data', check);
      if (text.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${text.split('\r\n')[0]}`));
    };
    c.s.on('data', check);
    check();
  });
  return c;
}

/** A client frame: FIN/RSV/opcode byte, the payload, masked unless told otherwise; `claim` overrides the length field. */
function frame(first: number, payload: Buffer, o: { masked?: boolean; claim?: number | bigint } = {}): Buffer {
  const masked = o.masked ?? true;
  const len = o.claim ?? payload.length;
  let header: Buffer;
  if (typeof len === 'bigint' || len > 0xffff) {
    header = Buffer.alloc(10);
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  } else if (len > 125) {
    header = Buffer.alloc(4);
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(2);
    header[1] = len;
  }
  header[0] = first;
  if (!masked) return Buffer.concat([header, payload]);
  header[1]! |= 0x80;
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([header, key, body]);
}

const TEXT = 0x81;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

/** Frames that break the protocol: the server must close the connection by itself. */
const protocolErrors: [string, Buffer][] = [
  ['a header claiming a 2^63-byte payload', frame(TEXT, Buffer.alloc(0), { claim: 2n ** 63n })],
  ['a header claiming 2^53 bytes', frame(TEXT, Buffer.alloc(0), { claim: 2n ** 53n })],
  ['a header claiming more than maxPayload', frame(TEXT, Buffer.alloc(0), { claim: MAX_MESSAGE_BYTES + 1 })],
  ['invalid UTF-8 in a text frame', frame(TEXT, Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0xfe, 0x7d]))],
  ['an overlong UTF-8 encoding', frame(TEXT, Buffer.from([0xc0, 0xaf]))],
  ['an unmasked client frame', frame(TEXT, json({ t: 'req', id: 1, method: 'app.status', params: {} }), { masked: false })],
  ['reserved opcode 0x3', frame(0x83, Buffer.from('x'))],
  ['reserved control opcode 0xB', frame(0x8b, Buffer.from('x'))],
  ['RSV1 without an extension', frame(0xc1, Buffer.from('{}'))],
  ['RSV2', frame(0xa1, Buffer.from('{}'))],
  ['RSV3', frame(0x91, Buffer.from('{}'))],
  ['a fragmented control frame', frame(0x09, Buffer.from('ping'))],
  ['a control frame over 125 bytes', frame(0x89, Buffer.alloc(200, 0x61))],
  ['a continuation frame with nothing to continue', frame(0x80, Buffer.from('x'))],
  ['a new message inside a fragmented one', Buffer.concat([frame(0x01, Buffer.from('{"a"')), frame(TEXT, Buffer.from('{}'))])],
  ['a close frame with a one-byte body', frame(0x88, Buffer.from([0x03]))],
  ['a close frame with an invalid code', frame(0x88, Buffer.from([0x03, 0xe7]))],
  ['a close frame with an invalid UTF-8 reason', frame(0x88, Buffer.from([0x03, 0xe8, 0xc3, 0x28]))],
  ['a fragmented message growing past maxPayload', Buffer.concat([frame(0x01, Buffer.from('{"a":')), frame(0x80, Buffer.alloc(0), { claim: MAX_MESSAGE_BYTES })])],
];

/** Well-formed frames with unusable content, or cut short: the host ignores or waits, and survives. */
const oddButValid: [string, Buffer][] = [
  ['a text frame that is not JSON', frame(TEXT, Buffer.from('not json {'))],
  ['JSON that is not a request', frame(TEXT, json([1, 2, 3]))],
  ['a request for an unknown method', frame(TEXT, json({ t: 'req', id: 7, method: 'nope.nope', params: {} }))],
  ['a request with hostile params', frame(TEXT, json({ t: 'req', id: 8, method: 'app.status', params: { __proto__: { x: 1 }, a: 'b'.repeat(10_000) } }))],
  ['a binary frame', frame(0x82, randomBytes(64))],
  ['a truncated header', frame(TEXT, Buffer.from('{}')).subarray(0, 1)],
  ['a truncated 64-bit length', frame(TEXT, Buffer.alloc(0), { claim: 70_000 }).subarray(0, 6)],
  ['a truncated masking key', frame(TEXT, Buffer.from('{}')).subarray(0, 4)],
  ['a payload cut short', frame(TEXT, Buffer.alloc(100, 0x20)).subarray(0, 40)],
];

async function goodClientAnswers(label: string): Promise<void> {
  const status = await good.call('app.status', {}, { timeoutMs: 10_000 });
  expect(status, `the connected client after ${label}`).toHaveProperty('roots');
  expect(child.exitCode, `aerie serve exited after ${label}: ${stderr}`).toBeNull();
}

describe('aerie serve under malformed input', () => {
  it.each(protocolErrors)('disconnects a client sending %s and keeps serving', async (label, bytes) => {
    const c = await upgraded();
    c.s.write(bytes);
    expect(await closed(c.s), label).toBe('server closed');
    await goodClientAnswers(label);
  });

  it.each(oddButValid)('survives a client sending %s', async (label, bytes) => {
    const c = await upgraded();
    c.s.write(bytes);
    c.s.end(); // then goes away mid-frame
    await closed(c.s);
    await goodClientAnswers(label);
  });

  it('survives a client resetting the connection mid-frame', async () => {
    const c = await upgraded();
    c.s.write(frame(TEXT, Buffer.alloc(1000, 0x20)).subarray(0, 500));
    c.s.resetAndDestroy();
    await goodClientAnswers('a reset');
  });

  const http: [string, string][] = [
    ['garbage bytes', '\x00\xff\xfe garbage \r\n\r\n'],
    ['a request line with no version', 'GET /\r\n\r\n'],
    ['an invalid header line', `GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n`],
    ['an upgrade to an unparsable URL', `GET // HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\n\r\n`],
    ['an upgrade to http://[', `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`],
    ['a tokened upgrade with a bad key and version', `GET /api?token=TOKEN HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Version: 99\r\n\r\n`],
    ['a tokened upgrade with no key', `GET /api?token=TOKEN HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`],
    ['an upgrade with a bad percent-encoding', `GET /api?token=%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`],
    ['a page request with a bad percent-encoding', `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n`],
    ['an oversized header', `GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`],
    ['a chunked body with a bad chunk size', `POST / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`],
    ['a request cut off in the headers', `GET /api?token=TOKEN HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgr`],
  ];

  it.each(http)('survives %s before any upgrade', async (label, text) => {
    const c = await rawSocket();
    c.s.write(Buffer.from(text.replaceAll('PORT', String(port)).replaceAll('TOKEN', token), 'latin1'));
    c.s.end();
    await closed(c.s);
    await goodClientAnswers(label);
  });

  it('survives refused upgrades that reset at once', async () => {
    for (const query of ['', '?token=wrong', `?token=${token}`]) {
      const c = await rawSocket();
      c.s.write(`GET /api${query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      c.s.resetAndDestroy();
    }
    await goodClientAnswers('reset upgrades');
  });

  it('answers a new, good client at the end, and never printed an unhandled error', async () => {
    const fresh = await connectLoopback(url);
    try {
      expect(await fresh.call('app.status', {}, { timeoutMs: 10_000 })).toHaveProperty('roots');
    } finally {
      await fresh.close();
    }
    expect(child.exitCode).toBeNull();
    expect(stderr).not.toMatch(/Unhandled|Error:|\n\s+at /);
  });
});
