import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/**
 * Fits the graph to the canvas again when the canvas changes size (the details panel opens,
 * the window is resized), so a graph never ends up cut off at an edge. Zooming and panning by
 * the user stay as they are until the next resize.
 */
export function RefitOnResize({ target, padding }: { target: RefObject<HTMLElement | null>; padding: number }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const element = target.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let last = '';
    let frame = 0;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const size = `${Math.round(entry.contentRect.width)}x${Math.round(entry.contentRect.height)}`;
      if (size === last) return;
      const first = last === '';
      last = size;
      if (first) return; // React Flow's own fitView handles the first layout.
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void fitView({ padding, maxZoom: 1.2 }));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [target, fitView, padding]);
  return null;
}
