// The three ways to reach the engine; the contract suite runs over each.
import type { EngineClient } from '../../engine/api/index.js';
import { startLoopbackHost } from '../../engine/host/server.js';
import { connectLoopback } from '../../engine/host/ws-transport.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { startEngineWorker } from '../../engine/worker/worker-transport.js';
import { CALLER } from '../helpers/tmp.js';

export interface Connected {
  client: EngineClient;
  close(): Promise<void>;
}

export const transports: Record<string, (roots: string[]) => Promise<Connected>> = {
  'in-process': async (roots) => {
    const { client } = startInProcessEngine({ roots }, CALLER);
    return { client, close: () => client.close() };
  },
  worker: async (roots) => {
    const { client } = await startEngineWorker({ roots, caller: CALLER });
    return { client, close: () => client.close() };
  },
  websocket: async (roots) => {
    const { client: inner } = await startEngineWorker({ roots, caller: CALLER });
    const host = await startLoopbackHost({ client: inner, rendererDir: roots[0]! });
    const client = await connectLoopback(host.url);
    return {
      client,
      close: async () => {
        await client.close();
        await host.close();
        await inner.close();
      },
    };
  },
};
