// The two charts of the results page, as inline SVG: effect with its 95% CI (one row per
// comparison, zero line) and the sequential view over the looks (group sequential: z against ±boundary;
// mSPRT: the always-valid confidence sequence). The HTML report
// (engine/experiments/report.ts) draws the same charts.
import { fmtMinus, fmtPercent, fmtPoints, svgNum } from '../../components/format.js';

export interface EffectRow { label: string; estimate: number; lower: number; upper: number }

export function EffectChart({ rows, format, title }: { rows: EffectRow[]; format: (x: number) => string; title: string }) {
  const W = 560, rowH = 30, left = 180, right = 24, H = rowH * rows.length + 30;
  const lo = Math.min(0, ...rows.map((r) => r.lower)), hi = Math.max(0, ...rows.map((r) => r.upper));
  const pad = (hi - lo || 1) * 0.08;
  const x = (v: number) => left + ((v - (lo - pad)) / (hi - lo + 2 * pad)) * (W - left - right);
  const label = `${title}. ${rows.map((r) => `${r.label}: ${format(r.estimate)} (95% CI ${format(r.lower)} to ${format(r.upper)})`).join('; ')}`;
  return (
    <svg className="exp-chart" width={W} height={H} role="img" aria-label={label} data-testid="effect-chart">
      <line x1={x(0)} x2={x(0)} y1={6} y2={H - 14} stroke="#888" strokeDasharray="4 3" />
      <text x={x(0)} y={H - 2} fontSize={10} textAnchor="middle">0 (no effect)</text>
      {rows.map((r, i) => {
        const y = 22 + i * rowH;
        return (
          <g key={r.label}>
            <text x={4} y={y + 4} fontSize={12}>{r.label}</text>
            <line x1={x(r.lower)} x2={x(r.upper)} y1={y} y2={y} stroke="#1f5fa8" strokeWidth={3} />
            <circle cx={x(r.estimate)} cy={y} r={5} fill="#1f5fa8" />
            <text x={x(r.upper)} y={y - 8} fontSize={10} textAnchor="end">{`${format(r.estimate)} [${format(r.lower)}, ${format(r.upper)}]`}</text>
          </g>
        );
      })}
    </svg>
  );
}

export interface SeqStep { look: number; difference: number; lower: number; upper: number; rejected: boolean }

export function SequentialChart({ steps, method, format }: { steps: SeqStep[]; method: string; format: (x: number) => string }) {
  const W = 560, H = 200, l = 56, r = 10, t = 10, b = 30;
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  const vals = steps.flatMap((s) => [finite(s.lower), finite(s.upper), s.difference, 0]);
  const lo = Math.min(...vals), hi = Math.max(...vals);
  const x = (i: number) => l + (steps.length < 2 ? 0.5 : i / (steps.length - 1)) * (W - l - r);
  const y = (v: number) => t + (1 - (v - lo) / (hi - lo || 1)) * (H - t - b);
  const path = (f: (s: SeqStep) => number) => steps.map((s, i) => `${i ? 'L' : 'M'}${svgNum(x(i))},${svgNum(y(finite(f(s))))}`).join(' ');
  const first = steps.findIndex((s) => s.rejected);
  const last = steps.at(-1);
  const label = `Sequential boundary, ${method}: ${steps.length} looks; last difference ${last ? format(last.difference) : '–'}, always-valid interval ${last ? `${format(last.lower)} to ${format(last.upper)}` : '–'}; ${first >= 0 ? `boundary crossed at look ${first + 1}` : 'boundary not crossed'}.`;
  return (
    <svg className="exp-chart" width={W} height={H} role="img" aria-label={label} data-testid="sequential-chart">
      <line x1={l} x2={W - r} y1={y(0)} y2={y(0)} stroke="#888" strokeDasharray="4 3" />
      <path d={path((s) => s.upper)} fill="none" stroke="#c77" strokeWidth={1.5} />
      <path d={path((s) => s.lower)} fill="none" stroke="#c77" strokeWidth={1.5} />
      <path d={path((s) => s.difference)} fill="none" stroke="#1f5fa8" strokeWidth={2} />
      {first >= 0 && <circle cx={x(first)} cy={y(steps[first]!.difference)} r={5} fill="#2a7" />}
      <text x={l} y={H - 8} fontSize={10}>look 1</text>
      <text x={W - r} y={H - 8} fontSize={10} textAnchor="end">{`look ${steps.length}`}</text>
      <text x={4} y={y(hi) + 10} fontSize={10}>{format(hi)}</text>
      <text x={4} y={y(lo)} fontSize={10}>{format(lo)}</text>
    </svg>
  );
}

