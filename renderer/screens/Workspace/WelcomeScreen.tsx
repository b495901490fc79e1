// No workspace open: create a new one or open an existing one.
import { useState } from 'react';
import { CreateWorkspace } from './CreateWorkspace.js';
import { OpenWorkspace } from './OpenWorkspace.js';

export function WelcomeScreen({ roots }: { roots: string[] }) {
  const [tab, setTab] = useState<'create' | 'open'>('create');
  const tabs = [
    { id: 'create', label: 'Create workspace' },
    { id: 'open', label: 'Open workspace' },
  ] as const;
  return (
    <div className="welcome">
      <header className="welcome-head">
        <h1>Aerie</h1>
        <p className="hint">Clean, match and govern customer data — entirely on this machine.</p>
      </header>
      <div role="tablist" aria-label="Workspace" className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = tab === 'create' ? 'open' : 'create';
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'create' ? <CreateWorkspace roots={roots} /> : <OpenWorkspace roots={roots} />}
      </div>
    </div>
  );
}
