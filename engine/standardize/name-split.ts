// A whole name taken apart as written (case and spelling kept), for the canonical given_name and
// family_name columns at import. names.ts splits for comparison instead (normalised tokens,
// titles and suffixes dropped). The original stays in full_name and the raw values.
//
// Naming conventions followed:
//   - "Smith, John": the first comma separates family, given;
//   - CJK names are family-name first ("王 小明", "王小明", "김민준", "山田太郎");
//   - Spanish and Portuguese names carry two surnames ("María-José Carreño Quiñones",
//     "Gabriel García Márquez"), told by an Iberian letter or a -ez/-es patronymic in the first;
//   - surname particles stay with the surname ("Ludwig van Beethoven", "Juan de la Cruz");
//   - otherwise the last word is the family name ("John A Smith"); one word is a family name.

/** Trimmed, or null when nothing is left. */
function clean(v: string): string | null {
  const t = v.trim();
  return t === '' ? null : t;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'dos', 'das', 'do', 'du', 'la', 'le', 'y', 'e', 'ter', 'ten', 'st', 'st.', 'bin', 'al', 'el']);
/** A first surname in the Iberian way: an ñ/accented vowel/ç/ã, or a patronymic (Pérez, Muñoz). */
const IBERIAN_SURNAME = /[ñÑáíóúÁÍÓÚãõÃÕçÇ]|(?:ez|az|iz|oz)$/i;
/** Portuguese patronymics (Fernandes, Gomes) end like English given names (James, Charles): only
 * taken as a first surname after two given names. */
const PORTUGUESE_PATRONYMIC = /(?:[dn]es|[mp]es|gues)$/i;

function splitCjk(name: string): { given: string | null; family: string | null } {
  const parts = name.split(/\s+/);
  if (parts.length > 1) return { given: clean(parts.slice(1).join(' ')), family: parts[0]! };
  const chars = [...name];
  if (chars.length <= 1) return { given: null, family: name };
  // one-character surnames are the rule in Chinese and Korean; four characters are most often a
  // two-character surname (Japanese 山田太郎, Chinese 欧阳修明)
  const cut = chars.length >= 4 ? 2 : 1;
  return { given: chars.slice(cut).join(''), family: chars.slice(0, cut).join('') };
}

export function splitNameAsWritten(full: string): { given: string | null; family: string | null } {
  const comma = full.indexOf(',');
  if (comma >= 0) return { given: clean(full.slice(comma + 1)), family: clean(full.slice(0, comma)) };
  const name = full.trim();
  if (CJK.test(name)) return splitCjk(name);
  const parts = name.split(/\s+/);
  if (parts.length === 1) return { given: null, family: parts[0]! };
  let start = parts.length - 1;
  const first = parts[start - 1]!;
  if (parts.length >= 3 && !PARTICLES.has(first.toLowerCase()) && (IBERIAN_SURNAME.test(first) || (parts.length >= 4 && PORTUGUESE_PATRONYMIC.test(first)))) start--;
  // particles before the surname belong to it, but the given name keeps at least one word
  while (start > 1 && PARTICLES.has(parts[start - 1]!.toLowerCase())) start--;
  return { given: parts.slice(0, start).join(' '), family: parts.slice(start).join(' ') };
}
