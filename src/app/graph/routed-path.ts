/**
 * An SVG path through a route's points, with each corner rounded (a quadratic curve over at most
 * `radius`, less where the segments are short). Pure.
 */
import type { Point } from './layout-result.ts';

const round = (n: number) => Math.round(n * 10) / 10;

export function roundedPath(points: readonly Point[], radius = 8): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  let d = `M ${round(first.x)} ${round(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const at = points[i]!;
    const after = points[i + 1];
    if (!after) {
      d += ` L ${round(at.x)} ${round(at.y)}`;
      break;
    }
    const before = points[i - 1]!;
    const inLength = Math.hypot(at.x - before.x, at.y - before.y);
    const outLength = Math.hypot(after.x - at.x, after.y - at.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r <= 0) {
      d += ` L ${round(at.x)} ${round(at.y)}`;
      continue;
    }
    const enter = { x: at.x - ((at.x - before.x) / inLength) * r, y: at.y - ((at.y - before.y) / inLength) * r };
    const leave = { x: at.x + ((after.x - at.x) / outLength) * r, y: at.y + ((after.y - at.y) / outLength) * r };
    d += ` L ${round(enter.x)} ${round(enter.y)} Q ${round(at.x)} ${round(at.y)} ${round(leave.x)} ${round(leave.y)}`;
  }
  return d;
}
