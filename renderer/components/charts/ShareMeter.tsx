// A small meter for one share (validity, malformed rate): bar + percentage, inline SVG.
import './charts.css';
import { fmtShare } from '../format.js';

interface Props {
  label: string;
  share: number;
  /** 'good' when a high share is good (valid), 'bad' when a high share is bad (malformed). */
  sense?: 'good' | 'bad';
  width?: number;
  detail?: string;
}

export function ShareMeter({ label, share, sense = 'good', width = 120, detail }: Props) {
  const s = Math.max(0, Math.min(1, share));
  const goodness = sense === 'good' ? s : 1 - s;
  const tone = goodness >= 0.95 ? 'ok' : goodness >= 0.8 ? 'warn' : 'bad';
  return (
    <span className="meter">
      <svg width={width} height={10} viewBox={`0 0 ${width} 10`} role="img" aria-label={`${label}: ${fmtShare(s)}${detail ? ` (${detail})` : ''}`}>
        <rect x={0} y={0} width={width} height={10} rx={3} className="chart-track" />
        <rect x={0} y={0} width={s * width} height={10} rx={3} className={`chart-fill-${tone}`} />
      </svg>
      <span className="meter-text">{fmtShare(s)}</span>
      {detail && <span className="muted meter-detail">{detail}</span>}
    </span>
  );
}
