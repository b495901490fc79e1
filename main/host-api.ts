// Methods the Electron main process answers itself, carried on the same single invoke channel
// as engine calls. Names only (no zod) so the sandboxed preload can import them.

export const HOST_METHODS = {
  pickPath: 'host.pickPath',
  secretsAvailable: 'host.secrets.available',
  secretsRemember: 'host.secrets.remember',
  secretsRecall: 'host.secrets.recall',
  secretsForget: 'host.secrets.forget',
} as const;

export type HostMethodName = (typeof HOST_METHODS)[keyof typeof HOST_METHODS];

export const HOST_PREFIX = 'host.';

export function isHostMethodName(name: string): name is HostMethodName {
  return (Object.values(HOST_METHODS) as string[]).includes(name);
}
