// The preload run against a fake `electron`: it exposes exactly `window.aerie`, puts everything
// on the one invoke channel, copies only the envelope fields, and filters what it hands on.
import { describe, expect, it, vi } from 'vitest';
import type { AerieBridge } from '../../engine/api/bridge.js';

const fake = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  let reply: (req: { id: number; method: string }) => unknown = (req) => ({ t: 'res', id: req.id, ok: true, result: null });
  return {
    exposed,
    invoked,
    listeners,
    setReply: (fn: typeof reply) => (reply = fn),
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
    ipcRenderer: {
      invoke: async (ch: string, msg: { id: number; method: string }) => {
        invoked.push([ch, msg]);
        return reply(msg);
      },
      on: (ch: string, fn: (...a: unknown[]) => void) => {
        if (!listeners.has(ch)) listeners.set(ch, new Set());
        listeners.get(ch)!.add(fn);
      },
      removeListener: (ch: string, fn: (...a: unknown[]) => void) => listeners.get(ch)?.delete(fn),
    },
  };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));
await import('../../main/preload.js');
const { BRIDGE_CHANNELS } = await import('../../engine/api/bridge.js');

const aerie = fake.exposed.aerie as AerieBridge;

describe('preload', () => {
  it('exposes only window.aerie', () => {
    expect(Object.keys(fake.exposed)).toEqual(['aerie']);
    expect(Object.keys(aerie).sort()).toEqual(['invoke', 'onEvent', 'pickPath', 'secrets']);
  });

  it('invoke sends only the four envelope fields on the invoke channel', async () => {
    fake.invoked.length = 0;
    await aerie.invoke({ t: 'req', id: 4, method: 'app.status', params: {}, extra: 'x' } as never);
    expect(fake.invoked).toEqual([[BRIDGE_CHANNELS.invoke, { t: 'req', id: 4, method: 'app.status', params: {} }]]);
  });

  it('pickPath and secrets travel as host.* envelopes on the same channel', async () => {
    fake.invoked.length = 0;
    fake.setReply((req) => ({ t: 'res', id: req.id, ok: true, result: req.method === 'host.pickPath' ? '/d/x.aerie' : { ok: true } }));
    expect(await aerie.pickPath({ purpose: 'create-workspace' })).toBe('/d/x.aerie');
    await aerie.secrets.remember('/d/x.aerie', 'pass one two');
    expect(await aerie.secrets.forget('/d/x.aerie')).toBeUndefined();
    expect(fake.invoked.map(([ch, m]) => [ch, (m as { method: string }).method])).toEqual([
      [BRIDGE_CHANNELS.invoke, 'host.pickPath'],
      [BRIDGE_CHANNELS.invoke, 'host.secrets.remember'],
      [BRIDGE_CHANNELS.invoke, 'host.secrets.forget'],
    ]);
    expect(fake.invoked[0]![1]).toMatchObject({ t: 'req', params: { purpose: 'create-workspace' } });
  });

  it('host errors reject with the code in the message', async () => {
    fake.setReply((req) => ({ t: 'res', id: req.id, ok: false, error: { code: 'CONFLICT', message: 'A file dialog is already open.' } }));
    await expect(aerie.pickPath({ purpose: 'open-workspace' })).rejects.toThrow('CONFLICT: A file dialog is already open.');
  });

  it('onEvent hands on only event envelopes, never the IPC event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = aerie.onEvent((e) => got.push(e));
    const fire = (msg: unknown) => fake.listeners.get(BRIDGE_CHANNELS.event)!.forEach((fn) => fn({ sender: 'ipc-event-object' }, msg));
    fire({ t: 'evt', event: 'job', data: { id: 'j1' } });
    fire({ t: 'res', id: 1, ok: true, result: 1 });
    fire('junk');
    expect(got).toEqual([{ t: 'evt', event: 'job', data: { id: 'j1' } }]);
    off();
    expect(fake.listeners.get(BRIDGE_CHANNELS.event)!.size).toBe(0);
  });
});
