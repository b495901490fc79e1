// Horizontal bars with a label and a count each (top values, value shapes): inline SVG, no
// library. The whole chart has an accessible name and a plain-text description of its data.
import './charts.css';
import { truncate } from './chart-utils.js';
import { fmtDecimal, fmtPercent } from '../format.js';

export interface BarItem {
  label: string;
  value: number;
}

interface Props {
  title: string;
  items: BarItem[];
  /** Share denominator (e.g. non-blank rows): shown as a percentage beside each count. */
  of?: number;
  width?: number;
  mono?: boolean;
  /** Makes each bar a control (e.g. show the rows with that value); `hint` names what it does. */
  onSelect?(item: BarItem): void;
  hint?(item: BarItem): string;
}

const ROW = 20;
const LABEL_W = 150;
const VALUE_W = 92;

export function BarList({ title, items, of, width = 420, mono = false, onSelect, hint }: Props) {
  if (items.length === 0) return <p className="muted chart-empty">{title}: no values.</p>;
  const max = Math.max(...items.map((i) => i.value), 1);
  const barW = width - LABEL_W - VALUE_W - 8;
  const height = items.length * ROW + 4;
  const pct = (v: number) => (of ? ` (${fmtPercent(v / of, v / of < 0.1 ? 1 : 0)})` : '');
  const desc = items.map((i) => `${i.label}: ${fmtDecimal(i.value, 3)}${pct(i.value)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg className="chart-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${desc}`}>
        <title>{title}</title>
        {items.map((it, i) => {
          const y = i * ROW + 2;
          const w = Math.max(1, (it.value / max) * barW);
          return (
            <g
              key={`${it.label}-${i}`}
              {...(onSelect && { className: 'chart-clickable', 'data-testid': 'bar', onClick: () => onSelect(it) })}
            >
              <text x={LABEL_W - 6} y={y + 14} textAnchor="end" className={`chart-label${mono ? ' chart-mono' : ''}`}>
                <title>{it.label}</title>
                {truncate(it.label === '' ? '(empty)' : it.label, mono ? 20 : 22)}
              </text>
              <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 6} rx={2} className="chart-bar" />
              <text x={LABEL_W + w + 6} y={y + 14} className="chart-value">
                {fmtDecimal(it.value, 3)}
                {pct(it.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {onSelect && (
        // the chart is one image to assistive technology: its bars' actions as buttons for the keyboard
        <ul className="sr-only">
          {items.map((it, i) => (
            <li key={`${it.label}-${i}`}>
              <button type="button" onClick={() => onSelect(it)}>
                {hint?.(it) ?? it.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
