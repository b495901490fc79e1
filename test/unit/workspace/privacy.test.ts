// Privacy settings saved with the workspace (idle auto-lock minutes, masked display), the masking
// helper every view shares, and the route kept in the address fragment (ids only, no values).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayValue, isPiiColumn, maskValue } from '../../../renderer/components/format.js';
import { routeFromHash, routeToHash } from '../../../renderer/shell/route-hash.js';
import { freshEnginePerTest, rejection } from '../../helpers/engine.js';
import { PASS } from '../../helpers/tmp.js';

const fresh = freshEnginePerTest('privacy.aerie');

describe('privacy settings', () => {
  it('are off by default, saved with the workspace, kept across lock and reopen, and checked', async () => {
    const c = fresh.client;
    await c.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    expect(await c.call('workspace.privacy', {})).toEqual({ idleLockMinutes: 0, maskPii: false });
    expect(await c.call('workspace.setPrivacy', { idleLockMinutes: 10 })).toEqual({ idleLockMinutes: 10, maskPii: false });
    expect(await c.call('workspace.setPrivacy', { maskPii: true })).toEqual({ idleLockMinutes: 10, maskPii: true });
    await c.call('workspace.lock', {});
    await c.call('workspace.unlock', { passphrase: PASS });
    await c.call('workspace.close', {});
    await c.call('workspace.open', { path: join(fresh.dir, 'privacy.aerie'), passphrase: PASS });
    expect(await c.call('workspace.privacy', {})).toEqual({ idleLockMinutes: 10, maskPii: true });
    expect((await rejection(c.call('workspace.setPrivacy', { idleLockMinutes: -1 }))).code).toBe('INVALID_INPUT');
    expect((await c.call('audit.list', { limit: 10 })).map((e) => e.description)).toContain('Changed the privacy settings (auto-lock, masking)');
  });
});

describe('masked display', () => {
  it('masks personal-data columns only, canonical or by header in several languages', () => {
    for (const c of ['email', 'given_name', 'phone', 'date_of_birth', 'Vorname', 'EMAIL_ADDR', 'soc_sec_id', 'code_postal', 'IBAN']) expect(isPiiColumn(c), c).toBe(true);
    for (const c of ['source_id', 'country', 'consent_email', 'amount', 'Churn', 'contract']) expect(isPiiColumn(c), c).toBe(false);
    expect(maskValue('ann@example.com')).toBe('a•••@•••');
    expect(maskValue('Åsa Berg')).toBe('Å•••');
    expect(displayValue('Ann', 'given_name', true)).toBe('A•••');
    expect(displayValue('Ann', 'given_name', false)).toBe('Ann');
    expect(displayValue('GB', 'country', true)).toBe('GB');
  });
});

describe('route in the address', () => {
  const screens = ['sources', 'profile', 'data'];
  it('round-trips screen and selection, and refuses unknown screens', () => {
    const routes = [
      { screen: 'sources', params: {} },
      { screen: 'sources', params: { sourceId: 2 } },
      { screen: 'profile', params: { scope: { kind: 'import' as const, importId: 7 } } },
      { screen: 'profile', params: { scope: { kind: 'workspace' as const } } },
      { screen: 'sources', params: { importWizard: true } },
    ];
    for (const r of routes) expect(routeFromHash(routeToHash(r), screens)).toEqual(r);
    expect(routeFromHash('#token=abc', screens)).toBeNull();
    expect(routeFromHash('#nowhere?sourceId=1', screens)).toBeNull();
    expect(routeFromHash('#sources?sourceId=x', screens)).toEqual({ screen: 'sources', params: {} });
  });
  it('keeps data-browser filters (which may quote customer values) out of the address', () => {
    const h = routeToHash({ screen: 'data', params: { browse: { table: 'records', filters: { email: 'ann@example.com' } } } });
    expect(h).toBe('#data?table=records');
    expect(routeFromHash(h, screens)).toEqual({ screen: 'data', params: { browse: { table: 'records' } } });
  });
});
