// Path helpers for paths the engine hands us (POSIX or Windows); no Node APIs in the renderer.

export function separatorOf(dir: string): string {
  return dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
}

export function joinPath(dir: string, name: string): string {
  const sep = separatorOf(dir);
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

export function withWorkspaceExtension(name: string): string {
  const n = name.trim();
  return n.toLowerCase().endsWith('.aerie') ? n : `${n}.aerie`;
}

/** A plain file name: no folders, nothing hidden or reserved. Returns a problem or null. */
export function fileNameProblem(name: string): string | null {
  const n = name.trim();
  if (!n) return 'Enter a file name.';
  if (/[\\/:*?"<>|]/.test(n)) return 'A file name cannot contain \\ / : * ? " < > |';
  if (n.startsWith('.')) return 'A file name cannot start with a dot.';
  return null;
}
