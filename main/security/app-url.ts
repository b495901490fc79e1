// Maps an app:// request URL onto a file under dist/renderer, refusing anything that could
// reach outside it (dot segments, encoded separators, NUL bytes, other hosts, absolute paths).
// Pure: node:path only, so the security tests run without an Electron binary.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'aerie';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppFileResolution =
  | { ok: true; file: string; contentType: string; spaFallback: boolean }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/** True when the URL is on our app:// origin (exact scheme and host, no credentials or port). */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/**
 * Resolve `url` to a file inside `rendererDir`. Extension-less paths fall back to index.html
 * (client-side routes); missing files with an extension are 404. The raw URL text is checked
 * for dot segments too, because URL parsing would silently fold `..` away.
 */
export function resolveAppFile(url: string, rendererDir: string): AppFileResolution {
  if (typeof url !== 'string' || url.length > 8192) return { ok: false, status: 400, reason: 'bad url' };
  const prefix = `${APP_ORIGIN}/`;
  if (!url.toLowerCase().startsWith(prefix) && url.toLowerCase() !== APP_ORIGIN) {
    return { ok: false, status: 403, reason: 'not the app origin' };
  }
  if (!isAppUrl(url)) return { ok: false, status: 403, reason: 'not the app origin' };

  // The raw path as sent, before any URL normalisation.
  const rawPath = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte in path' };
  if (decoded.includes('\\')) return { ok: false, status: 403, reason: 'backslash in path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403, reason: 'dot segment in path' };
  if (segments.some((s) => /^[a-zA-Z]:$/.test(s))) return { ok: false, status: 403, reason: 'drive letter in path' };

  const root = resolve(rendererDir);
  const rel = segments.filter((s) => s !== '').join('/');
  const target = resolve(root, rel === '' ? 'index.html' : rel);
  const fromRoot = relative(root, target);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) || fromRoot.split(sep).includes('..')) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  return { ok: true, file: target, contentType: contentTypeFor(target), spaFallback: extname(target) === '' };
}
