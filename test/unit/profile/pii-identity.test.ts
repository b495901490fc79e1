// National ids, tax ids and account numbers are PII classes of their own (issue 16), from headers in
// five languages; words that only look alike (fiscal year, VAT amount, account created) are not.
import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../../engine/profile/profile.js';
import { piiFromHeader } from '../../../engine/profile/pii.js';
import { addSource, tempWorkspace } from './helpers.js';

describe('identity numbers from headers', () => {
  it.each([
    ['soc_sec_id', 'national_id'], ['SSN', 'national_id'], ['Social Security Number', 'national_id'], ['NI Number', 'national_id'], ['passport_no', 'national_id'],
    ['Sozialversicherungsnummer', 'national_id'], ['Personalausweisnummer', 'national_id'], ['Numéro de sécurité sociale', 'national_id'], ['DNI', 'national_id'], ['BSN', 'national_id'],
    ['tax_id', 'tax_id'], ['TIN', 'tax_id'], ['Steuernummer', 'tax_id'], ['Steuer-ID', 'tax_id'], ['NIF', 'tax_id'], ['VAT number', 'tax_id'], ['BTW-nummer', 'tax_id'], ['numéro fiscal', 'tax_id'],
    ['IBAN', 'account_number'], ['bank_account', 'account_number'], ['Account Number', 'account_number'], ['Kontonummer', 'account_number'], ['Rekeningnummer', 'account_number'], ['numéro de compte', 'account_number'], ['Sort Code', 'account_number'], ['credit_card_number', 'account_number'],
  ])('%s → %s', (header, cls) => {
    expect(piiFromHeader(header)).toBe(cls);
  });

  it.each(['fiscal_year', 'VAT amount', 'account_created', 'OnlineSecurity', 'Contract', 'PaymentMethod', 'Phone number', 'Telephone'])('%s is not an identity number', (header) => {
    expect(['national_id', 'tax_id', 'account_number']).not.toContain(piiFromHeader(header));
  });
});

describe('profiling an unmapped identity column', async () => {
  const db = tempWorkspace();
  const { sourceId } = addSource(db, {
    name: 'febrl',
    columns: [['rec_id', 'source_key'], ['soc_sec_id', null], ['tax_ref', null], ['iban', null]],
    rows: [
      { rec_id: 'rec-1-org', soc_sec_id: '1804974', tax_ref: '12 345 678 901', iban: 'GB82WEST12345698765432' },
      { rec_id: 'rec-1-dup-0', soc_sec_id: '1804974', tax_ref: '98 765 432 109', iban: 'DE89370400440532013000' },
      { rec_id: 'rec-2-org', soc_sec_id: '6089216', tax_ref: '11 222 333 444', iban: 'NL91ABNA0417164300' },
    ],
  });
  const cols = (await profileColumns(db, { kind: 'source', sourceId }, { defaultCountry: 'GB' })).columns;
  const of = (name: string) => cols.find((c) => c.name === name)!;

  it('is PII of its class from its header, not "no PII" and not a phone', () => {
    expect(of('soc_sec_id').pii).toEqual({ class: 'national_id', basis: 'header' });
    expect(of('tax_ref').pii).toEqual({ class: 'tax_id', basis: 'header' });
    expect(of('iban').pii).toEqual({ class: 'account_number', basis: 'header' });
    for (const c of ['soc_sec_id', 'tax_ref', 'iban']) expect(of(c).validity.phone, c).toBeUndefined();
  });
});
