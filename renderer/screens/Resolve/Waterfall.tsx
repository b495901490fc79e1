// A waterfall of additive steps (match weights in bits): each bar runs from the total before the
// step to the total after it. Inline SVG, no library, kept in this one component so a charting
// library can replace it later. The numbers themselves are in the table beside it.
import '../../components/charts/charts.css';
import { fmtMinus, fmtSigned } from '../../components/format.js';

export interface WaterfallStep {
  label: string;
  delta: number;
}

const ROW = 22;
const LABEL_W = 170;
const VALUE_W = 64;

export function Waterfall({ title, steps, width = 560 }: { title: string; steps: WaterfallStep[]; width?: number }) {
  if (steps.length === 0) return null;
  const totals: number[] = [];
  let run = 0;
  for (const s of steps) totals.push((run += s.delta));
  const ends = [0, ...totals];
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const span = hi - lo || 1;
  const plotW = width - LABEL_W - VALUE_W;
  const x = (v: number) => LABEL_W + ((v - lo) / span) * plotW;
  const height = steps.length * ROW + 4;
  const desc = steps.map((s, i) => `${s.label}: ${sign(s.delta)}, total ${fmtMinus(totals[i]!, 2)}`).join('; ');
  return (
    <figure className="chart waterfall">
      <figcaption className="chart-title">{title}</figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${desc}`}>
        <title>{title}</title>
        <line x1={x(0)} x2={x(0)} y1={0} y2={height} className="chart-axis" />
        {steps.map((s, i) => {
          const from = i === 0 ? 0 : totals[i - 1]!;
          const to = totals[i]!;
          const y = i * ROW + 2;
          const left = x(Math.min(from, to));
          const w = Math.max(1, Math.abs(x(to) - x(from)));
          return (
            <g key={`${s.label}-${i}`}>
              <text x={LABEL_W - 6} y={y + 15} textAnchor="end" className="chart-label">
                {s.label.length > 24 ? `${s.label.slice(0, 23)}…` : s.label}
              </text>
              <rect x={left} y={y + 4} width={w} height={ROW - 8} rx={2} className={s.delta >= 0 ? 'chart-fill-ok' : 'chart-fill-bad'}>
                <title>{`${s.label}: ${sign(s.delta)}`}</title>
              </rect>
              <text x={width - 4} y={y + 15} textAnchor="end" className="chart-value">
                {sign(s.delta)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export const sign = (n: number) => fmtSigned(n, 2);
