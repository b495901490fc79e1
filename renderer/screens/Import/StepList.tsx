// Where the analyst is in the wizard: an ordered list with the current step marked.
import { STEPS, type StepId } from './wizard-state.js';

export function StepList({ current }: { current: StepId }) {
  const at = STEPS.findIndex((s) => s.id === current);
  return (
    <ol className="steps" aria-label="Import steps">
      {STEPS.map((s, i) => (
        <li key={s.id} className={i < at ? 'step-done' : i === at ? 'step-current' : ''} aria-current={i === at ? 'step' : undefined}>
          <span className="step-no" aria-hidden="true">
            {i < at ? '✓' : i + 1}
          </span>
          {s.label}
        </li>
      ))}
    </ol>
  );
}