export interface BoundaryStep { look: number; z: number; boundary: number | null; spent: number; lower: number; upper: number; rejected: boolean }

/** Group sequential: observed z per look between ±its boundary (a look with no α to spend has none). */
export function BoundaryChart({ steps, method, alpha, format }: { steps: BoundaryStep[]; method: string; alpha: number; format: (x: number) => string }) {
  const W = 560, H = 200, l = 56, r = 10, t = 10, b = 30;
  const shown = steps.map((s) => (s.boundary === null ? null : Math.min(s.boundary, 8))); // very early O'Brien–Fleming boundaries are clipped at 8 so later looks stay readable
  const hi = Math.max(2, ...steps.map((s) => Math.abs(s.z)), ...shown.map((c) => c ?? 0)) * 1.05, lo = -hi;
  const x = (i: number) => l + (steps.length < 2 ? 0.5 : i / (steps.length - 1)) * (W - l - r);
  const y = (v: number) => t + (1 - (v - lo) / (hi - lo)) * (H - t - b);
  const edge = (sign: number) => shown.map((c, i) => (c === null ? '' : `${i && shown[i - 1] !== null ? 'L' : 'M'}${svgNum(x(i))},${svgNum(y(sign * c))}`)).join(' ');
  const first = steps.findIndex((s) => s.rejected);
  const last = steps.at(-1);
  const label = `Sequential boundary, ${method}: ${steps.length} looks; last z ${last ? fmtMinus(last.z, 2) : '–'} against ±${last?.boundary != null ? fmtMinus(last.boundary, 2) : '–'}, α spent ${last ? fmtMinus(last.spent, 4) : '–'} of ${fmtMinus(alpha, 2)}; repeated confidence interval ${last ? `${format(last.lower)} to ${format(last.upper)}` : '–'}; ${first >= 0 ? `boundary crossed at look ${first + 1}` : 'boundary not crossed'}.`;
  return (
    <svg className="exp-chart" width={W} height={H} role="img" aria-label={label} data-testid="sequential-chart">
      <line x1={l} x2={W - r} y1={y(0)} y2={y(0)} stroke="#888" strokeDasharray="4 3" />
      <path d={edge(1)} fill="none" stroke="#c77" strokeWidth={1.5} data-testid="boundary-upper" />
      <path d={edge(-1)} fill="none" stroke="#c77" strokeWidth={1.5} />
      <path d={steps.map((s, i) => `${i ? 'L' : 'M'}${svgNum(x(i))},${svgNum(y(s.z))}`).join(' ')} fill="none" stroke="#1f5fa8" strokeWidth={2} />
      {first >= 0 && <circle cx={x(first)} cy={y(steps[first]!.z)} r={5} fill="#2a7" />}
      <text x={l} y={H - 8} fontSize={10}>look 1</text>
      <text x={W - r} y={H - 8} fontSize={10} textAnchor="end">{`look ${steps.length}`}</text>
      <text x={4} y={y(hi) + 10} fontSize={10}>{`z ${fmtMinus(hi, 1)}`}</text>
      <text x={4} y={y(lo)} fontSize={10}>{`z ${fmtMinus(lo, 1)}`}</text>
    </svg>
  );
}

export const pct = (x: number, d = 2) => fmtPercent(x, d);
export const pts = (x: number) => fmtPoints(x, 2);
export const dec = (x: number, d = 2) => fmtMinus(x, d);
