// Identifiers: customer and account keys in canonical form, national identity numbers, and the
// headers that name identity numbers (national ids, tax ids, bank or card account numbers).

/** Identifier in canonical form: alphanumerics only, upper-cased. */
export function normalizeId(s: string | null | undefined): string | null {
  if (!s) return null;
  const v = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return v.length > 0 ? v : null;
}

export type NationalIdClass = 'nino' | 'ssn' | null;
const NINO = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;

/** UK National Insurance number or US Social Security number (formatted). */
export function nationalIdClass(t: string): NationalIdClass {
  if (t.length < 9 || t.length > 13) return null;
  if (SSN.test(t)) return 'ssn';
  if (NINO.test(t)) return 'nino';
  return null;
}

// Identity numbers named by a header: each a PII class of its own, never a phone or a plain id.
// Words are header tokens (accents folded) or, for compounds written as one word, parts of the joined header.
const NATIONAL_ID_TOKENS = ['ssn', 'nino', 'nin', 'passport', 'nhs', 'sin', 'bsn', 'nir', 'dni', 'nie', 'nid', 'aadhaar', 'personnummer', 'pesel', 'cpr', 'curp', 'rut', 'cedula', 'svnr', 'ahv', 'reisepass', 'paspoort', 'pasaporte', 'passeport'];
const NATIONAL_ID_JOINED = /nationalinsurance|socialsecurity|socsec|nationalid|ninumber|idcard|identitycard|identitynumber|personalid|sozialversicherung|securitesociale|numerosecu|seguridadsocial|burgerservice|documentoidentidad|carteidentite|ausweis|passportno|passportnumber/;
const TAX_ID_TOKENS = ['tin', 'itin', 'ein', 'utr', 'nif', 'cif', 'ustid', 'rfc', 'siren', 'siret'];
const TAX_ID_JOINED = /taxid|taxnumber|taxno|taxref|taxcode|taxpayer|steuernummer|steuerid|steueridentifikation|numerofiscal|codicefiscale|identificacionfiscal|fiscalcode|fiscalnumber|vatnumber|vatno|vatid|vatreg|btwnummer|ustidnr/;
const ACCOUNT_TOKENS = ['iban', 'sortcode'];
const ACCOUNT_JOINED = /iban|bankaccount|accountnumber|accountno|acctno|acctnumber|sortcode|routingnumber|kontonummer|kontonr|bankverbindung|rekeningnummer|numerodecompte|numerocuenta|cardnumber|creditcard|debitcard|ccnumber/;

/** Header words, accents folded: "Numéro de sécurité sociale" → numero, de, securite, sociale; "socSecId" → soc, sec, id. */
function foldedTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

const has = (toks: string[], words: readonly string[]) => toks.some((t) => words.includes(t));

/** National id, tax id or (bank or card) account number named by a header, else null. */
export function identityNumberFromHeader(name: string): 'national_id' | 'tax_id' | 'account_number' | null {
  const toks = foldedTokens(name);
  const joined = toks.join('');
  if (has(toks, NATIONAL_ID_TOKENS) || (has(toks, ['soc', 'social']) && has(toks, ['sec', 'security'])) || NATIONAL_ID_JOINED.test(joined)) return 'national_id';
  if (has(toks, TAX_ID_TOKENS) || TAX_ID_JOINED.test(joined)) return 'tax_id';
  if (has(toks, ACCOUNT_TOKENS) || ACCOUNT_JOINED.test(joined)) return 'account_number';
  return null;
}
