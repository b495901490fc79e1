// The one application window: sandboxed, context-isolated, app:// only.
import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './security/app-url.js';

export function createMainWindow(opts: { preload: string; devtools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Aerie',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: opts.devtools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX_URL);
  return win;
}
