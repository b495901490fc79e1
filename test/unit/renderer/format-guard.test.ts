// One number and date format across the app: screens and components format through
// renderer/components/format.ts (which follows the system locale), never on their own. This test
// fails when ad-hoc formatting appears in renderer/; a real exception goes in ALLOWED with its reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER = join(REPO, 'renderer');
const FORMAT = 'renderer/components/format.ts';

const FORBIDDEN: [RegExp, string][] = [
  [/\.toFixed\(|\.toPrecision\(|\.toExponential\(/, 'fixed-point/precision formatting ignores the locale: use fmtFixed, fmtMinus, fmtSigned, fmtSig or fmtSci'],
  [/\.toLocale(Date|Time)?String\(/, 'toLocaleString with a fixed or default locale: use fmtInt, fmtDecimal, fmtDateTime or fmtDay'],
  [/\.toISOString\(/, 'ISO text is a machine format: show fmtDateTime / fmtDay, or use isoDay for an input value'],
  [/\bIntl\.\w+/, 'ad-hoc Intl formatter: add one to format.ts so every screen shares it'],
  [/\}%|['"`]%['"`]|\)\s*\+\s*['"]%/, 'hand-made percentage: use fmtPercent or fmtShare (the locale decides "12.5%" or "12,5 %")'],
  [/\.padStart\(|\.get(UTC)?(FullYear|Month|Date|Hours|Minutes|Seconds)\(/, 'hand-built date: use fmtDateTime, fmtDay or isoDay'],
];

// Exceptions: the file, the exact code that is allowed there, and why.
const ALLOWED: { file: string; code: string; why: string }[] = [
  { file: 'renderer/components/ProgressBar.tsx', code: '`${pct}%`', why: 'a CSS width, not text a person reads' },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every forbidden use in renderer/ as "file:line:column: code — what to use instead". */
function findAdHocFormatting(): string[] {
  const found: string[] = [];
  for (const path of sources(RENDERER)) {
    const file = relative(REPO, path).split('\\').join('/');
    if (file === FORMAT) continue;
    readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
      const code = line.trim();
      if (code.startsWith('//') || code.startsWith('*')) return;
      for (const [pattern, advice] of FORBIDDEN) {
        const m = pattern.exec(line);
        if (!m) continue;
        if (ALLOWED.some((a) => a.file === file && line.includes(a.code))) continue;
        found.push(`${file}:${i + 1}:${m.index + 1}: ${m[0]} — ${advice}`);
      }
    });
  }
  return found;
}

describe('renderer formatting guard', () => {
  it('formats numbers and dates only through renderer/components/format.ts', () => {
    expect(findAdHocFormatting()).toEqual([]);
  });

  it('keeps each allowed exception in use (a stale entry is removed, not left to excuse new code)', () => {
    for (const a of ALLOWED) expect(readFileSync(join(REPO, a.file), 'utf8'), `${a.file}: ${a.why}`).toContain(a.code);
  });
});
