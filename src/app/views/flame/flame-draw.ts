/**
 * Drawing and hit-testing of a flame layout on a 2D canvas: one fillRect per visible frame, whole
 * subtrees skipped when off screen or narrower than a fraction of a pixel, labels only where they fit
 * (truncated by an average glyph width, no text measuring per frame), and the fill colour set only
 * when it changes.
 */
import type { FlameLayout } from '../../../core/trace/flame-layout.ts';

export const rowHeight = 18;
const glyphWidth = 6.6;

/** The visible window: horizontal fractions of the root and a vertical scroll in pixels. */
export interface FlameViewport {
  readonly x0: number;
  readonly x1: number;
  readonly scrollY: number;
}

export interface FlamePalette {
  readonly text: string;
  readonly textOnMatch: string;
  readonly background: string;
  readonly dimmed: string;
  readonly match: string;
  readonly error: string;
  readonly selected: string;
  /** Fill of a frame by its colour key (service). */
  readonly fill: (key: string) => string;
}

export interface DrawInput {
  readonly layout: FlameLayout;
  readonly viewport: FlameViewport;
  readonly width: number;
  readonly height: number;
  readonly label: (frame: number) => string;
  readonly colorKey: (frame: number) => string;
  readonly matches: Uint8Array | undefined;
  readonly selected: number;
  readonly palette: FlamePalette;
}

/** Draws the frames; returns how many were drawn (for the benchmark and tests). */
export function drawFlame(ctx: CanvasRenderingContext2D, input: DrawInput): number {
  const { layout, viewport, width, height, palette, matches } = input;
  const scale = width / (viewport.x1 - viewport.x0 || 1);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  let drawn = 0;
  // Setting fillStyle parses the colour every time: set it only when it changes (most neighbours share one).
  let fill = '';
  const setFill = (colour: string) => {
    if (colour !== fill) ctx.fillStyle = fill = colour;
  };
  let selectedBox: [number, number, number] | null = null;
  for (let f = 0; f < layout.count; ) {
    const a = layout.x0[f]!;
    const b = layout.x1[f]!;
    const y = layout.depth[f]! * rowHeight - viewport.scrollY;
    if (b <= viewport.x0 || a >= viewport.x1 || (b - a) * scale < 0.3 || y >= height) {
      f = layout.last[f]! + 1;
      continue;
    }
    if (y + rowHeight > 0) {
      const left = Math.max(-1, (a - viewport.x0) * scale);
      const right = Math.min(width + 1, (b - viewport.x0) * scale);
      const w = right - left;
      const isMatch = matches ? matches[f] === 1 : false;
      setFill(matches && !isMatch ? palette.dimmed : isMatch ? palette.match : palette.fill(input.colorKey(f)));
      ctx.fillRect(left, y, Math.max(0.5, w - (w > 3 ? 1 : 0)), rowHeight - 1);
      if (layout.errors[f]! > 0 && w > 2) {
        setFill(palette.error);
        ctx.fillRect(left, y + rowHeight - 4, Math.max(0.5, w - 1), 3);
      }
      if (w > 26) {
        const text = input.label(f);
        const room = Math.floor((w - 8) / glyphWidth);
        if (room >= 2) {
          setFill(isMatch ? palette.textOnMatch : palette.text);
          ctx.fillText(text.length > room ? `${text.slice(0, room - 1)}…` : text, Math.max(left, 0) + 4, y + rowHeight / 2);
        }
      }
      if (f === input.selected) selectedBox = [left, y, w];
      drawn++;
    }
    f++;
  }
  if (selectedBox) {
    ctx.strokeStyle = palette.selected;
    ctx.lineWidth = 2;
    ctx.strokeRect(selectedBox[0] + 1, selectedBox[1] + 1, Math.max(2, selectedBox[2] - 3), rowHeight - 3);
  }
  return drawn;
}

/** The frame under a point, or -1. Walks down from the root, one child range per level. */
export function frameAt(layout: FlameLayout, viewport: FlameViewport, width: number, px: number, py: number): number {
  const depth = Math.floor((py + viewport.scrollY) / rowHeight);
  const x = viewport.x0 + (px / width) * (viewport.x1 - viewport.x0);
  let f = 0;
  if (layout.count === 0 || x < layout.x0[0]! || x >= layout.x1[0]!) return -1;
  while (layout.depth[f]! < depth) {
    // Children of f are the frames after it, up to its subtree end, at depth + 1.
    let child = f + 1;
    let found = -1;
    while (child <= layout.last[f]!) {
      if (x >= layout.x0[child]! && x < layout.x1[child]!) {
        found = child;
        break;
      }
      child = layout.last[child]! + 1;
    }
    if (found < 0) return -1;
    f = found;
  }
  return f;
}

/** Stable colour per key (service name): a hue from a string hash, lightness per theme. */
export function serviceFill(dark: boolean): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    if (key === '') return dark ? '#3a3f4a' : '#dee2e6';
    let colour = cache.get(key);
    if (colour === undefined) {
      let h = 2166136261;
      for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
      const hue = (h >>> 0) % 360;
      colour = dark ? `hsl(${hue} 45% 38%)` : `hsl(${hue} 70% 78%)`;
      cache.set(key, colour);
    }
    return colour;
  };
}
