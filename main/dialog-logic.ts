// What the native file dialogs show and which folder the engine is then told to allow.
// Pure (node:path only); main/dialogs.ts runs the Electron dialog.
import { basename, dirname, extname, join } from 'node:path';
import type { DialogPurpose } from '../engine/api/bridge.js';

export interface DialogPlan {
  kind: 'save' | 'open' | 'folder';
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}

export function dialogPlan(purpose: DialogPurpose, defaultDir: string, title?: string): DialogPlan {
  switch (purpose) {
    case 'create-workspace':
      return {
        kind: 'save',
        title: title ?? 'Create workspace',
        defaultPath: join(defaultDir, 'workspace.aerie'),
        filters: [{ name: 'Aerie workspace', extensions: ['aerie'] }],
      };
    case 'open-workspace':
      return { kind: 'open', title: title ?? 'Open workspace', defaultPath: defaultDir, filters: [{ name: 'Aerie workspace', extensions: ['aerie'] }] };
    case 'import-model-folder':
      return { kind: 'folder', title: title ?? 'Import an embedding model folder', defaultPath: defaultDir, filters: [] };
    case 'import-file':
      return {
        kind: 'open',
        title: title ?? 'Import file',
        defaultPath: defaultDir,
        filters: [
          { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
  }
}

/** The chosen path, normalised: a new workspace always ends in .aerie. */
export function finalPath(purpose: DialogPurpose, chosen: string): string {
  if (purpose === 'create-workspace' && extname(chosen).toLowerCase() !== '.aerie') return `${chosen}.aerie`;
  return chosen;
}

/** The folder main asks the engine to allow (app.allowPath) once the user picked `chosen`. */
export function folderToAllow(chosen: string, purpose?: DialogPurpose): string {
  if (purpose === 'import-model-folder') return chosen; // the chosen folder itself, not its parent
  const dir = dirname(chosen);
  return dir === '' || basename(chosen) === '' ? chosen : dir;
}
