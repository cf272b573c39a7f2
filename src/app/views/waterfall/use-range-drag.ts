import { useRef, useState, type PointerEvent } from 'react';

/**
 * Drag across an element to pick a range, reported as fractions [from, to] of its width.
 * A plain click (under 3 px of movement) is reported as `onClick(fraction)` instead.
 */
export function useRangeDrag(onRange: (from: number, to: number) => void, onClick?: (at: number) => void) {
  const origin = useRef<{ x: number; left: number; width: number } | undefined>(undefined);
  const [selection, setSelection] = useState<readonly [number, number] | undefined>();

  const fraction = (clientX: number) => {
    const o = origin.current!;
    return Math.min(1, Math.max(0, (clientX - o.left) / o.width));
  };

  const handlers = {
    onPointerDown(event: PointerEvent<HTMLElement>) {
      if (event.button !== 0) return;
      const rect = event.currentTarget.getBoundingClientRect();
      origin.current = { x: event.clientX, left: rect.left, width: rect.width || 1 };
      event.currentTarget.setPointerCapture(event.pointerId);
      const at = fraction(event.clientX);
      setSelection([at, at]);
    },
    onPointerMove(event: PointerEvent<HTMLElement>) {
      if (!origin.current) return;
      const start = fraction(origin.current.x);
      const at = fraction(event.clientX);
      setSelection([Math.min(start, at), Math.max(start, at)]);
    },
    onPointerUp(event: PointerEvent<HTMLElement>) {
      const o = origin.current;
      if (!o) return;
      origin.current = undefined;
      setSelection(undefined);
      const from = Math.min(1, Math.max(0, (o.x - o.left) / o.width));
      const to = Math.min(1, Math.max(0, (event.clientX - o.left) / o.width));
      if (Math.abs(event.clientX - o.x) < 3) onClick?.(to);
      else onRange(Math.min(from, to), Math.max(from, to));
    },
    onPointerCancel() {
      origin.current = undefined;
      setSelection(undefined);
    },
  };
  return { handlers, selection };
}
