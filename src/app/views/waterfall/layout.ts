/** Waterfall geometry, in one place. */
export const rowHeight = 26;
export const indentPx = 14;
/** The expand/collapse toggle's width and the gap between the name cell's items (waterfall.css). */
export const toggleWidth = 18;
export const nameGap = 4;
export const nameColumnShare = 0.36;
export const minimapHeight = 44;
export const axisHeight = 26;
/**
 * Rows rendered beyond the viewport on each side while scrolling. Every rendered row costs style,
 * layout and paint in each frame that changes it (a fast scroll changes all of them, about 30 at
 * 900 px): rows are rendered in the scroll event, before the frame paints, so two rows (52 px) are
 * enough to cover what the compositor scrolls ahead in one frame of a wheel or touch scroll.
 */
export const overscanRows = 2;
/** Indentation stops growing past this depth (a 100,000-deep chain must stay readable); a chip shows the depth. */
export const maxIndentLevels = 40;
