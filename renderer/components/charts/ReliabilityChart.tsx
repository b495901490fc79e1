// Calibration: each bin's mean predicted probability against the rate observed in it, the diagonal
// being perfect calibration; a dot's area follows how many rows the bin holds. Inline SVG; the
// accessible name lists every bin (there are about ten).
import './charts.css';
import { fmtFixed, fmtInt, fmtPercent, svgNum } from '../format.js';

export interface ReliabilityPoint {
  lo: number;
  hi: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

interface Props {
  title: string;
  bins: ReliabilityPoint[];
  /** E.g. "Brier 0.112", written beside the title and in the name. */
  figure?: string;
  width?: number;
  height?: number;
  testId?: string;
}

const PAD = { left: 44, right: 12, top: 8, bottom: 34 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];
const clamp = (v: number) => Math.max(0, Math.min(1, v));
const pct = (v: number) => fmtPercent(v, 1);

export function ReliabilityChart({ title, bins, figure, width = 340, height = 300, testId }: Props) {
  if (bins.length === 0) return <p className="muted chart-empty">{title}: no bins.</p>;
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + clamp(v) * w;
  const y = (v: number) => PAD.top + (1 - clamp(v)) * h;
  const most = Math.max(...bins.map((b) => b.count), 1);
  const r = (n: number) => 3 + 7 * Math.sqrt(n / most);
  const line = bins.map((b, i) => `${i ? 'L' : 'M'}${svgNum(x(b.meanPredicted))},${svgNum(y(b.observedRate))}`).join(' ');
  const label = (b: ReliabilityPoint) => `${fmtFixed(b.lo, 1)}–${fmtFixed(b.hi, 1)}: predicted ${pct(b.meanPredicted)}, observed ${pct(b.observedRate)} (${fmtInt(b.count)} rows)`;
  const desc = `${figure ? `${figure}. ` : ''}${bins.map(label).join('; ')}`;
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
              {t}
            </text>
            <text x={x(t)} y={height - PAD.bottom + 14} textAnchor="middle" className="chart-tick">
              {t}
            </text>
          </g>
        ))}
        <text x={PAD.left + w / 2} y={height - 4} textAnchor="middle" className="chart-label">
          Predicted probability
        </text>
        <text x={12} y={PAD.top + h / 2} textAnchor="middle" className="chart-label" transform={`rotate(-90 12 ${PAD.top + h / 2})`}>
          Observed rate
        </text>
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chart-reference">
          <title>Perfect calibration</title>
        </line>
        <path d={line} className="chart-line" opacity={0.6} />
        {bins.map((b) => (
          <circle key={`${b.lo}-${b.hi}`} cx={x(b.meanPredicted)} cy={y(b.observedRate)} r={r(b.count)} className="chart-dot">
            <title>{label(b)}</title>
          </circle>
        ))}
      </svg>
      <ul className="chart-legend">
        <li>
          <span className="swatch chart-fill-accent" />
          Bins (area ∝ rows)
        </li>
        <li>
          <span className="swatch swatch-dashed" />
          Perfect calibration
        </li>
      </ul>
    </figure>
  );
}
