/**
 * Where to put the graph in its canvas, without ever zooming out below a readable size. Pure.
 *
 * The whole graph is fitted (and centred) when that takes a zoom of at least `minZoom`. Otherwise
 * the zoom stays at `minZoom` and the view centres on `focus` (the selected node, or the graph's
 * first node), clamped so that no empty space shows beyond the graph's edges on an axis where the
 * graph is larger than the canvas: a focus near the start shows the start at the edge.
 */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface FitOptions {
  /** Lowest zoom at which node text stays readable (React Flow zoom, 1 = CSS pixels). */
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Margin kept around the graph, in screen pixels. */
  readonly padding: number;
}

/** 0.9: node text (12.5 px) stays at least 11 px on screen. */
export const READABLE_FIT: FitOptions = { minZoom: 0.9, maxZoom: 1.2, padding: 24 };

/**
 * The rule for where a graph opens: a small graph (up to LARGE_GRAPH_NODES nodes, groups counted)
 * opens readable (READABLE_FIT: fitted when that keeps node text at 11 px or more, else at that
 * zoom around the selected or first node), a larger one opens fully fitted (WHOLE_FIT: every node
 * in view, however small; the user zooms in where it matters). Reading a few nodes matters more
 * than the overview for a small workflow; for a big one the overview is what the first look is for.
 */
export const LARGE_GRAPH_NODES = 24;
export const WHOLE_FIT: FitOptions = { minZoom: 0.05, maxZoom: 1.2, padding: 16 };

export const fitFor = (nodeCount: number): FitOptions => (nodeCount > LARGE_GRAPH_NODES ? WHOLE_FIT : READABLE_FIT);

/** The union of boxes (null when there are none). */
export function boundsOf(boxes: readonly Rect[]): Rect | null {
  if (boxes.length === 0) return null;
  let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Translation along one axis: centre the graph if it fits, else centre `focus`, clamped to the graph's edges. */
function place(view: number, start: number, size: number, zoom: number, focus: number, padding: number): number {
  const content = size * zoom;
  if (content + 2 * padding <= view) return (view - content) / 2 - start * zoom;
  const centred = view / 2 - focus * zoom;
  const showsStart = padding - start * zoom; // the graph's start edge at the padding
  const showsEnd = view - padding - (start + size) * zoom; // the graph's end edge at the padding
  return Math.min(showsStart, Math.max(showsEnd, centred));
}

export function readableViewport(graph: Rect, canvas: { width: number; height: number }, focus: Rect | null, options: FitOptions = READABLE_FIT): Viewport {
  const { minZoom, maxZoom, padding } = options;
  const room = (size: number) => Math.max(1, size - 2 * padding);
  const fit = Math.min(room(canvas.width) / Math.max(1, graph.width), room(canvas.height) / Math.max(1, graph.height));
  const zoom = Math.min(maxZoom, Math.max(minZoom, fit));
  const target = focus ?? graph;
  return {
    x: place(canvas.width, graph.x, graph.width, zoom, target.x + target.width / 2, padding),
    y: place(canvas.height, graph.y, graph.height, zoom, target.y + target.height / 2, padding),
    zoom,
  };
}
