// Profile scopes as strings for selects and file names: 'workspace', 'source:3', 'import:5'.
import type { ProfileScope } from '../../../engine/api/profile-types.js';

export function scopeKey(s: ProfileScope): string {
  return s.kind === 'workspace' ? 'workspace' : s.kind === 'source' ? `source:${s.sourceId}` : `import:${s.importId}`;
}

export function parseScope(key: string): ProfileScope {
  const [kind, id] = key.split(':');
  const n = Number(id);
  if (kind === 'source' && Number.isInteger(n)) return { kind: 'source', sourceId: n };
  if (kind === 'import' && Number.isInteger(n)) return { kind: 'import', importId: n };
  return { kind: 'workspace' };
}
