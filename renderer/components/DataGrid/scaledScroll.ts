// Browsers cap an element's height (about 33M px in Chromium, less elsewhere), so a 1M+ row table
// cannot have a spacer of rows × rowHeight. Past MAX_SPACER_PX the spacer is capped and scroll
// positions are scaled: the virtualizer works in "virtual" pixels, the DOM in real ones.
import { elementScroll, observeElementOffset, type Virtualizer } from '@tanstack/react-virtual';

export const MAX_SPACER_PX = 8_000_000;

export interface ScrollScale {
  /** virtual px per DOM px (1 when the table fits). */
  factor: number;
  spacerPx: number;
}

export function scrollScale(virtualPx: number, viewportPx: number): ScrollScale {
  if (virtualPx <= MAX_SPACER_PX || viewportPx <= 0) return { factor: 1, spacerPx: virtualPx };
  return { factor: (virtualPx - viewportPx) / (MAX_SPACER_PX - viewportPx), spacerPx: MAX_SPACER_PX };
}

/** Virtualizer options that translate between DOM and virtual scroll offsets. */
export function scaledScrollOptions(scale: { current: ScrollScale }) {
  return {
    observeElementOffset: (instance: Virtualizer<HTMLDivElement, Element>, cb: (offset: number, isScrolling: boolean) => void) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * scale.current.factor, isScrolling)),
    scrollToFn: (offset: number, opts: Parameters<typeof elementScroll>[1], instance: Virtualizer<HTMLDivElement, Element>) =>
      elementScroll(offset / scale.current.factor, opts, instance),
  };
}

/** Where a row starting at virtual offset `start` sits in the DOM spacer. */
export function domTop(start: number, virtualScroll: number, factor: number): number {
  return start - virtualScroll + virtualScroll / factor;
}
