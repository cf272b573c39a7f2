import { describe, expect, test } from 'vitest';
import { absoluteBoxes, nextNodeInDirection, type FlowBox } from './keyboard-nav.ts';

//  a ─ [rc: b / c] ─ d
const boxes: FlowBox[] = [
  { id: 'a', x: 0, y: 100, width: 100, height: 50 },
  { id: 'rc', x: 150, y: 0, width: 200, height: 300 },
  { id: 'b', x: 170, y: 60, width: 100, height: 50 },
  { id: 'c', x: 170, y: 180, width: 100, height: 50 },
  { id: 'd', x: 400, y: 100, width: 100, height: 50 },
];

describe('nextNodeInDirection', () => {
  test('moves to the nearest node in the arrow direction', () => {
    expect(nextNodeInDirection(boxes, 'b', 'ArrowDown')).toBe('c');
    expect(nextNodeInDirection(boxes, 'c', 'ArrowUp')).toBe('b');
    expect(nextNodeInDirection(boxes, 'b', 'ArrowRight')).toBe('d');
    expect(nextNodeInDirection(boxes, 'd', 'ArrowLeft')).toBe('rc');
    expect(nextNodeInDirection(boxes, 'rc', 'ArrowDown')).toBe('c');
  });
  test('steps into a container only when nothing else lies that way; null at the edge', () => {
    expect(nextNodeInDirection(boxes, 'a', 'ArrowLeft')).toBeNull();
    expect(nextNodeInDirection(boxes, 'b', 'ArrowUp')).toBeNull();
    expect(nextNodeInDirection(boxes, 'unknown', 'ArrowUp')).toBe('a');
  });
});

test('absoluteBoxes adds the positions of parents', () => {
  const result = absoluteBoxes([
    { id: 'rc', position: { x: 100, y: 10 }, width: 300, height: 200 },
    { id: 'inner', position: { x: 16, y: 52 }, width: 100, height: 50, parentId: 'rc' },
  ]);
  expect(result[1]).toEqual({ id: 'inner', x: 116, y: 62, width: 100, height: 50 });
});
