/** Public surface of field meaning: parse, validate and normalise names, emails, phones, postcodes, ids and dates; phonetic codes; similarities. */
export { jaro, jaroWinkler, levenshtein, levenshteinSimilarity } from './similarity.js';
export { nysiis, soundex } from './phonetic.js';
export { emailParts, nameTokens, normalizeDate, normalizeEmail, normalizeId, normalizePhone, normalizePostcode, phoneKey, postcodeOutward } from './contact.js';
export { normalizeText, tokenize, words } from './text.js';
export { D, compactDateKey, dateKey, detectDateFormat, isoDateTime, isoOfKey, isoOfUtcDate, parseDate, toIsoDate, type DateFormatGuess, type DateParse } from './dates.js';
export { oracleDateToIso } from './oracle-dates.js';
export { emailInText, isEmail, looksLikeEmail } from './email.js';
export { looksLikePostcode, postcodeClass, ukPostcodeInText, type PostcodeClass } from './postcode.js';
export { looksLikePhone, phoneDigits, phoneInText } from './phone-digits.js';
export { PhoneValidator } from './phone-validator.js';
export { PhonePrefetcher } from './phone-prefetch.js';
export { identityNumberFromHeader, nationalIdClass, type NationalIdClass } from './ids.js';
export { splitNameAsWritten } from './name-split.js';
