// Who may use the bridge: only the main frame of our own window, showing our app:// origin.
// The glue copies the few facts it needs out of Electron's objects into these plain shapes.
import { isAppUrl } from './app-url.js';

export interface FrameFacts {
  url: string;
  /** True when the frame has no parent (it is a top-level frame). */
  isTop: boolean;
  processId: number;
  routingId: number;
}

export interface SenderFacts {
  /** webContents id of the sender (event.sender.id). */
  webContentsId: number;
  /** event.senderFrame: null when the frame was destroyed or navigated away. */
  frame: FrameFacts | null;
}

export interface TrustedWindowFacts {
  webContentsId: number;
  mainFrame: { processId: number; routingId: number };
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkSender(sender: SenderFacts, trusted: TrustedWindowFacts | null): SenderVerdict {
  if (!trusted) return { ok: false, reason: 'no trusted window' };
  if (sender.webContentsId !== trusted.webContentsId) return { ok: false, reason: 'sender is not the Aerie window' };
  const f = sender.frame;
  if (!f) return { ok: false, reason: 'sender frame is gone' };
  if (!f.isTop) return { ok: false, reason: 'sender is a subframe' };
  if (f.processId !== trusted.mainFrame.processId || f.routingId !== trusted.mainFrame.routingId) {
    return { ok: false, reason: 'sender is not the main frame of the Aerie window' };
  }
  if (!isAppUrl(f.url)) return { ok: false, reason: `sender origin is not app://aerie (${safeOrigin(f.url)})` };
  return { ok: true };
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`.slice(0, 200);
  } catch {
    return 'unparseable url';
  }
}
