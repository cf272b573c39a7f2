/**
 * Keyboard moves between flame frames: up to the parent, down to the widest child, left/right to the
 * neighbouring frame at the same depth (within the same parent first, else the nearest across).
 */
import type { FlameLayout } from '../../../core/trace/flame-layout.ts';

export function childrenOf(layout: FlameLayout, frame: number): number[] {
  const out: number[] = [];
  for (let c = frame + 1; c <= (layout.last[frame] ?? frame); c = layout.last[c]! + 1) out.push(c);
  return out;
}

export function moveFrame(layout: FlameLayout, frame: number, key: string): number {
  if (frame < 0 || frame >= layout.count) return 0;
  if (key === 'ArrowUp') return Math.max(0, layout.parent[frame]!);
  if (key === 'ArrowDown') {
    const kids = childrenOf(layout, frame);
    let best = -1;
    for (const c of kids) if (best < 0 || layout.x1[c]! - layout.x0[c]! > layout.x1[best]! - layout.x0[best]!) best = c;
    return best < 0 ? frame : best;
  }
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const depth = layout.depth[frame]!;
    const step = key === 'ArrowRight' ? 1 : -1;
    for (let f = frame + step; f >= 0 && f < layout.count; f += step) if (layout.depth[f] === depth) return f;
    return frame;
  }
  return frame;
}
