// An anchor: the audit log's head (entry number and hash) recorded outside the workspace. The chain
// itself is unkeyed, so anyone holding the passphrase can rewrite, re-chain, truncate or wipe the log
// and leave it self-consistent; the only thing they cannot change is a copy of the head kept
// elsewhere. Verifying against it proves every entry up to that one is as it was when recorded.
// No key or signature: what makes it trustworthy is where the admin keeps it.
import type { AuditHead, AuditProblem } from '../api/audit.js';

export const GENESIS = '0'.repeat(64);

/** A head recorded earlier; `seq` is optional (a bare hash copied from `aerie audit verify`). */
export interface AuditAnchor {
  hash: string;
  seq?: number | undefined;
}

const HASH = /^[0-9a-f]{64}$/;
const ADVICE = 'Compare the workspace with a backup made before the head was recorded, and find out who had the passphrase since.';

/**
 * Problems with the log as walked, given the recorded head. `found` is the entry now carrying the
 * recorded hash (if any), `last` the end of the chain as walked.
 */
export function checkAnchor(expect: AuditAnchor, found: { seq: number } | null, last: AuditHead): AuditProblem[] {
  const hash = expect.hash.toLowerCase();
  const short = `${hash.slice(0, 12)}…`;
  if (hash === GENESIS && !expect.seq) return []; // recorded while empty: any log extends that
  if (found && (expect.seq === undefined || found.seq === expect.seq)) return [];
  if (found) {
    return [{
      seq: found.seq,
      kind: 'rewritten',
      message: `The entry recorded as number ${expect.seq} (hash ${short}) is now number ${found.seq}: entries before it were removed or inserted and the log re-chained. ${ADVICE}`,
    }];
  }
  if (last.seq === 0) {
    const which = expect.seq !== undefined ? `entry ${expect.seq}` : 'an entry';
    return [{ seq: expect.seq ?? 0, kind: 'rewritten', message: `The audit log is empty, but it held ${which} (hash ${short}) when its head was recorded: it was wiped. ${ADVICE}` }];
  }
  if (expect.seq !== undefined && expect.seq > last.seq) {
    return [{
      seq: expect.seq,
      kind: 'rewritten',
      message: `The audit log ends at entry ${last.seq}, but it held entry ${expect.seq} (hash ${short}) when its head was recorded: entries were removed and the rest re-chained. ${ADVICE}`,
    }];
  }
  return [{
    seq: expect.seq ?? last.seq,
    kind: 'rewritten',
    message:
      expect.seq !== undefined
        ? `Entry ${expect.seq} is not the one recorded (hash ${short}): the log was rewritten at or before that entry. ${ADVICE}`
        : `No entry of the audit log has the recorded hash ${short}: the log was rewritten, truncated or replaced since. ${ADVICE}`,
  }];
}

/** The file `aerie audit anchor` writes (JSON, one object). */
export function anchorFileText(head: AuditHead, workspaceName: string, recordedAt: Date = new Date()): string {
  return `${JSON.stringify(
    {
      aerie: 'audit-anchor',
      version: 1,
      workspace: workspaceName,
      seq: head.seq,
      hash: head.hash,
      recordedAt: recordedAt.toISOString(),
      note: 'Keep this file where the workspace\'s users cannot change it. `aerie audit verify <workspace> --expect <this file>` fails if the audit log no longer holds this entry.',
    },
    null,
    2,
  )}\n`;
}

/** `--expect` as given: a hash, `SEQ:HASH`, or null when it is neither (then it names an anchor file). */
export function parseExpectValue(value: string): AuditAnchor | null {
  const v = value.trim().toLowerCase();
  if (HASH.test(v)) return { hash: v };
  const m = /^(\d+):([0-9a-f]{64})$/.exec(v);
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

/** The head inside an anchor file's text; throws a message naming what is wrong (never the file's content). */
export function parseAnchorFile(text: string, path: string): AuditAnchor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not an audit anchor: it is not JSON. Pass the file \`aerie audit anchor\` wrote, a hash, or SEQ:HASH.`);
  }
  const o = json as { aerie?: unknown; seq?: unknown; hash?: unknown };
  if (o?.aerie !== 'audit-anchor' || typeof o.hash !== 'string' || !HASH.test(o.hash) || !Number.isSafeInteger(o.seq) || (o.seq as number) < 0) {
    throw new Error(`${path} is not an audit anchor: it needs "aerie": "audit-anchor", a whole-number "seq" and a 64-digit hex "hash".`);
  }
  return { seq: o.seq as number, hash: o.hash };
}
