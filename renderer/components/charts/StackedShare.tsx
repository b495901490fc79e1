// One horizontal bar split into shares (e.g. filled / blank / null) with a legend: inline SVG.
import './charts.css';
import { fmtInt, fmtShare } from '../format.js';

export interface SharePart {
  label: string;
  value: number;
  tone: 'ok' | 'warn' | 'bad' | 'muted' | 'accent';
}

export function StackedShare({ title, parts, width = 300 }: { title: string; parts: SharePart[]; width?: number }) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  let x = 0;
  const desc = parts.map((p) => `${p.label} ${fmtShare(total ? p.value / total : 0)}`).join(', ');
  return (
    <figure className="chart chart-share">
      <figcaption className="chart-title">{title}</figcaption>
      <svg className="chart-svg" width={width} height={14} viewBox={`0 0 ${width} 14`} role="img" aria-label={`${title}: ${desc}`}>
        <title>{`${title}: ${desc}`}</title>
        <rect x={0} y={0} width={width} height={14} rx={3} className="chart-track" />
        {parts.map((p) => {
          const w = total ? (p.value / total) * width : 0;
          const r = (
            <rect key={p.label} x={x} y={0} width={w} height={14} className={`chart-fill-${p.tone}`}>
              <title>{`${p.label}: ${fmtInt(p.value)} (${fmtShare(total ? p.value / total : 0)})`}</title>
            </rect>
          );
          x += w;
          return r;
        })}
      </svg>
      <ul className="chart-legend">
        {parts.map((p) => (
          <li key={p.label}>
            <span className={`swatch chart-fill-${p.tone}`} aria-hidden="true" />
            {p.label} {fmtShare(total ? p.value / total : 0)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
