// Small helpers for the inline SVG charts: nice ticks, label truncation, bin labels.
import { fmtNumber } from '../format.js';

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s;
}

export function binLabel(from: number, to: number, integer: boolean): string {
  if (integer && Math.round(from) === Math.round(to)) return fmtNumber(Math.round(from));
  return integer ? `${fmtNumber(Math.ceil(from))}–${fmtNumber(Math.floor(to))}` : `${fmtNumber(from)}–${fmtNumber(to)}`;
}
