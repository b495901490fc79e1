/** Public surface of the standardise capability: normalised forms, phonetic codes, similarities. */
export { jaro, jaroWinkler, levenshtein, levenshteinSimilarity } from './similarity.js';
export { nysiis, soundex } from './phonetic.js';
export { emailParts, nameTokens, normalizeDate, normalizeEmail, normalizeId, normalizePhone, normalizePostcode, phoneKey, postcodeOutward } from './contact.js';
