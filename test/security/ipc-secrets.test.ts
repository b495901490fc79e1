// Remembered passphrases: refusal on keyring-less Linux (basic_text), encryption round trip,
// nothing in plain text on disk. A fake cipher stands in for Electron's safeStorage.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backendName, SecretStore, secretsPolicy, type Cipher } from '../../main/secrets-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fakeCipher(available = true): Cipher & { calls: number } {
  const c = {
    calls: 0,
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => {
      c.calls++;
      return Buffer.from(`enc:${Buffer.from(s).toString('hex')}`);
    },
    decryptString: (b: Buffer) => {
      const t = b.toString();
      if (!t.startsWith('enc:')) throw new Error('bad ciphertext');
      return Buffer.from(t.slice(4), 'hex').toString();
    },
  };
  return c;
}

function store(backend: string, cipher = fakeCipher()) {
  const dir = mkdtempSync(join(tmpdir(), 'aerie-secrets-'));
  dirs.push(dir);
  const file = join(dir, 'secrets.json');
  return { s: new SecretStore(file, cipher, () => backend), file, cipher };
}

describe('secrets policy', () => {
  it('refuses basic_text (Linux without a keyring) with a clear reason', () => {
    const p = secretsPolicy('basic_text', true);
    expect(p.ok).toBe(false);
    expect(p.reason).toMatch(/keyring/i);
    expect(p.reason).toMatch(/basic_text/);
  });
  it('refuses unknown backends and unavailable encryption', () => {
    expect(secretsPolicy('unknown', true).ok).toBe(false);
    expect(secretsPolicy('gnome_libsecret', false).ok).toBe(false);
  });
  it('accepts real keyrings', () => {
    for (const b of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'keychain', 'dpapi']) expect(secretsPolicy(b, true).ok, b).toBe(true);
  });
  it('names the backend per platform', () => {
    expect(backendName('darwin', () => 'basic_text')).toBe('keychain');
    expect(backendName('win32', () => 'basic_text')).toBe('dpapi');
    expect(backendName('linux', () => 'basic_text')).toBe('basic_text');
    expect(backendName('linux', () => { throw new Error('not ready'); })).toBe('unknown');
  });
});

describe('secret store', () => {
  it('refuses to remember on basic_text and writes nothing', () => {
    const { s, file, cipher } = store('basic_text');
    const r = s.remember('/w/a.aerie', 'correct horse');
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/keyring/i);
    expect(cipher.calls).toBe(0);
    expect(() => statSync(file)).toThrow();
    expect(s.recall('/w/a.aerie')).toBeNull();
  });

  it('round-trips through the cipher and keeps no plain text on disk', () => {
    const { s, file } = store('gnome_libsecret');
    expect(s.remember('/w/a.aerie', 'correct horse battery')).toEqual({ ok: true });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('correct horse battery');
    const parsed = JSON.parse(text) as { version: number; entries: Record<string, string> };
    expect(parsed.version).toBe(1);
    expect(Object.keys(parsed.entries)).toEqual(['/w/a.aerie']);
    expect(s.recall('/w/a.aerie')).toBe('correct horse battery');
    expect(s.recall('/w/other.aerie')).toBeNull();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('forgets, and drops entries that no longer decrypt', () => {
    const { s, file } = store('kwallet');
    s.remember('/w/a.aerie', 'pass one two');
    s.forget('/w/a.aerie');
    expect(s.recall('/w/a.aerie')).toBeNull();
    writeFileSync(file, JSON.stringify({ version: 1, entries: { '/w/b.aerie': Buffer.from('garbage').toString('base64') } }));
    expect(s.recall('/w/b.aerie')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8')).entries).toEqual({});
  });

  it('survives a corrupt store file', () => {
    const { s, file } = store('keychain');
    writeFileSync(file, '{not json');
    expect(s.recall('/w/a.aerie')).toBeNull();
    expect(s.remember('/w/a.aerie', 'pass one two').ok).toBe(true);
  });

  it('does not recall once the keyring is gone (backend fell back to basic_text)', () => {
    const cipher = fakeCipher();
    let backend = 'gnome_libsecret';
    const dir = mkdtempSync(join(tmpdir(), 'aerie-secrets-'));
    dirs.push(dir);
    const s = new SecretStore(join(dir, 'secrets.json'), cipher, () => backend);
    s.remember('/w/a.aerie', 'pass one two');
    backend = 'basic_text';
    expect(s.recall('/w/a.aerie')).toBeNull();
  });
});
