// Network and navigation policy for the window's session. Aerie is air-gapped: the page may only
// load its own app:// files (plus data: images), and devtools' own pages in development.

/** Schemes a request from the page may use. devtools: only when devtools are allowed. */
export function isRequestAllowed(url: string, opts: { devtools: boolean }): boolean {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return false;
  }
  if (scheme === 'app:') return url.toLowerCase().startsWith('app://aerie/') || url.toLowerCase() === 'app://aerie';
  if (scheme === 'data:') return true;
  if (scheme === 'devtools:') return opts.devtools;
  return false;
}

/** Every in-page navigation, new window and webview is refused; main alone decides what loads. */
export function isNavigationAllowed(_url: string): boolean {
  return false;
}

/** Permission requests (camera, notifications, clipboard-read, geolocation, HID …) are all refused. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}
