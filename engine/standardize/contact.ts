// Normalised forms of contact fields, used as deterministic keys and as search terms. Each lives
// in the file named for its field; this file keeps the names its importers already use.
export { words as nameTokens } from './text.js';
export { emailParts, normalizeEmail } from './email.js';
export { normalizePhone, phoneKey } from './phone-digits.js';
export { normalizePostcode, postcodeOutward } from './postcode.js';
export { normalizeId } from './ids.js';
export { normalizeDate } from './dates.js';
