// Column names: header-row guessing and clean-up shared by CSV and XLSX.
//
// Choice: bad headers never stop an import. Empty names become COLUMN_<position> and repeated
// names get a suffix (NAME, NAME_2, NAME_3); each change is reported as a note, so the user sees
// it in the import preview and can rename columns in the mapping step.

export function normaliseHeaders(cells: readonly (string | null)[]): { columns: string[]; notes: string[] } {
  const notes: string[] = [];
  const names = cells.map((c, i) => {
    const t = (c ?? '').replace(/^\uFEFF/, '').trim();
    if (t === '') {
      notes.push(`Column ${i + 1} has no name in the header; it is called COLUMN_${i + 1}.`);
      return `COLUMN_${i + 1}`;
    }
    return t;
  });
  const taken = new Set<string>();
  const columns: string[] = [];
  const used = new Set<string>();
  for (const n of names) used.add(n.toUpperCase());
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    const key = n.toUpperCase();
    if (!taken.has(key)) {
      taken.add(key);
      columns.push(n);
      continue;
    }
    let k = 2;
    while (used.has(`${key}_${k}`) || taken.has(`${key}_${k}`)) k++;
    const renamed = `${n}_${k}`;
    taken.add(renamed.toUpperCase());
    notes.push(`Column ${i + 1} repeats the name ${JSON.stringify(n)}; it is called ${renamed}.`);
    columns.push(renamed);
  }
  return { columns, notes };
}

export function genericColumns(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `COLUMN_${i + 1}`);
}

const NUMERIC = /^[-+]?(\d[\d,]*\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATEISH = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T].*)?$|^\d{1,2}-[A-Za-z]{3}-\d{2,4}$/;

function typed(v: string | null): boolean {
  if (v === null) return false;
  const t = v.trim();
  return t !== '' && (NUMERIC.test(t) || DATEISH.test(t));
}

/**
 * Does the first row hold column names? A header cell is never a number or a date; a column whose
 * data is numbers or dates under a text first cell votes "header". Ambiguous (all-text) files are
 * assumed to have a header, as CRM exports nearly always do; the caller adds a note saying so.
 */
export function guessHeader(rows: readonly (readonly (string | null)[])[]): { hasHeader: boolean; sure: boolean } {
  const first = rows[0];
  if (!first) return { hasHeader: false, sure: true };
  if (first.some((c) => typed(c))) return { hasHeader: false, sure: true };
  const data = rows.slice(1);
  if (data.length === 0) return { hasHeader: true, sure: false };
  for (let c = 0; c < first.length; c++) {
    const col = data.map((r) => r[c] ?? null).filter((v) => v !== null && v.trim() !== '');
    if (col.length === 0) continue;
    const typedShare = col.filter((v) => typed(v)).length / col.length;
    if (typedShare >= 0.8 && (first[c] ?? '').trim() !== '') return { hasHeader: true, sure: true };
  }
  // A first row that repeats later is data.
  const key = JSON.stringify(first);
  if (data.some((r) => JSON.stringify(r) === key)) return { hasHeader: false, sure: false };
  return { hasHeader: true, sure: false };
}
