/** Waterfall geometry, in one place. */
export const rowHeight = 26;
export const indentPx = 14;
export const nameColumnShare = 0.36;
export const minimapHeight = 44;
export const axisHeight = 26;
/**
 * Rows rendered beyond the viewport on each side while scrolling. Every rendered row costs style,
 * layout and paint in each frame that changes it: a few rows cover a wheel step.
 */
export const overscanRows = 4;
/** Indentation stops growing past this depth (a 100,000-deep chain must stay readable); a chip shows the depth. */
export const maxIndentLevels = 40;
