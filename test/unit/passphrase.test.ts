// Passphrases become keys in one form (NFC), blank ones are refused, and workspaces keyed before
// normalisation with a decomposed (NFD) passphrase still open (issue 9, smaller items).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CIPHER_NAME, PAGE_SIZE } from '../../engine/db/cipher.js';
import { Database } from '../../engine/db/sqlite.js';
import { aerie } from '../helpers/cli.js';
import { PASS } from '../helpers/tmp.js';
import { freshEnginePerTest, rejection } from '../helpers/engine.js';

// "crème brûlée façade": the same characters, composed (as Windows and Linux type them) and
// decomposed (base letter + combining accent, as some macOS input paths deliver them).
const NFC = 'cr\u00e8me br\u00fbl\u00e9e fa\u00e7ade';
const NFD = NFC.normalize('NFD');

const fresh = freshEnginePerTest('p.aerie');

describe('passphrase normalisation', () => {
  it('keys the composed and decomposed forms of a passphrase alike', async () => {
    expect(NFD).not.toBe(NFC);
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: NFD });
    await fresh.client.call('workspace.lock', {});
    await fresh.client.call('workspace.unlock', { passphrase: NFC });
    await fresh.client.call('workspace.close', {});
    await fresh.client.call('workspace.open', { path: fresh.ws, passphrase: NFC });
    // and a new passphrase typed decomposed opens when typed composed
    await fresh.client.call('workspace.changePassphrase', { current: NFC, next: `${NFD}!` });
    await fresh.client.call('workspace.close', {});
    await fresh.client.call('workspace.open', { path: fresh.ws, passphrase: `${NFC}!` });
  });

  it('still opens a workspace keyed before normalisation with the decomposed bytes, typed either way', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    await fresh.client.call('workspace.close', {});
    // What an older Aerie wrote when given the NFD form: the key is the NFD bytes as they came.
    const db = new Database(fresh.ws);
    db.pragma(`cipher='${CIPHER_NAME}'`);
    db.pragma('legacy=4');
    db.pragma(`legacy_page_size=${PAGE_SIZE}`);
    db.key(Buffer.from(PASS, 'utf8'));
    db.pragma('journal_mode = DELETE');
    db.rekey(Buffer.from(NFD, 'utf8'));
    db.close();

    await fresh.client.call('workspace.open', { path: fresh.ws, passphrase: NFD });
    await fresh.client.call('workspace.close', {});
    await fresh.client.call('workspace.open', { path: fresh.ws, passphrase: NFC });
    expect((await fresh.client.call('workspace.info', {})).counts.audit_log).toBeGreaterThanOrEqual(1);
    // the current passphrase proves itself in the form it was keyed in, and the new key is NFC
    await fresh.client.call('workspace.changePassphrase', { current: NFC, next: PASS });
    await fresh.client.call('workspace.close', {});
    expect((await rejection(fresh.client.call('workspace.open', { path: fresh.ws, passphrase: NFC }))).code).toBe('WRONG_PASSPHRASE');
    await fresh.client.call('workspace.open', { path: fresh.ws, passphrase: PASS });
  });
});

describe('blank passphrases', () => {
  const blanks = {
    'eight spaces': ' '.repeat(8),
    'tabs and newlines': '\t\n\t\n\t\n\t\n',
    'ideographic and no-break spaces': '\u3000\u00a0'.repeat(4),
    'zero-width characters': '\u200b\u200d\ufeff'.repeat(3),
    empty: '',
  };

  it.each(Object.entries(blanks))('refuses %s when creating, and creates nothing', async (_name, blank) => {
    const err = await rejection(fresh.client.call('workspace.create', { path: fresh.ws, passphrase: blank }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/cannot be empty or only spaces/);
    expect(existsSync(fresh.ws)).toBe(false);
  });

  it('counts characters as keyed: four accented letters typed decomposed are four, not eight', async () => {
    const short = '\u00e9\u00e8\u00ea\u00eb'.normalize('NFD');
    expect(short.length).toBe(8);
    const err = await rejection(fresh.client.call('workspace.create', { path: fresh.ws, passphrase: short }));
    expect(err.message).toMatch(/at least 8 characters/);
  });

  it('refuses a blank new passphrase and keeps the old one', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    const err = await rejection(fresh.client.call('workspace.changePassphrase', { current: PASS, next: ' '.repeat(12) }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/next: A passphrase cannot be empty or only spaces/);
    await fresh.client.call('workspace.close', {});
    await fresh.client.call('workspace.open', { path: fresh.ws, passphrase: PASS });
  });

  it('the CLI refuses one before creating or re-keying anything', () => {
    const init = aerie(['init', fresh.ws], { AERIE_PASSPHRASE: ' '.repeat(8) });
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/cannot be empty or only spaces/);
    expect(existsSync(fresh.ws)).toBe(false);
    const demo = aerie(['demo', fresh.ws, '--customers', '10'], { AERIE_PASSPHRASE: ' '.repeat(8) });
    expect(demo.code).toBe(1);
    expect(existsSync(fresh.ws)).toBe(false);

    expect(aerie(['init', fresh.ws], { AERIE_PASSPHRASE: PASS }).code).toBe(0);
    const passwd = aerie(['passwd', fresh.ws], { AERIE_PASSPHRASE: PASS, AERIE_NEW_PASSPHRASE: ' '.repeat(8) });
    expect(passwd.code).toBe(1);
    expect(passwd.stderr).toMatch(/cannot be empty or only spaces/);
    expect(aerie(['info', fresh.ws], { AERIE_PASSPHRASE: PASS }).code).toBe(0);
  });
});
