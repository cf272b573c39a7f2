import { describe, expect, test } from 'vitest';
import { boundsOf, readableViewport, type FitOptions } from './readable-fit.ts';

const options: FitOptions = { minZoom: 0.6, maxZoom: 1.2, padding: 20 };
// About the G1 sample's drawing: wide and flat.
const graph = { x: 16, y: 16, width: 1953, height: 300 };
const first = { x: 16, y: 134, width: 195, height: 64 };
const refine = { x: 1565, y: 58, width: 170, height: 64 };

test('boundsOf is the union of the boxes', () => {
  expect(boundsOf([first, refine])).toEqual({ x: 16, y: 58, width: 1719, height: 140 });
  expect(boundsOf([])).toBeNull();
});

describe('readableViewport', () => {
  test('fits and centres the whole graph when that stays readable', () => {
    const v = readableViewport(graph, { width: 1400, height: 600 }, null, options);
    expect(v.zoom).toBeCloseTo(1360 / 1953);
    expect(v.x + graph.x * v.zoom).toBeCloseTo(20); // left edge at the padding
    expect(v.y + (graph.y + graph.height / 2) * v.zoom).toBeCloseTo(300); // centred vertically
  });

  test('never zooms in past maxZoom', () => {
    expect(readableViewport({ x: 0, y: 0, width: 100, height: 50 }, { width: 1000, height: 800 }, null, options).zoom).toBe(1.2);
  });

  test('a graph too wide keeps the readable zoom and shows its start when nothing is selected', () => {
    const v = readableViewport(graph, { width: 800, height: 500 }, first, options);
    expect(v.zoom).toBe(0.6);
    expect(v.x + graph.x * v.zoom).toBeCloseTo(20);
  });

  test('a graph too wide centres the selected node, clamped to the graph edges', () => {
    const mid = { x: 900, y: 100, width: 200, height: 64 };
    const v = readableViewport(graph, { width: 800, height: 500 }, mid, options);
    expect(v.zoom).toBe(0.6);
    expect(v.x + (mid.x + mid.width / 2) * v.zoom).toBeCloseTo(400);
    const end = readableViewport(graph, { width: 800, height: 500 }, { x: 1799, y: 58, width: 170, height: 64 }, options);
    expect(end.x + (graph.x + graph.width) * end.zoom).toBeCloseTo(780); // right edge at the padding, not beyond
  });
});
