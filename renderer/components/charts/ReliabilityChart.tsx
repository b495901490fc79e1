// Calibration: each bin's mean predicted probability against the rate observed in it, the diagonal
// being perfect calibration; a dot's area follows how many rows the bin holds. Inline SVG; the
// accessible name lists every bin (there are about ten).
import { fmtFixed, fmtInt, fmtPercent, svgNum } from '../format.js';
import { UnitSquareFrame, unitSquare } from './UnitSquareFrame.js';

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

const pct = (v: number) => fmtPercent(v, 1);

export function ReliabilityChart({ title, bins, figure, width = 340, height = 300, testId }: Props) {
  if (bins.length === 0) return <p className="muted chart-empty">{title}: no bins.</p>;
  const { x, y } = unitSquare(width, height);
  const most = Math.max(...bins.map((b) => b.count), 1);
  const r = (n: number) => 3 + 7 * Math.sqrt(n / most);
  const line = bins.map((b, i) => `${i ? 'L' : 'M'}${svgNum(x(b.meanPredicted))},${svgNum(y(b.observedRate))}`).join(' ');
  const label = (b: ReliabilityPoint) => `${fmtFixed(b.lo, 1)}–${fmtFixed(b.hi, 1)}: predicted ${pct(b.meanPredicted)}, observed ${pct(b.observedRate)} (${fmtInt(b.count)} rows)`;
  const desc = `${figure ? `${figure}. ` : ''}${bins.map(label).join('; ')}`;
  return (
    <UnitSquareFrame
      title={title}
      figure={figure}
      description={desc}
      xLabel="Predicted probability"
      yLabel="Observed rate"
      width={width}
      height={height}
      testId={testId}
      legend={[
        { label: 'Bins (area ∝ rows)', swatch: 'accent' },
        { label: 'Perfect calibration', swatch: 'dashed' },
      ]}
    >
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chart-reference">
        <title>Perfect calibration</title>
      </line>
      <path d={line} className="chart-line" opacity={0.6} />
      {bins.map((b) => (
        <circle key={`${b.lo}-${b.hi}`} cx={x(b.meanPredicted)} cy={y(b.observedRate)} r={r(b.count)} className="chart-dot">
          <title>{label(b)}</title>
        </circle>
      ))}
    </UnitSquareFrame>
  );
}
