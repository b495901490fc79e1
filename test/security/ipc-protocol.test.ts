// app:// file mapping, request/navigation policy and the CSP, without an Electron binary.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, resolveAppFile } from '../../main/security/app-url.js';
import { APP_CSP, appResponseHeaders } from '../../main/security/csp.js';
import { isNavigationAllowed, isPermissionAllowed, isRequestAllowed } from '../../main/security/requests.js';

const root = resolve('/opt/aerie/dist/renderer');

describe('app:// path mapping', () => {
  it('serves files inside dist/renderer', () => {
    expect(resolveAppFile(APP_INDEX_URL, root)).toMatchObject({ ok: true, file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile('app://aerie/assets/index-abc.js?v=1#x', root)).toMatchObject({ ok: true, file: join(root, 'assets', 'index-abc.js') });
    expect(resolveAppFile('app://aerie/', root)).toMatchObject({ ok: true, file: join(root, 'index.html') });
    expect(resolveAppFile('app://aerie/workspaces/recent', root)).toMatchObject({ ok: true, spaFallback: true });
  });

  const traversal = [
    'app://aerie/../../etc/passwd',
    'app://aerie/assets/../../../etc/passwd',
    'app://aerie/%2e%2e/%2e%2e/etc/passwd',
    'app://aerie/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://aerie/assets/..%2f..%2f..%2fetc/passwd',
    'app://aerie/..%5c..%5cwindows%5cwin.ini',
    'app://aerie/C:/Windows/win.ini',
    'app://aerie/./index.html',
  ];
  for (const url of traversal) {
    it(`refuses traversal ${url}`, () => {
      const r = resolveAppFile(url, root);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.status).toBe(403);
    });
  }

  it('refuses NUL bytes and bad encodings', () => {
    expect(resolveAppFile('app://aerie/index.html%00.png', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile('app://aerie/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other hosts, schemes, ports and credentials', () => {
    for (const url of ['app://evil/index.html', 'app://aerie.evil/index.html', 'file:///etc/passwd', 'https://aerie/index.html', 'app://aerie:8080/index.html', 'app://u:p@aerie/index.html']) {
      expect(resolveAppFile(url, root).ok, url).toBe(false);
    }
    expect(isAppUrl('app://aerie/index.html')).toBe(true);
    expect(isAppUrl('app://aerie.evil/')).toBe(false);
  });
});

describe('request policy (session.webRequest)', () => {
  it('lets through only app://aerie and data:', () => {
    expect(isRequestAllowed('app://aerie/assets/a.js', { devtools: false })).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA', { devtools: false })).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/api',
      'ws://127.0.0.1:1/',
      'file:///etc/passwd',
      'ftp://x/',
      'blob:app://aerie/123',
      'chrome-extension://abc/x.js',
      'app://evil/x.js',
      'garbage',
    ]) {
      expect(isRequestAllowed(url, { devtools: true }), url).toBe(false);
    }
  });

  it('lets devtools:// through only when devtools are allowed (unpackaged)', () => {
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html', { devtools: true })).toBe(true);
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html', { devtools: false })).toBe(false);
  });

  it('refuses every navigation and permission', () => {
    for (const url of ['https://example.com', 'app://aerie/index.html', 'file:///', 'javascript:alert(1)']) expect(isNavigationAllowed(url)).toBe(false);
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'unknown']) expect(isPermissionAllowed(p)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(APP_CSP.split(';').map((d) => { const [k, ...v] = d.trim().split(/\s+/); return [k!, v.join(' ')]; }));
  it('has the required directives', () => {
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });
  it('never allows eval, inline scripts or remote origins', () => {
    expect(APP_CSP).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|ws:|\*/);
    expect(directives.get('script-src')).not.toContain('unsafe-inline');
  });
  it('is sent with every app:// response', () => {
    const h = appResponseHeaders('text/html');
    expect(h['content-security-policy']).toBe(APP_CSP);
    expect(h['x-content-type-options']).toBe('nosniff');
  });
});
