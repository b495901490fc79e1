// Precision against recall as the threshold moves, with marked thresholds (the run's, the chosen
// one): inline SVG, no library. Its accessible name says where each mark lies; the figures beside
// it carry the exact numbers.
import './charts.css';
import { fmtDecimal, fmtPercent, svgNum } from '../format.js';

export interface PrPoint {
  threshold: number;
  precision: number;
  recall: number;
}

export interface PrMark {
  label: string;
  threshold: number;
  /** ring: an open circle (drawn under the dots, so a dot at the same place stays visible); dot: filled. */
  tone: 'accent' | 'warn';
  shape?: 'ring' | 'dot';
}

interface Props {
  title: string;
  points: PrPoint[];
  marks: PrMark[];
  width?: number;
  height?: number;
}

const PAD = { left: 44, right: 12, top: 8, bottom: 34 };
const pct = (v: number) => fmtPercent(v, 1);

/** The point of the curve at (or nearest to) a threshold. */
export function pointAt<T extends PrPoint>(points: T[], threshold: number): T | undefined {
  let best: T | undefined;
  for (const p of points) if (!best || Math.abs(p.threshold - threshold) < Math.abs(best.threshold - threshold)) best = p;
  return best;
}

export function PrCurve({ title, points, marks, width = 420, height = 300 }: Props) {
  if (points.length === 0) return <p className="muted chart-empty">{title}: no points.</p>;
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  // axes start at the tenth below the lowest value (a good model's curve hugs the top-right corner)
  const x0 = Math.min(0.9, Math.floor(Math.min(...points.map((p) => p.recall)) * 10) / 10);
  const y0 = Math.min(0.9, Math.floor(Math.min(...points.map((p) => p.precision)) * 10) / 10);
  const x = (r: number) => PAD.left + ((r - x0) / (1 - x0)) * w;
  const y = (p: number) => PAD.top + (1 - (p - y0) / (1 - y0)) * h;
  const byRecall = [...points].sort((a, b) => a.recall - b.recall || b.precision - a.precision);
  const path = byRecall.map((p, i) => `${i ? 'L' : 'M'}${svgNum(x(p.recall))},${svgNum(y(p.precision))}`).join(' ');
  const placed = [...marks].sort((a, b) => (a.shape === 'ring' ? 0 : 1) - (b.shape === 'ring' ? 0 : 1)).map((m) => ({ m, p: pointAt(points, m.threshold) })).filter((x): x is { m: PrMark; p: PrPoint } => x.p !== undefined);
  const desc = placed.map(({ m, p }) => `${m.label} (threshold ${fmtDecimal(p.threshold, 6)}): precision ${pct(p.precision)}, recall ${pct(p.recall)}`).join('; ');
  const ticksFrom = (lo: number) => [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round((lo + f * (1 - lo)) * 1000) / 1000);
  return (
    <figure className="chart pr-curve">
      <figcaption className="chart-title">{title}</figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${desc}`}>
        <title>{title}</title>
        {ticksFrom(y0).map((t) => (
          <g key={`y${t}`}>
            <line x1={x(x0)} x2={x(1)} y1={y(t)} y2={y(t)} className="chart-axis" opacity={0.5} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {fmtDecimal(t, 3)}
            </text>
          </g>
        ))}
        {ticksFrom(x0).map((t) => (
          <text key={`x${t}`} x={x(t)} y={height - PAD.bottom + 14} textAnchor="middle" className="chart-tick">
            {fmtDecimal(t, 3)}
          </text>
        ))}
        <text x={PAD.left + w / 2} y={height - 4} textAnchor="middle" className="chart-label">
          Recall
        </text>
        <text x={12} y={PAD.top + h / 2} textAnchor="middle" className="chart-label" transform={`rotate(-90 12 ${PAD.top + h / 2})`}>
          Precision
        </text>
        <path d={path} className="chart-line" />
        {placed.map(({ m, p }) => (
          <circle
            key={m.label}
            cx={x(p.recall)}
            cy={y(p.precision)}
            r={m.shape === 'ring' ? 8 : 4.5}
            className={m.shape === 'ring' ? `chart-ring chart-stroke-${m.tone}` : `chart-mark chart-fill-${m.tone}`}
            data-threshold={p.threshold}
          >
            <title>{`${m.label}: threshold ${fmtDecimal(p.threshold, 6)}, precision ${pct(p.precision)}, recall ${pct(p.recall)}`}</title>
          </circle>
        ))}
      </svg>
      <ul className="chart-legend">
        {placed.map(({ m, p }) => (
          <li key={m.label}>
            <span className={`swatch chart-fill-${m.tone}${m.shape === 'ring' ? ' swatch-ring' : ''}`} />
            {m.label} ({fmtDecimal(p.threshold, 6)})
          </li>
        ))}
      </ul>
    </figure>
  );
}
