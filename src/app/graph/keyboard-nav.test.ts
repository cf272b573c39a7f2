import { describe, expect, test } from 'vitest';
import { absoluteBoxes, flowOrder, nextNode, type FlowBox, type NavKey } from './keyboard-nav.ts';

// The G1 sample (junjo-g1-legacy.json) as ELK lays it out left to right, absolute coordinates, in
// React Flow's node order (containers before their members):
//   CountItems → [RC Counter Nodes: AddTen / Increment / Decrement] → [Subflow: CreateJoke → CreateFact]
//   → Exact / Even / Odd → Refine (loop) → Final
const box = (id: string, x: number, y: number, width: number, parentId?: string): FlowBox => ({
  id, x, y, width, height: 64, ...(parentId ? { parentId } : {}),
});
const g1: FlowBox[] = [
  box('CountItems', 16, 134, 195),
  box('Final', 1799, 58, 170),
  { ...box('Counter', 275, 16, 288), height: 300 },
  { ...box('Subflow', 627, 100, 442), height: 132 },
  box('Exact', 1313, 42, 188),
  box('Even', 1317, 134, 180),
  box('Odd', 1320.5, 226, 173),
  box('Refine', 1565, 58, 170),
  box('Increment', 291, 152, 188, 'Counter'),
  box('Decrement', 291, 236, 188, 'Counter'),
  box('AddTen', 300, 68, 170, 'Counter'),
  box('CreateJoke', 643, 152, 195, 'Subflow'),
  box('CreateFact', 858, 152, 195, 'Subflow'),
];

test('flow order reads layers along the flow and enters a container before leaving it', () => {
  expect(flowOrder(g1, 'RIGHT')).toEqual([
    'CountItems', 'Counter', 'AddTen', 'Increment', 'Decrement', 'Subflow', 'CreateJoke', 'CreateFact',
    'Exact', 'Even', 'Odd', 'Refine', 'Final',
  ]);
});

describe('nextNode on G1, left to right', () => {
  const cases: [from: string, key: NavKey, to: string | null][] = [
    ['CountItems', 'ArrowRight', 'Counter'],
    ['Counter', 'ArrowRight', 'AddTen'],
    ['Decrement', 'ArrowRight', 'Subflow'], // the subflow container is not skipped
    ['Subflow', 'ArrowRight', 'CreateJoke'],
    ['CreateFact', 'ArrowRight', 'Exact'],
    ['Subflow', 'ArrowLeft', 'Decrement'],
    ['Final', 'ArrowRight', null],
    ['CountItems', 'ArrowLeft', null],
    ['AddTen', 'ArrowDown', 'Increment'],
    ['Decrement', 'ArrowUp', 'Increment'],
    ['Decrement', 'ArrowDown', null], // stays in its group
    ['CreateJoke', 'ArrowDown', null], // never jumps to DecrementNode in another group
    ['CreateJoke', 'ArrowUp', null],
    ['Exact', 'ArrowDown', 'Even'],
    ['Odd', 'ArrowUp', 'Even'],
    ['Refine', 'ArrowDown', 'Even'], // alone in its layer: the nearest node below in a neighbouring layer
    ['Counter', 'ArrowUp', null],
    ['Counter', 'ArrowDown', null], // nothing below it nearby
    ['Refine', 'Home', 'CountItems'],
    ['AddTen', 'End', 'Final'],
    ['unknown', 'ArrowUp', 'CountItems'],
  ];
  test.each(cases)('%s %s → %s', (from, key, to) => {
    expect(nextNode(g1, from, key, 'RIGHT')).toBe(to);
  });
});

describe('nextNode top to bottom', () => {
  // The same shape turned: the flow runs down, lanes of a group side by side.
  const turned = g1.map((b) => ({ ...b, x: b.y, y: b.x, width: b.height, height: b.width }));
  test.each([
    ['CountItems', 'ArrowDown', 'Counter'],
    ['Subflow', 'ArrowUp', 'Decrement'],
    ['AddTen', 'ArrowRight', 'Increment'],
    ['CreateJoke', 'ArrowRight', null],
  ] as [string, NavKey, string | null][])('%s %s → %s', (from, key, to) => {
    expect(nextNode(turned, from, key, 'DOWN')).toBe(to);
  });
});

test('absoluteBoxes adds the positions of parents and keeps the parent id', () => {
  const result = absoluteBoxes([
    { id: 'rc', position: { x: 100, y: 10 }, width: 300, height: 200 },
    { id: 'inner', position: { x: 16, y: 52 }, width: 100, height: 50, parentId: 'rc' },
  ]);
  expect(result[1]).toEqual({ id: 'inner', x: 116, y: 62, width: 100, height: 50, parentId: 'rc' });
});
