// Vertical histogram of bins (value lengths, numeric values) as inline SVG, with the range
// under the axis and each bin's count in its tooltip.
import './charts.css';
import type { Bin } from '../../../engine/api/profile-types.js';
import { fmtInt, fmtNumber } from '../format.js';
import { binLabel } from './chart-utils.js';

interface Props {
  title: string;
  bins: Bin[];
  integer?: boolean;
  width?: number;
  height?: number;
  note?: string;
  /** Makes each bar a control (e.g. show the rows in that range). */
  onSelectBin?(bin: Bin): void;
}

export function Histogram({ title, bins, integer = false, width = 300, height = 110, note, onSelectBin }: Props) {
  if (bins.length === 0) return null;
  const max = Math.max(...bins.map((b) => b.count), 1);
  const plotH = height - 22;
  const gap = bins.length > 30 ? 1 : 2;
  const bw = width / bins.length;
  const first = bins[0]!;
  const last = bins[bins.length - 1]!;
  const desc = bins.map((b) => `${binLabel(b.from, b.to, integer)}: ${fmtInt(b.count)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption className="chart-title">
        {title}
        {note && <span className="muted"> · {note}</span>}
      </figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${desc}`}>
        <title>{title}</title>
        <line x1={0} x2={width} y1={plotH + 0.5} y2={plotH + 0.5} className="chart-axis" />
        {bins.map((b, i) => {
          const h = b.count === 0 ? 0 : Math.max(1, (b.count / max) * (plotH - 4));
          return (
            <rect
              key={i}
              x={i * bw + gap / 2}
              y={plotH - h}
              width={Math.max(1, bw - gap)}
              height={h}
              className={onSelectBin ? 'chart-bar chart-clickable' : 'chart-bar'}
              {...(onSelectBin && { 'data-testid': 'bin', onClick: () => onSelectBin(b) })}
            >
              <title>{`${binLabel(b.from, b.to, integer)}: ${fmtInt(b.count)}`}</title>
            </rect>
          );
        })}
        <text x={0} y={height - 6} className="chart-tick">
          {fmtNumber(integer ? Math.round(first.from) : first.from)}
        </text>
        <text x={width} y={height - 6} textAnchor="end" className="chart-tick">
          {fmtNumber(integer ? Math.round(last.to) : last.to)}
        </text>
      </svg>
      {onSelectBin && (
        <ul className="sr-only">
          {bins.map((b, i) => (
            <li key={i}>
              <button type="button" onClick={() => onSelectBin(b)}>
                Show rows {binLabel(b.from, b.to, integer)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
