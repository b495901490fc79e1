// The frame shared by charts drawn in the unit square (ROC, precision–recall, calibration): the
// caption with its headline figure, grid lines and ticks at quarters, axis labels and the legend.
// The chart draws its marks as children, placing them with the scales from unitSquare().
import type { ReactNode } from 'react';
import './charts.css';
import { fmtDecimal } from '../format.js';

const PAD = { left: 44, right: 12, top: 8, bottom: 34 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];
const clamp = (v: number) => Math.max(0, Math.min(1, v));

export interface UnitScales {
  /** SVG x of a value in [0, 1] (clamped). */
  x: (v: number) => number;
  /** SVG y of a value in [0, 1] (clamped; 1 is at the top). */
  y: (v: number) => number;
}

/** Scales from [0, 1] to the plot area of a frame of this size. */
export function unitSquare(width: number, height: number): UnitScales {
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  return { x: (v) => PAD.left + clamp(v) * w, y: (v) => PAD.top + (1 - clamp(v)) * h };
}

export interface LegendItem {
  label: string;
  /** Swatch class: the chart's own mark or the dashed reference line. */
  swatch: 'accent' | 'dashed';
}

interface Props {
  title: string;
  /** Headline figure beside the title, e.g. "AUC 0.812". */
  figure?: string;
  /** Full accessible description (after the title) of what the chart shows. */
  description: string;
  xLabel: string;
  yLabel: string;
  width: number;
  height: number;
  testId?: string;
  legend?: LegendItem[];
  children: ReactNode;
}

export function UnitSquareFrame({ title, figure, description, xLabel, yLabel, width, height, testId, legend, children }: Props) {
  const { x, y } = unitSquare(width, height);
  const midX = (x(0) + x(1)) / 2;
  const midY = (y(0) + y(1)) / 2;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">
        {title}
        {figure && <span className="muted"> · {figure}</span>}
      </figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${description}`}>
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
        <text x={midX} y={height - 4} textAnchor="middle" className="chart-label">
          {xLabel}
        </text>
        <text x={12} y={midY} textAnchor="middle" className="chart-label" transform={`rotate(-90 12 ${midY})`}>
          {yLabel}
        </text>
        {children}
      </svg>
      {legend && legend.length > 0 && (
        <ul className="chart-legend">
          {legend.map((item) => (
            <li key={item.label}>
              <span className={item.swatch === 'accent' ? 'swatch chart-fill-accent' : 'swatch swatch-dashed'} />
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
