// host.pickPath: runs the native dialog, then tells the engine (hostOnly app.allowPath) that the
// chosen folder is allowed, so the path the renderer receives is one the engine will accept.
import { dialog, type BrowserWindow } from 'electron';
import { AerieError } from '../engine/api/errors.js';
import { dialogPlan, finalPath, folderToAllow } from './dialog-logic.js';
import type { HostHandlers } from './host-schemas.js';

export function makePickPath(opts: {
  window(): BrowserWindow | null;
  defaultDir(): string;
  allow(folder: string): Promise<void>;
}): HostHandlers['host.pickPath'] {
  let busy = false;
  return async ({ purpose, title }) => {
    const win = opts.window();
    if (!win || win.isDestroyed()) throw new AerieError('CONFLICT', 'No window to show the dialog on.');
    if (busy) throw new AerieError('CONFLICT', 'A file dialog is already open.');
    busy = true;
    try {
      const plan = dialogPlan(purpose, opts.defaultDir(), title);
      let chosen: string | undefined;
      if (plan.kind === 'save') {
        const r = await dialog.showSaveDialog(win, {
          title: plan.title,
          defaultPath: plan.defaultPath,
          filters: plan.filters,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        chosen = r.canceled ? undefined : r.filePath;
      } else {
        const r = await dialog.showOpenDialog(win, {
          title: plan.title,
          defaultPath: plan.defaultPath,
          filters: plan.filters,
          properties: plan.kind === 'folder' ? ['openDirectory'] : ['openFile'],
        });
        chosen = r.canceled ? undefined : r.filePaths[0];
      }
      if (!chosen) return null;
      const path = finalPath(purpose, chosen);
      await opts.allow(folderToAllow(path, purpose));
      return path;
    } finally {
      busy = false;
    }
  };
}
