/**
 * After a step, whether the column scroller must move so the stepper and the selected step's
 * changes are on screen together. Only scrolls down (the user may be reading further down).
 */
export interface Edges {
  readonly top: number;
  readonly bottom: number;
}

/**
 * Scroll delta for `view` (the scrolling column's box) so that `block` (stepper + list + detail)
 * starts at its top, when the first `minVisible` px of `detail` are below the fold; 0 otherwise.
 */
export function revealDelta(view: Edges, block: Pick<Edges, 'top'>, detail: Pick<Edges, 'top'>, minVisible = 160, gap = 8): number {
  if (detail.top + minVisible <= view.bottom) return 0;
  const delta = block.top - view.top - gap;
  return delta > 0 ? delta : 0;
}
