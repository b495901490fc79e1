export interface ElectronProbe {
  path: string | null;
  reason: string;
}
export function findElectronBinary(root?: string): ElectronProbe;
