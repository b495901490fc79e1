// A curve in the unit square (ROC: false against true positive rate; precision against recall),
// with the no-skill reference: the diagonal, or a level line (the positive rate on a PR chart).
// Inline SVG, no library; the accessible name carries the headline figure and a few points.
import './charts.css';
import { fmtDecimal, fmtFixed, svgNum } from '../format.js';

export interface CurvePoint {
  x: number;
  y: number;
}

interface Props {
  title: string;
  points: CurvePoint[];
  xLabel: string;
  yLabel: string;
  /** The headline figure written on the chart and in its name, e.g. "AUC 0.812". */
  figure?: string;
  /** No-skill line: 'diagonal' (y = x) or a level y value. */
  reference?: 'diagonal' | number;
  referenceLabel?: string;
  width?: number;
  height?: number;
  testId?: string;
}

const PAD = { left: 44, right: 12, top: 8, bottom: 34 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];
const clamp = (v: number) => Math.max(0, Math.min(1, v));

/** At most `n` points spread along the curve, for the description (a screen reader cannot take 100). */
function sample(points: CurvePoint[], n: number): CurvePoint[] {
  if (points.length <= n) return points;
  return Array.from({ length: n }, (_, i) => points[Math.round((i * (points.length - 1)) / (n - 1))]!);
}

export function CurveChart({ title, points, xLabel, yLabel, figure, reference, referenceLabel, width = 340, height = 300, testId }: Props) {
  if (points.length === 0) return <p className="muted chart-empty">{title}: no points.</p>;
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + clamp(v) * w;
  const y = (v: number) => PAD.top + (1 - clamp(v)) * h;
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const path = sorted.map((p, i) => `${i ? 'L' : 'M'}${svgNum(x(p.x))},${svgNum(y(p.y))}`).join(' ');
  const f = (v: number) => fmtFixed(v, 2);
  const desc = `${figure ? `${figure}. ` : ''}${sample(sorted, 6)
    .map((p) => `${xLabel} ${f(p.x)}: ${yLabel} ${f(p.y)}`)
    .join('; ')}`;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">
        {title}
        {figure && <span className="muted"> · {figure}</span>}
      </figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${desc}`}>
        <title>{title}</title>
        {TICKS.map((t) => (
          <g key={t}>
            <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} className="chart-axis" opacity={0.5} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {fmtDecimal(t, 2)}
            </text>
            <text x={x(t)} y={height - PAD.bottom + 14} textAnchor="middle" className="chart-tick">
              {fmtDecimal(t, 2)}
            </text>
          </g>
        ))}
        <text x={PAD.left + w / 2} y={height - 4} textAnchor="middle" className="chart-label">
          {xLabel}
        </text>
        <text x={12} y={PAD.top + h / 2} textAnchor="middle" className="chart-label" transform={`rotate(-90 12 ${PAD.top + h / 2})`}>
          {yLabel}
        </text>
        {reference !== undefined && (
          <line
            x1={x(0)}
            y1={y(reference === 'diagonal' ? 0 : reference)}
            x2={x(1)}
            y2={y(reference === 'diagonal' ? 1 : reference)}
            className="chart-reference"
          >
            <title>{referenceLabel ?? 'No skill'}</title>
          </line>
        )}
        <path d={path} className="chart-line" />
      </svg>
      {reference !== undefined && (
        <ul className="chart-legend">
          <li>
            <span className="swatch chart-fill-accent" />
            Model
          </li>
          <li>
            <span className="swatch swatch-dashed" />
            {referenceLabel ?? 'No skill'}
          </li>
        </ul>
      )}
    </figure>
  );
}
