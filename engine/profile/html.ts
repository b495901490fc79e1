// renderProfileHtml: one self-contained HTML page (inline CSS, inline SVG, no script, no external
// asset; a CSP meta tag forbids both anyway). Every value from the data is PII and may hold markup
// or spreadsheet formulas: all text goes through esc(), control characters are made visible and
// long values are cut.
import type { Bin, Catalogue, ColumnProfile, DuplicateEstimate, ProfileReport, QualitySummary, Share } from './types.js';
import type { Counted } from './topk.js';

/** Workspace reports hold several sources' columns: anchors and labels carry the source. */
const colAnchor = (c: ColumnProfile) => `col-${c.source ? `s${c.source.id}-` : ''}${c.position}`;
const colLabel = (c: ColumnProfile) => (c.source ? `${c.source.name} · ${c.name}` : c.name);

const MAX_VALUE_CHARS = 80;

/** HTML-escape text for element content and quoted attributes; control characters become visible. */
export function esc(v: unknown): string {
  return String(v)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\t' ? '⇥' : c === '\n' || c === '\r' ? '↵' : '\uFFFD'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A data value for display: cut to 80 characters, escaped. */
function val(v: string): string {
  const cut = v.length > MAX_VALUE_CHARS ? v.slice(0, MAX_VALUE_CHARS) + '…' : v;
  return esc(cut);
}

const pct = (x: number) => (x === 0 ? '0%' : x < 0.001 ? '<0.1%' : `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`);
const num = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-GB') : x.toLocaleString('en-GB', { maximumFractionDigits: 3 }));

const COLORS = { null: '#9aa5b1', blank: '#f0b429', bar: '#3e7cb1', good: '#3f9142', bad: '#d64545', hist: '#6c8ebf' };

// ---------------------------------------------------------------- SVG charts

/** Horizontal bars: label on the left, bar, value text on the right. */
function hbars(items: { label: string; value: number; text: string }[], opts: { max?: number; width?: number; color?: string } = {}): string {
  if (items.length === 0) return '<p class="muted">No values.</p>';
  const labelW = 190;
  const barW = (opts.width ?? 520) - labelW - 90;
  const rowH = 20;
  const max = opts.max ?? Math.max(...items.map((i) => i.value), 1);
  const h = items.length * rowH + 4;
  const rows = items
    .map((it, i) => {
      const w = max === 0 ? 0 : Math.max(it.value > 0 ? 1 : 0, (it.value / max) * barW);
      const y = i * rowH + 2;
      return `<g><title>${esc(it.label)}: ${esc(it.text)}</title><text x="${labelW - 6}" y="${y + 14}" text-anchor="end" class="lbl">${esc(it.label.length > 30 ? it.label.slice(0, 29) + '…' : it.label)}</text><rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${opts.color ?? COLORS.bar}" rx="2"/><text x="${labelW + w + 6}" y="${y + 14}" class="num">${esc(it.text)}</text></g>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${opts.width ?? 520} ${h}" width="${opts.width ?? 520}" height="${h}" role="img">${rows}</svg>`;
}

/** Null and blank shares per column as stacked horizontal bars (0-100 %). */
function nullChart(cols: ColumnProfile[]): string {
  const labelW = 190;
  const barW = 420;
  const rowH = 20;
  const h = cols.length * rowH + 24;
  const rows = cols
    .map((c, i) => {
      const y = i * rowH + 2;
      const wn = c.nullShare * barW;
      const wb = c.blankShare * barW;
      return `<g><title>${esc(c.name)}: ${esc(pct(c.nullShare))} null, ${esc(pct(c.blankShare))} blank</title><text x="${labelW - 6}" y="${y + 14}" text-anchor="end" class="lbl">${val(colLabel(c))}</text><rect x="${labelW}" y="${y + 3}" width="${barW}" height="${rowH - 6}" fill="#eef1f4" rx="2"/><rect x="${labelW}" y="${y + 3}" width="${wn.toFixed(1)}" height="${rowH - 6}" fill="${COLORS.null}"/><rect x="${(labelW + wn).toFixed(1)}" y="${y + 3}" width="${wb.toFixed(1)}" height="${rowH - 6}" fill="${COLORS.blank}"/><text x="${labelW + barW + 6}" y="${y + 14}" class="num">${esc(pct(c.nullShare + c.blankShare))}</text></g>`;
    })
    .join('');
  const ly = cols.length * rowH + 8;
  const legend = `<rect x="${labelW}" y="${ly}" width="10" height="10" fill="${COLORS.null}"/><text x="${labelW + 14}" y="${ly + 9}" class="num">null</text><rect x="${labelW + 60}" y="${ly}" width="10" height="10" fill="${COLORS.blank}"/><text x="${labelW + 74}" y="${ly + 9}" class="num">blank / whitespace</text>`;
  return `<svg class="chart" viewBox="0 0 680 ${h}" width="680" height="${h}" role="img">${rows}${legend}</svg>`;
}

/** Vertical histogram with the first and last edges written under the axis. */
function histogram(bins: Bin[], fmt: (x: number) => string, title: string): string {
  if (bins.length === 0) return '';
  const w = 320;
  const h = 120;
  const max = Math.max(...bins.map((b) => b.count), 1);
  const bw = w / bins.length;
  const bars = bins
    .map((b, i) => {
      const bh = (b.count / max) * (h - 10);
      return `<rect x="${(i * bw + 1).toFixed(1)}" y="${(h - bh).toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLORS.hist}"><title>${esc(fmt(b.from))}–${esc(fmt(b.to))}: ${esc(num(b.count))}</title></rect>`;
    })
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" viewBox="0 0 ${w} ${h + 18}" width="${w}" height="${h + 18}" role="img">${bars}<line x1="0" y1="${h}" x2="${w}" y2="${h}" stroke="#888"/><text x="0" y="${h + 14}" class="num">${esc(fmt(bins[0]!.from))}</text><text x="${w}" y="${h + 14}" text-anchor="end" class="num">${esc(fmt(bins.at(-1)!.to))}</text></svg></figure>`;
}

/** A valid/invalid share as a two-colour bar. */
function shareBar(label: string, s: Share): string {
  const w = 240;
  const gw = s.validShare * w;
  return `<div class="share"><span class="lbl">${esc(label)}</span><svg viewBox="0 0 ${w} 12" width="${w}" height="12" role="img"><title>${esc(num(s.valid))} valid of ${esc(num(s.checked))}</title><rect width="${w}" height="12" fill="${COLORS.bad}" rx="2"/><rect width="${gw.toFixed(1)}" height="12" fill="${COLORS.good}" rx="2"/></svg> <span>${esc(pct(s.validShare))} valid · ${esc(num(s.invalid))} invalid of ${esc(num(s.checked))}</span></div>`;
}

// ---------------------------------------------------------------- sections

function counted(list: Counted[], approx: boolean, maxError: number): string {
  const items = list.map((c) => ({ label: c.value, value: c.count, text: approx ? `≥ ${num(c.count)}` : num(c.count) }));
  const flat = approx && list.every((c) => c.count <= maxError);
  const note = approx
    ? `<p class="muted">Approximate (Misra-Gries): each count is at most ${esc(num(maxError))} below the truth.${flat ? ' No value stands out above that error: the column is close to unique.' : ''}</p>`
    : '';
  return hbars(items) + note;
}

function dupText(d: DuplicateEstimate): string {
  return `${num(d.duplicates)} (${pct(d.duplicateShare)} of ${num(d.keyed)})`;
}

function qualityRow(name: string, q: QualitySummary): string {
  return `<tr><td>${val(name)}</td><td class="r">${esc(num(q.rows))}</td><td class="r">${esc(pct(q.emails.malformedShare))} <span class="muted">(${esc(num(q.emails.malformed))})</span></td><td class="r">${esc(pct(q.phones.malformedShare))} <span class="muted">(${esc(num(q.phones.malformed))})</span></td><td class="r">${esc(dupText(q.duplicates.email))}</td><td class="r">${esc(dupText(q.duplicates.phone))}</td><td class="r">${esc(dupText(q.duplicates.nameDob))}</td></tr>`;
}

function overviewRow(c: ColumnProfile): string {
  const v = c.validity;
  const checks = [v.email && `email ${pct(v.email.validShare)}`, v.phone && `phone ${pct(v.phone.validShare)}`, v.date && `date ${pct(v.date.validShare)}`, v.postcode && `postcode ${pct(v.postcode.validShare)}`, v.nationalId && `national id ${pct(v.nationalId.validShare)}`]
    .filter(Boolean)
    .join(', ');
  return `<tr><td><a href="#${colAnchor(c)}">${val(colLabel(c))}</a></td><td>${esc(c.feeds.join(', ') || '—')}</td><td>${esc(c.typeOverride?.type ?? c.inferredType)}</td><td><span class="pii pii-${esc(c.pii.class)}">${esc(c.pii.class.replace(/_/g, ' '))}</span></td><td class="r">${esc(pct(c.nullShare))}</td><td class="r">${esc(pct(c.blankShare))}</td><td class="r">${esc(num(c.distinct.count))}${c.distinct.exact ? '' : ' ≈'}</td><td class="r">${c.length ? `${esc(c.length.min)}–${esc(c.length.max)}` : '—'}</td><td>${esc(checks || '—')}</td></tr>`;
}

/** The analyst's type with what was inferred and how many values do not fit it, or the inferred type. */
function typeText(c: ColumnProfile): string {
  const o = c.typeOverride;
  if (!o) return c.inferredType;
  return `${o.type} (set by the analyst; inferred ${c.inferredType})${o.notFitting > 0 ? `, ${num(o.notFitting)} values do not fit` : ''}`;
}

function columnSection(c: ColumnProfile): string {
  const parts: string[] = [];
  const facts: [string, string][] = [
    ['Type', typeText(c)],
    ['PII', `${c.pii.class.replace(/_/g, ' ')} (from ${c.pii.basis})`],
    ['Feeds', c.feeds.join(', ') || '—'],
    ['Rows', num(c.rows)],
    ['Null', `${num(c.nulls)} (${pct(c.nullShare)})`],
    ['Blank', `${num(c.blanks)} (${pct(c.blankShare)})`],
    ['Distinct', `${num(c.distinct.count)}${c.distinct.exact ? '' : ' (HyperLogLog estimate)'}`],
    ['Untrimmed', num(c.untrimmed)],
  ];
  if (c.length) facts.push(['Length', `${c.length.min}–${c.length.max}, mean ${c.length.mean.toFixed(1)}`]);
  if (c.numeric) facts.push(['Range', `${num(c.numeric.min)} – ${num(c.numeric.max)}, mean ${num(c.numeric.mean)}`]);
  if (c.dates) facts.push(['Dates', `${c.dates.min} – ${c.dates.max} (${num(c.dates.count)} dates, ${num(c.dates.ambiguous)} ambiguous, read ${c.dates.order})`]);
  const kinds = Object.entries(c.kinds)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${num(n)}`)
    .join(', ');
  if (kinds) facts.push(['Kinds', kinds]);
  parts.push(`<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);

  const v = c.validity;
  const shares = [v.email && shareBar('Email syntax', v.email), v.phone && shareBar('Phone (libphonenumber)', v.phone), v.date && shareBar('Date', v.date), v.postcode && shareBar(`Postcode (UK ${num(v.postcode.uk)}, US ${num(v.postcode.us)}, other ${num(v.postcode.other)})`, v.postcode), v.nationalId && shareBar(`National id (NINO ${num(v.nationalId.nino)}, SSN ${num(v.nationalId.ssn)})`, v.nationalId)].filter(Boolean);
  if (shares.length) parts.push(`<h4>Validity</h4>${shares.join('')}`);

  const charts: string[] = [];
  if (c.length) charts.push(histogram(c.length.histogram, (x) => String(x), 'Length'));
  if (c.numeric) charts.push(histogram(c.numeric.histogram, (x) => num(Number(x.toPrecision(4))), c.numeric.histogramExact ? 'Numeric values' : 'Numeric values (sampled)'));
  if (charts.length) parts.push(`<div class="charts">${charts.join('')}</div>`);

  parts.push(`<div class="two"><div><h4>Top values</h4>${counted(c.topValues.values, !c.topValues.exact, c.topValues.maxError)}</div>`);
  const shapeRows = c.shapes.values.map((s) => `<tr><td><code>${val(s.value)}</code></td><td class="r">${esc(num(s.count))}</td><td class="r">${esc(pct(c.nonBlank ? s.count / c.nonBlank : 0))}</td></tr>`).join('');
  parts.push(`<div><h4>Shapes</h4><table class="shapes"><thead><tr><th>Shape</th><th class="r">Values</th><th class="r">Share</th></tr></thead><tbody>${shapeRows || '<tr><td colspan="3" class="muted">None</td></tr>'}</tbody></table></div></div>`);
  if (c.dates && c.dates.formats.length) {
    parts.push(`<h4>Date formats</h4><table><tbody>${c.dates.formats.map((f) => `<tr><td><code>${esc(f.value)}</code></td><td class="r">${esc(num(f.count))}</td></tr>`).join('')}</tbody></table>`);
  }
  return `<section class="col" id="${colAnchor(c)}"><h3>${val(colLabel(c))}${c.declared ? '' : ' <span class="muted">(not in import_columns)</span>'}</h3>${parts.join('')}</section>`;
}

function catalogueSection(cat: Catalogue): string {
  const sources = cat.sources
    .map((s) => {
      const imports = s.imports
        .map((i) => `<tr><td>#${esc(i.id)}</td><td>${val(i.fileName)}</td><td>${esc(i.format)}</td><td>${esc(i.state)}</td><td class="r">${esc(num(i.rowsRead))}</td><td class="r">${esc(num(i.rowsImported))}</td><td class="r">${esc(num(i.rowsRejected))}</td><td>${esc(i.createdAt)}</td></tr>`)
        .join('');
      const cols = s.columns.map((c) => `<tr><td>${val(c.name)}</td><td>${esc(c.feeds.join(', ') || '—')}</td><td>${esc(c.imports.map((x) => `#${x}`).join(', '))}</td></tr>`).join('');
      return `<h3>${val(s.name)} <span class="muted">(${esc(s.kind)}, ${esc(num(s.records))} records, ${esc(num(s.rejects))} rejects)</span></h3>
<table><thead><tr><th>Import</th><th>File</th><th>Format</th><th>State</th><th class="r">Read</th><th class="r">Imported</th><th class="r">Rejected</th><th>Created</th></tr></thead><tbody>${imports || '<tr><td colspan="8" class="muted">No imports</td></tr>'}</tbody></table>
<table><thead><tr><th>Source column</th><th>Feeds (canonical)</th><th>Imports</th></tr></thead><tbody>${cols || '<tr><td colspan="3" class="muted">No columns recorded</td></tr>'}</tbody></table>`;
    })
    .join('');
  const lineage = Object.entries(cat.lineage)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([attr, from]) => `<tr><td>${esc(attr)}</td><td>${from.map((f) => `${val(f.source)} · #${esc(f.importId)} · ${val(f.column)}`).join('<br>')}</td></tr>`)
    .join('');
  const tables = cat.tables
    .map((t) => `<tr><td>${esc(t.name)}</td><td class="r">${t.rows === null ? '—' : esc(num(t.rows))}</td><td>${t.columns.map((c) => `${esc(c.name)} <span class="muted">${esc(c.type || 'any')}${c.primaryKey ? ' pk' : ''}${c.notNull ? ' not null' : ''}</span>`).join(', ')}</td></tr>`)
    .join('');
  return `<h2 id="catalogue">Catalogue</h2>${sources}<h3>Lineage</h3><table><thead><tr><th>Canonical attribute</th><th>Fed by (source · import · column)</th></tr></thead><tbody>${lineage || '<tr><td colspan="2" class="muted">No mapped columns</td></tr>'}</tbody></table>
<h3>Tables</h3><table><thead><tr><th>Table</th><th class="r">Rows</th><th>Columns</th></tr></thead><tbody>${tables}</tbody></table>`;
}

const CSS = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;margin:0;background:#f5f7fa}
main{max-width:1180px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 8px}h4{font-size:13px;margin:12px 0 6px;color:#52606d;text-transform:uppercase;letter-spacing:.04em}
.muted{color:#7b8794;font-weight:normal}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}.card{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:20px}.card span{color:#52606d;font-size:12px}table{border-collapse:collapse;background:#fff;margin:6px 0 12px;width:100%}
th,td{border:1px solid #e4e7eb;padding:4px 8px;text-align:left;vertical-align:top;word-break:break-word}th{background:#f0f4f8;font-weight:600}.r{text-align:right;white-space:nowrap}
section.col{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:4px 16px 12px;margin:14px 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
dt{color:#52606d}dd{margin:0}.chart text{font-size:11px;fill:#323f4b}.chart .lbl{font-size:11px}.charts{display:flex;gap:24px;flex-wrap:wrap}figure{margin:0}figcaption{font-size:12px;color:#52606d}
.two{display:grid;grid-template-columns:minmax(0,560px) minmax(0,1fr);gap:18px}.shapes code,td code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;background:#f0f4f8;padding:0 3px;border-radius:3px}
.share{display:flex;align-items:center;gap:8px;margin:3px 0}.share .lbl{min-width:260px;color:#52606d}.pii{padding:1px 6px;border-radius:8px;font-size:12px;background:#e4e7eb}
.pii-name,.pii-email,.pii-phone,.pii-address,.pii-date_of_birth{background:#ffe8d9}.pii-national_id,.pii-tax_id,.pii-account_number{background:#ffbdbd}.pii-free_text{background:#fff3c4}
nav a{margin-right:12px}@media print{body{background:#fff}}`;

/** The whole report as one HTML document (a string). */
export function renderProfileHtml(report: ProfileReport, cat: Catalogue): string {
  const s = report.summary;
  const cards = [
    ['Rows', num(report.rows)],
    ['Columns', num(report.columns.length)],
    ['Malformed emails', `${pct(s.emails.malformedShare)}`],
    ['Malformed phones', `${pct(s.phones.malformedShare)}`],
    ['Duplicate emails', num(s.duplicates.email.duplicates)],
    ['Duplicate phones', num(s.duplicates.phone.duplicates)],
    ['Duplicate name + dob', num(s.duplicates.nameDob.duplicates)],
  ]
    .map(([k, v]) => `<div class="card"><b>${esc(v)}</b><span>${esc(k)}</span></div>`)
    .join('');
  const qrows = report.sources.length > 1 ? qualityRow('All sources', s) + report.sources.map((q) => qualityRow(q.name, q)).join('') : report.sources.map((q) => qualityRow(q.name, q)).join('');
  const notes = report.notes.length ? `<h2>Notes</h2><ul>${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Aerie profile — ${report.title}`)}</title><style>${CSS}</style></head>
<body><main>
<h1>${esc(report.title)}</h1>
<div class="muted">Profiled ${esc(report.createdAt)} · ${esc(num(report.rows))} rows in ${esc(report.seconds.toFixed(1))} s · default country ${esc(report.defaultCountry)} · scope <code>${esc(report.scope)}</code></div>
<nav><a href="#quality">Quality</a><a href="#nulls">Nulls</a><a href="#columns">Columns</a><a href="#catalogue">Catalogue</a></nav>
<div class="cards">${cards}</div>
<h2 id="quality">Quality by source</h2>
<table><thead><tr><th>Source</th><th class="r">Rows</th><th class="r">Malformed emails</th><th class="r">Malformed phones</th><th class="r">Duplicate emails</th><th class="r">Duplicate phones</th><th class="r">Duplicate name + dob</th></tr></thead><tbody>${qrows}</tbody></table>
<h2 id="nulls">Null and blank rates</h2>${nullChart(report.columns)}
<h2 id="columns">Columns</h2>
<table><thead><tr><th>Column</th><th>Feeds</th><th>Type</th><th>PII</th><th class="r">Null</th><th class="r">Blank</th><th class="r">Distinct</th><th class="r">Length</th><th>Validity</th></tr></thead><tbody>${report.columns.map(overviewRow).join('')}</tbody></table>
${report.columns.map(columnSection).join('\n')}
${catalogueSection(cat)}
${notes}
</main></body></html>`;
}
