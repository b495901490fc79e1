// The Electron invoke channel's decisions, exercised without an Electron binary:
// sender checks, envelope shape, method allow-list, params validation, host.* methods.
import { describe, expect, it } from 'vitest';
import { createInvokeHandler, type EngineCaller } from '../../main/invoke.js';
import type { HostHandlers } from '../../main/host-schemas.js';
import type { SenderFacts, TrustedWindowFacts } from '../../main/security/sender.js';
import { checkSender } from '../../main/security/sender.js';

const trusted: TrustedWindowFacts = { webContentsId: 7, mainFrame: { processId: 11, routingId: 1 } };
const good: SenderFacts = { webContentsId: 7, frame: { url: 'app://aerie/index.html', isTop: true, processId: 11, routingId: 1 } };

function setup(overrides: Partial<HostHandlers> = {}) {
  const engineCalls: { method: string; params: unknown }[] = [];
  const hostCalls: { method: string; input: unknown }[] = [];
  const refusals: string[] = [];
  const engine: EngineCaller = {
    async call(method, params) {
      engineCalls.push({ method, params });
      return { echoed: method };
    },
  };
  const rec =
    <T>(method: string, result: T) =>
    async (input: unknown) => {
      hostCalls.push({ method, input });
      return result;
    };
  const host: HostHandlers = {
    'host.pickPath': rec('host.pickPath', '/home/u/Documents/Aerie/x.aerie'),
    'host.secrets.available': rec('host.secrets.available', { ok: true, backend: 'keychain' }),
    'host.secrets.remember': rec('host.secrets.remember', { ok: true }),
    'host.secrets.recall': rec('host.secrets.recall', null),
    'host.secrets.forget': rec('host.secrets.forget', { ok: true as const }),
    ...overrides,
  };
  const handle = createInvokeHandler({ engine, host, trustedWindow: () => trusted, onRefused: (r) => refusals.push(r) });
  return { handle, engineCalls, hostCalls, refusals };
}

const req = (method: string, params: unknown = {}, id = 1) => ({ t: 'req', id, method, params });

describe('sender check', () => {
  it('accepts the main frame of the Aerie window on app://aerie', async () => {
    const { handle, engineCalls } = setup();
    const res = await handle(good, req('app.status'));
    expect(res).toEqual({ t: 'res', id: 1, ok: true, result: { echoed: 'app.status' } });
    expect(engineCalls).toHaveLength(1);
  });

  const forged: [string, SenderFacts][] = [
    ['a forged http origin', { ...good, frame: { ...good.frame!, url: 'https://evil.example/index.html' } }],
    ['a file:// page', { ...good, frame: { ...good.frame!, url: 'file:///etc/passwd' } }],
    ['another app:// host', { ...good, frame: { ...good.frame!, url: 'app://evil/index.html' } }],
    ['an app:// lookalike with credentials', { ...good, frame: { ...good.frame!, url: 'app://x@aerie/index.html' } }],
    ['about:blank', { ...good, frame: { ...good.frame!, url: 'about:blank' } }],
    ['an unparseable url', { ...good, frame: { ...good.frame!, url: 'not a url' } }],
    ['a subframe', { ...good, frame: { ...good.frame!, isTop: false, routingId: 2 } }],
    ['a foreign frame claiming to be top', { ...good, frame: { ...good.frame!, routingId: 99 } }],
    ['a frame in another renderer process', { ...good, frame: { ...good.frame!, processId: 12 } }],
    ['another webContents', { ...good, webContentsId: 8 }],
    ['a destroyed frame', { ...good, frame: null }],
  ];
  for (const [name, sender] of forged) {
    it(`refuses ${name} with UNAUTHORIZED and never reaches the engine`, async () => {
      const { handle, engineCalls, hostCalls } = setup();
      const res = await handle(sender, req('workspace.create', { path: '/tmp/a.aerie', passphrase: 'long enough pass' }, 5));
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('UNAUTHORIZED');
      expect(res.id).toBe(5);
      expect(engineCalls).toHaveLength(0);
      expect(hostCalls).toHaveLength(0);
    });
  }

  it('refuses everything while no window exists', () => {
    expect(checkSender(good, null).ok).toBe(false);
  });
});

describe('envelope shape', () => {
  const malformed: [string, unknown][] = [
    ['null', null],
    ['a string', 'app.status'],
    ['an array', [1, 2]],
    ['a response envelope', { t: 'res', id: 1, ok: true, result: 1 }],
    ['a missing id', { t: 'req', method: 'app.status', params: {} }],
    ['a fractional id', { t: 'req', id: 1.5, method: 'app.status', params: {} }],
    ['a negative id', { t: 'req', id: -1, method: 'app.status', params: {} }],
    ['a numeric method', { t: 'req', id: 1, method: 42, params: {} }],
    ['an empty method', { t: 'req', id: 1, method: '', params: {} }],
    ['a method with odd characters', { t: 'req', id: 1, method: 'app.status;rm -rf', params: {} }],
    ['an overlong method', { t: 'req', id: 1, method: 'a'.repeat(500), params: {} }],
    ['extra envelope keys', { t: 'req', id: 1, method: 'app.status', params: {}, caller: { user: 'root', host: 'cli' } }],
  ];
  for (const [name, raw] of malformed) {
    it(`refuses ${name} with INVALID_INPUT`, async () => {
      const { handle, engineCalls } = setup();
      const res = await handle(good, raw);
      expect(res.t).toBe('res');
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('INVALID_INPUT');
      expect(engineCalls).toHaveLength(0);
    });
  }

  it('treats missing params as {}', async () => {
    const { handle, engineCalls } = setup();
    const res = await handle(good, { t: 'req', id: 3, method: 'app.status', params: undefined });
    expect(res.ok).toBe(true);
    expect(engineCalls[0]).toEqual({ method: 'app.status', params: {} });
  });
});

