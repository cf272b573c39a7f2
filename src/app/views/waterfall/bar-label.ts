import type { CSSProperties } from 'react';

/**
 * Where the duration label goes: right of the bar's visible part, else left of it, else inside the
 * bar at its visible start (a bar filling the window). Hidden when the bar is outside the window.
 */
export function barLabelPlacement(left: number, width: number): { style: CSSProperties; inside: boolean } | undefined {
  const right = left + width;
  if (right < 0 || left > 100) return undefined;
  const visibleLeft = Math.max(0, left);
  const visibleRight = Math.min(100, right);
  if (visibleRight <= 78) return { style: { left: `calc(${visibleRight}% + 4px)` }, inside: false };
  if (visibleLeft >= 22) return { style: { right: `calc(${100 - visibleLeft}% + 4px)` }, inside: false };
  return { style: { left: `calc(${visibleLeft}% + 4px)` }, inside: true };
}
