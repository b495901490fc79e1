// The app:// scheme: the UI's only origin. Files come from dist/renderer and nowhere else;
// every response carries the strict CSP.
import { protocol, type Session } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_SCHEME, contentTypeFor, resolveAppFile } from './security/app-url.js';
import { appResponseHeaders } from './security/csp.js';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

export function serveApp(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const r = resolveAppFile(request.url, rendererDir);
    if (!r.ok) return text(r.status, r.reason);
    let file = r.file;
    if (!(await isFile(file))) {
      if (!r.spaFallback) return text(404, 'Not found');
      file = join(rendererDir, 'index.html');
      if (!(await isFile(file))) return text(503, 'The UI is not built. Run `node scripts/build.mjs`.');
    }
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, { status: 200, headers: appResponseHeaders(contentTypeFor(file)) });
  });
}
