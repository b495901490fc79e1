// An accessible progress bar; indeterminate (no aria-valuenow) while the total is unknown.
import { fmtInt, fmtPercent } from './format.js';
interface Props {
  label: string;
  done: number;
  total: number | null;
  unit?: string;
}

export function ProgressBar({ label, done, total, unit = '' }: Props) {
  const known = total !== null && total > 0;
  const pct = known ? Math.min(100, (done / total) * 100) : 0;
  const text = known
    ? `${fmtInt(done)} of ${fmtInt(total)} ${unit} (${fmtPercent(Math.floor(pct) / 100, 0)})`.replace('  ', ' ')
    : `${fmtInt(done)} ${unit}`.trim();
  return (
    <div
      className={`progress${known ? '' : ' progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? total : undefined}
      aria-valuenow={known ? done : undefined}
      aria-valuetext={text}
    >
      <div className="progress-fill" style={{ width: known ? `${pct}%` : undefined }} />
    </div>
  );
}
