// Session- and webContents-wide hardening: no permissions, no network, no navigation,
// no new windows, no webviews, no downloads.
import type { App, Session } from 'electron';
import { isNavigationAllowed, isPermissionAllowed, isRequestAllowed } from './security/requests.js';

export function hardenSession(ses: Session, opts: { devtools: boolean }): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false); // dictionaries would be downloaded
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, opts);
    if (!allowed) console.warn(`[aerie] blocked request: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.on('will-download', (event) => event.preventDefault());
}

export function hardenAllWebContents(app: App, opts: { devtools: boolean }): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isNavigationAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isNavigationAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    if (!opts.devtools) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}
