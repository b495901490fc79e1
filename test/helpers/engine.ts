// An in-process engine over a fresh temporary folder for every test, and the refusal helper the
// workspace tests share.
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { AerieError, type EngineClient } from '../../engine/api/index.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { CALLER, tempDir } from './tmp.js';

/** The AerieError a call fails with (fails the test if it succeeds or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<AerieError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AerieError);
    return e as AerieError;
  }
  throw new Error('expected the call to fail');
}

export interface FreshEngine {
  /** The test's own folder (the engine's only allowed root). */
  dir: string;
  /** A workspace path in it (not created). */
  ws: string;
  client: EngineClient;
}

/** Registers beforeEach/afterEach hooks: each test gets a new folder and a new engine. */
export function freshEnginePerTest(workspaceName = 'crm.aerie'): FreshEngine {
  const fresh = {} as FreshEngine;
  let cleanup = () => undefined as void;
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    fresh.dir = t.dir;
    fresh.ws = join(t.dir, workspaceName);
    fresh.client = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  });
  afterEach(async () => {
    await fresh.client.close();
    cleanup();
  });
  return fresh;
}
