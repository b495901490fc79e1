// One headline figure on a card: a label, a big value and an optional note below.
import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  tone?: 'ok' | 'warn' | 'bad' | undefined;
}

export const figureTestId = (label: string) => `figure-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}`;

export function Figure({ label, value, note, tone }: Props) {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`} role="group" aria-label={label}>
      <span className="figure-label">{label}</span>
      <span className="figure-value" data-testid={figureTestId(label)}>
        {value}
      </span>
      {note && <span className="figure-note">{note}</span>}
    </div>
  );
}
