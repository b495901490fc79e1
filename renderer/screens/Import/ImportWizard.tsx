// The import wizard: choose file → kind and source → preview → mapping → run → summary.
// Every step keeps its choices when the analyst goes back; errors stay inline in the step.
import { useCallback, useState } from 'react';
import { StepList } from './StepList.js';
import { ChooseFileStep } from './ChooseFileStep.js';
import { MappingStep } from './MappingStep.js';
import { PreviewStep } from './PreviewStep.js';
import { RunStep } from './RunStep.js';
import { SourceStep } from './SourceStep.js';
import { SummaryStep } from './SummaryStep.js';
import { initialMapping, initialWizard, sourceNameFromFile, type StepId, type WizardState } from './wizard-state.js';
import './import.css';

export function ImportWizard({ onClose }: { onClose(): void }) {
  const [step, setStep] = useState<StepId>('file');
  const [w, setW] = useState<WizardState>(initialWizard);
  const patch = (p: Partial<WizardState>) => setW((cur) => ({ ...cur, ...p }));
  const onDone = useCallback((importId: number) => {
    setW((cur) => ({ ...cur, importId }));
    setStep('summary');
  }, []);

  return (
    <section className="card wizard" aria-labelledby="wizard-title">
      <header className="wizard-head">
        <h2 id="wizard-title">Import a file</h2>
        <button type="button" className="button button-small button-quiet" onClick={onClose} aria-label="Close the import wizard">
          Close
        </button>
      </header>
      <StepList current={step} />
      {step === 'file' && (
        <ChooseFileStep
          path={w.path}
          onPath={(path) => patch({ path, source: w.source && w.path && w.source !== sourceNameFromFile(w.path) ? w.source : sourceNameFromFile(path), preview: null })}
          onNext={() => setStep('source')}
          onCancel={onClose}
        />
      )}
      {step === 'source' && w.path && (
        <SourceStep
          path={w.path}
          kind={w.kind}
          source={w.source}
          read={w.read}
          onChange={(kind, source) => patch({ kind, source })}
          onPreview={(preview) => {
            patch({ preview, mapping: initialMapping(preview), allowDuplicate: false });
            setStep('preview');
          }}
          onBack={() => setStep('file')}
        />
      )}
      {step === 'preview' && w.preview && (
        <PreviewStep
          preview={w.preview}
          kind={w.kind}
          source={w.source.trim()}
          read={w.read}
          allowDuplicate={w.allowDuplicate}
          onAllowDuplicate={(allowDuplicate) => patch({ allowDuplicate })}
          onReread={(preview, read) => patch({ preview, read, mapping: initialMapping(preview) })}
          onNext={() => setStep('mapping')}
          onBack={() => setStep('source')}
        />
      )}
      {step === 'mapping' && w.preview && (
        <MappingStep
          preview={w.preview}
          kind={w.kind}
          source={w.source.trim()}
          mapping={w.mapping}
          read={w.read}
          eventType={w.eventType}
          allowDuplicate={w.allowDuplicate}
          onMapping={(mapping) => patch({ mapping })}
          onEventType={(eventType) => patch({ eventType })}
          onStarted={(jobId) => {
            patch({ jobId });
            setStep('run');
          }}
          onBack={() => setStep('preview')}
        />
      )}
      {step === 'run' && w.jobId && <RunStep jobId={w.jobId} onDone={onDone} onBack={() => setStep('mapping')} />}
      {step === 'summary' && w.importId !== null && w.path && (
        <SummaryStep
          importId={w.importId}
          path={w.path}
          onClose={onClose}
          onAnother={() => {
            setW(initialWizard);
            setStep('file');
          }}
        />
      )}
    </section>
  );
}
