// Signed values as bars left (negative) or right (positive) of a zero line, optionally with one
// marked reference value (a threshold): match weights in bits. Inline SVG with an accessible
// description; the numbers are written beside each bar.
import './charts.css';
import { truncate } from './chart-utils.js';
import { fmtSigned } from '../format.js';

export interface SignedBar {
  label: string;
  value: number;
}

interface Props {
  title: string;
  items: SignedBar[];
  width?: number;
  /** Formats a value for the labels (default: sign and two decimals, typographic minus). */
  format?: (v: number) => string;
}

const ROW = 20;
const LABEL_W = 150;
const VALUE_W = 56;

export const signed = (n: number) => fmtSigned(n, 2);

export function DivergingBars({ title, items, width = 420, format = signed }: Props) {
  if (items.length === 0) return <p className="muted chart-empty">{title}: no values.</p>;
  const lo = Math.min(0, ...items.map((i) => i.value));
  const hi = Math.max(0, ...items.map((i) => i.value));
  const span = hi - lo || 1;
  const plotW = width - LABEL_W - VALUE_W * 2;
  const x = (v: number) => LABEL_W + VALUE_W + ((v - lo) / span) * plotW;
  const height = items.length * ROW + 4;
  const desc = items.map((i) => `${i.label}: ${format(i.value)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${desc}`}>
        <title>{title}</title>
        <line x1={x(0)} x2={x(0)} y1={0} y2={height} className="chart-axis" />
        {items.map((it, i) => {
          const y = i * ROW + 2;
          const left = Math.min(x(0), x(it.value));
          const w = Math.max(1, Math.abs(x(it.value) - x(0)));
          const pos = it.value >= 0;
          return (
            <g key={`${it.label}-${i}`}>
              <text x={LABEL_W - 6} y={y + 14} textAnchor="end" className="chart-label">
                <title>{it.label}</title>
                {truncate(it.label, 22)}
              </text>
              <rect x={left} y={y + 3} width={w} height={ROW - 6} rx={2} className={pos ? 'chart-fill-ok' : 'chart-fill-bad'}>
                <title>{`${it.label}: ${format(it.value)}`}</title>
              </rect>
              <text x={pos ? left + w + 4 : left - 4} y={y + 14} textAnchor={pos ? 'start' : 'end'} className="chart-value">
                {format(it.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