describe('method allow-list', () => {
  it('refuses unknown methods with UNKNOWN_METHOD', async () => {
    const { handle, engineCalls } = setup();
    for (const m of ['nope', 'app.statusX', 'constructor', 'toString', 'host.shell', 'host.secrets.dump']) {
      const res = await handle(good, req(m));
      expect(res.ok, m).toBe(false);
      if (!res.ok) expect(res.error.code, m).toBe('UNKNOWN_METHOD');
    }
    expect(engineCalls).toHaveLength(0);
  });

  it('refuses hostOnly engine methods (app.allowPath) with UNAUTHORIZED', async () => {
    const { handle, engineCalls } = setup();
    const res = await handle(good, req('app.allowPath', { path: '/' }));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('UNAUTHORIZED');
    expect(engineCalls).toHaveLength(0);
  });
});

describe('params validation', () => {
  it('refuses invalid params with INVALID_INPUT naming the field', async () => {
    const { handle, engineCalls } = setup();
    const res = await handle(good, req('workspace.create', { path: '/tmp/a.aerie', passphrase: 'short' }));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT');
      expect(res.error.message).toContain('passphrase');
      expect(res.error.details?.column).toBe('passphrase');
    }
    expect(engineCalls).toHaveLength(0);
  });

  it('refuses unexpected keys (strict schemas)', async () => {
    const { handle } = setup();
    const res = await handle(good, req('app.status', { sneaky: true }));
    expect(!res.ok && res.error.code).toBe('INVALID_INPUT');
  });

  it('refuses wrong types', async () => {
    const { handle } = setup();
    const res = await handle(good, req('data.page', { table: 'x', offset: -1, limit: 10 }));
    expect(!res.ok && res.error.code).toBe('INVALID_INPUT');
  });

  it('forwards the parsed params (defaults applied) to the engine', async () => {
    const { handle, engineCalls } = setup();
    const res = await handle(good, req('jobs.list', {}));
    expect(res.ok).toBe(true);
    expect(engineCalls[0]).toEqual({ method: 'jobs.list', params: { limit: 50 } });
  });

  it('turns engine failures into error envelopes with the request id', async () => {
    const { handle } = createInvokeHandlerFailing();
    const res = await handle(good, req('app.status', {}, 42));
    expect(res).toMatchObject({ t: 'res', id: 42, ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});

function createInvokeHandlerFailing() {
  const base = setup();
  const handle = createInvokeHandler({
    engine: {
      call: async () => {
        throw new Error('boom');
      },
    },
    host: {} as HostHandlers,
    trustedWindow: () => trusted,
  });
  return { ...base, handle };
}

describe('host.* methods on the same channel', () => {
  it('routes host.pickPath to main with validated input', async () => {
    const { handle, hostCalls, engineCalls } = setup();
    const res = await handle(good, req('host.pickPath', { purpose: 'create-workspace' }));
    expect(res).toEqual({ t: 'res', id: 1, ok: true, result: '/home/u/Documents/Aerie/x.aerie' });
    expect(hostCalls).toEqual([{ method: 'host.pickPath', input: { purpose: 'create-workspace' } }]);
    expect(engineCalls).toHaveLength(0);
  });

  it('refuses a bad dialog purpose', async () => {
    const { handle, hostCalls } = setup();
    const res = await handle(good, req('host.pickPath', { purpose: 'open-anything', defaultPath: '/' }));
    expect(!res.ok && res.error.code).toBe('INVALID_INPUT');
    expect(hostCalls).toHaveLength(0);
  });

  it('validates secrets params (workspace path must be a .aerie file)', async () => {
    const { handle, hostCalls } = setup();
    const bad = await handle(good, req('host.secrets.remember', { workspacePath: '/etc/shadow', passphrase: 'x' }));
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    const extra = await handle(good, req('host.secrets.recall', { workspacePath: '/w/a.aerie', all: true }));
    expect(!extra.ok && extra.error.code).toBe('INVALID_INPUT');
    const ok = await handle(good, req('host.secrets.remember', { workspacePath: '/w/a.aerie', passphrase: 'pass phrase' }));
    expect(ok.ok).toBe(true);
    expect(hostCalls).toEqual([{ method: 'host.secrets.remember', input: { workspacePath: '/w/a.aerie', passphrase: 'pass phrase' } }]);
  });

  it('host methods are refused to forged senders too', async () => {
    const { handle, hostCalls } = setup();
    const res = await handle({ ...good, frame: { ...good.frame!, url: 'https://evil.example/' } }, req('host.secrets.recall', { workspacePath: '/w/a.aerie' }));
    expect(!res.ok && res.error.code).toBe('UNAUTHORIZED');
    expect(hostCalls).toHaveLength(0);
  });
});
