// A curve in the unit square (ROC: false against true positive rate; precision against recall),
// with the no-skill reference: the diagonal, or a level line (the positive rate on a PR chart).
// Inline SVG, no library; the accessible name carries the headline figure and a few points.
import { fmtFixed, svgNum } from '../format.js';
import { UnitSquareFrame, unitSquare } from './UnitSquareFrame.js';

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

/** At most `n` points spread along the curve, for the description (a screen reader cannot take 100). */
function sample(points: CurvePoint[], n: number): CurvePoint[] {
  if (points.length <= n) return points;
  return Array.from({ length: n }, (_, i) => points[Math.round((i * (points.length - 1)) / (n - 1))]!);
}

export function CurveChart({ title, points, xLabel, yLabel, figure, reference, referenceLabel, width = 340, height = 300, testId }: Props) {
  if (points.length === 0) return <p className="muted chart-empty">{title}: no points.</p>;
  const { x, y } = unitSquare(width, height);
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const path = sorted.map((p, i) => `${i ? 'L' : 'M'}${svgNum(x(p.x))},${svgNum(y(p.y))}`).join(' ');
  const f = (v: number) => fmtFixed(v, 2);
  const desc = `${figure ? `${figure}. ` : ''}${sample(sorted, 6)
    .map((p) => `${xLabel} ${f(p.x)}: ${yLabel} ${f(p.y)}`)
    .join('; ')}`;
  const noSkill = referenceLabel ?? 'No skill';
  return (
    <UnitSquareFrame
      title={title}
      figure={figure}
      description={desc}
      xLabel={xLabel}
      yLabel={yLabel}
      width={width}
      height={height}
      testId={testId}
      legend={reference === undefined ? undefined : [{ label: 'Model', swatch: 'accent' }, { label: noSkill, swatch: 'dashed' }]}
    >
      {reference !== undefined && (
        <line
          x1={x(0)}
          y1={y(reference === 'diagonal' ? 0 : reference)}
          x2={x(1)}
          y2={y(reference === 'diagonal' ? 1 : reference)}
          className="chart-reference"
        >
          <title>{noSkill}</title>
        </line>
      )}
      <path d={path} className="chart-line" />
    </UnitSquareFrame>
  );
}
