// The route in the address fragment, so the back button, reloads, deep links and unlocking return to
// the same screen and selection: `#profile?scope=source:3`, `#sources?sourceId=2`, `#data?table=records`.
// Only screen names, ids and table names go here, never customer values: a data-browser filter (which
// may quote a value, e.g. from a profile's top values) stays in memory and out of the browser history.
import type { ProfileScope } from '../../engine/api/profile-types.js';
import type { BrowseParams, Route, RouteParams } from './navigation.js';

function scopeText(s: ProfileScope): string {
  return s.kind === 'workspace' ? 'workspace' : s.kind === 'source' ? `source:${s.sourceId}` : `import:${s.importId}`;
}

function scopeOf(text: string | null): ProfileScope | undefined {
  if (text === 'workspace') return { kind: 'workspace' };
  const m = /^(source|import):(\d+)$/.exec(text ?? '');
  if (!m) return undefined;
  return m[1] === 'source' ? { kind: 'source', sourceId: Number(m[2]) } : { kind: 'import', importId: Number(m[2]) };
}

function intOf(text: string | null): number | undefined {
  return text !== null && /^\d+$/.test(text) ? Number(text) : undefined;
}

function browseOf(table: string | null): BrowseParams | undefined {
  return table && /^[A-Za-z0-9_:.-]{1,200}$/.test(table) ? { table } : undefined;
}

export function routeToHash(route: Route): string {
  const q = new URLSearchParams();
  const p = route.params;
  if (p.scope) q.set('scope', scopeText(p.scope));
  if (p.sourceId !== undefined) q.set('sourceId', String(p.sourceId));
  if (p.importId !== undefined) q.set('importId', String(p.importId));
  if (p.importWizard) q.set('import', '1');
  if (p.browse) q.set('table', p.browse.table);
  const qs = q.toString();
  return `#${route.screen}${qs ? `?${qs}` : ''}`;
}

/** The route an address fragment names, or null when it names no known screen (e.g. `#token=…`). */
export function routeFromHash(hash: string, screens: readonly string[]): Route | null {
  const body = hash.replace(/^#/, '');
  const at = body.indexOf('?');
  const screen = at < 0 ? body : body.slice(0, at);
  if (!screens.includes(screen)) return null;
  const q = new URLSearchParams(at < 0 ? '' : body.slice(at + 1));
  const params: RouteParams = {};
  const scope = scopeOf(q.get('scope'));
  if (scope) params.scope = scope;
  const sourceId = intOf(q.get('sourceId'));
  if (sourceId !== undefined) params.sourceId = sourceId;
  const importId = intOf(q.get('importId'));
  if (importId !== undefined) params.importId = importId;
  if (q.get('import') === '1') params.importWizard = true;
  const browse = browseOf(q.get('table'));
  if (browse) params.browse = browse;
  return { screen, params };
}
