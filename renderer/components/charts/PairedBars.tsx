// Two bars per row on one 0–1 scale (the m and u probabilities of each comparison level): inline
// SVG, no library. The chart has an accessible name and a plain-text description of every value.
import './charts.css';
import { truncate } from './chart-utils.js';
import { fmtFixed, fmtSci } from '../format.js';

export interface PairedBarRow {
  label: string;
  first: number;
  second: number;
}

interface Props {
  title: string;
  rows: PairedBarRow[];
  /** Names of the two series (legend and description). */
  names: [string, string];
  width?: number;
}

const ROW = 30;
const LABEL_W = 150;
const VALUE_W = 60;

const fmt = (v: number) => (v >= 0.01 || v === 0 ? fmtFixed(v, 3) : fmtSci(v, 1));

export function PairedBars({ title, rows, names, width = 420 }: Props) {
  if (rows.length === 0) return <p className="muted chart-empty">{title}: no values.</p>;
  const barW = width - LABEL_W - VALUE_W - 8;
  const height = rows.length * ROW + 4;
  const desc = rows.map((r) => `${r.label}: ${names[0]} ${fmt(r.first)}, ${names[1]} ${fmt(r.second)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${desc}`}>
        <title>{title}</title>
        {rows.map((r, i) => {
          const y = i * ROW + 2;
          const w1 = Math.max(1, r.first * barW);
          const w2 = Math.max(1, r.second * barW);
          return (
            <g key={`${r.label}-${i}`}>
              <text x={LABEL_W - 6} y={y + 18} textAnchor="end" className="chart-label">
                <title>{r.label}</title>
                {truncate(r.label, 22)}
              </text>
              <rect x={LABEL_W} y={y + 2} width={w1} height={10} rx={2} className="chart-fill-accent">
                <title>{`${r.label}: ${names[0]} ${fmt(r.first)}`}</title>
              </rect>
              <rect x={LABEL_W} y={y + 14} width={w2} height={10} rx={2} className="chart-fill-muted">
                <title>{`${r.label}: ${names[1]} ${fmt(r.second)}`}</title>
              </rect>
              <text x={LABEL_W + w1 + 4} y={y + 11} className="chart-value">
                {fmt(r.first)}
              </text>
              <text x={LABEL_W + w2 + 4} y={y + 24} className="chart-value">
                {fmt(r.second)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend">
        <li>
          <span className="swatch chart-fill-accent" />
          {names[0]}
        </li>
        <li>
          <span className="swatch chart-fill-muted" />
          {names[1]}
        </li>
      </ul>
    </figure>
  );
}
