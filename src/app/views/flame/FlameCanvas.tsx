import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { FlameLayout } from '../../../core/trace/flame-layout.ts';
import { drawFlame, frameAt, rowHeight, serviceFill, type FlamePalette, type FlameViewport } from './flame-draw.ts';
import { moveFrame } from './flame-navigation.ts';

export interface FlameCanvasProps {
  readonly layout: FlameLayout;
  /** The frame zoomed into (its width fills the view). */
  readonly focus: number;
  readonly selected: number;
  readonly matches: Uint8Array | undefined;
  readonly label: (frame: number) => string;
  readonly colorKey: (frame: number) => string;
  readonly describe: (frame: number) => string;
  readonly dark: boolean;
  /** Click or Enter: select the frame and zoom into it. */
  readonly onOpen: (frame: number) => void;
  /** Arrow keys: select the frame. */
  readonly onSelect: (frame: number) => void;
  readonly onZoomOut: () => void;
}

const cssVar = (name: string, fallback: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/**
 * The flame graph on one canvas. Wheel zooms around the pointer (horizontal wheel or Shift pans),
 * dragging pans, a click opens a frame; the keyboard moves between frames (arrows), opens (Enter),
 * zooms out (Escape) and in or out (+ / -). Drawing happens at most once per animation frame.
 */
export function FlameCanvas(props: FlameCanvasProps) {
  const { layout, focus } = props;
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 800, height: 400 });
  const [viewport, setViewport] = useState<FlameViewport>({ x0: 0, x1: 1, scrollY: 0 });
  const [hover, setHover] = useState<{ frame: number; x: number; y: number } | null>(null);
  const drag = useRef<{ x: number; y: number; viewport: FlameViewport; moved: boolean } | null>(null);
  const { label, colorKey, matches, selected, dark } = props;

  // Zoom to the focused frame whenever it (or the layout) changes.
  useLayoutEffect(() => {
    const f = Math.max(0, Math.min(focus, layout.count - 1));
    const depthTop = Math.max(0, (layout.depth[f] ?? 0) - 2) * rowHeight;
    setViewport({ x0: layout.x0[f] ?? 0, x1: layout.x1[f] ?? 1, scrollY: f === 0 ? 0 : depthTop });
  }, [layout, focus]);

  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.max(100, Math.floor(entry.contentRect.width)), height: Math.max(80, Math.floor(entry.contentRect.height)) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Paint on the next animation frame after any change.
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const element = canvas.current;
      const ctx = element?.getContext('2d');
      if (!element || !ctx) return;
      const ratio = window.devicePixelRatio || 1;
      if (element.width !== Math.round(size.width * ratio)) element.width = Math.round(size.width * ratio);
      if (element.height !== Math.round(size.height * ratio)) element.height = Math.round(size.height * ratio);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const palette: FlamePalette = {
        text: dark ? '#f1f3f5' : '#1c1f24',
        textOnMatch: '#1c1f24',
        background: cssVar('--bg', dark ? '#16181d' : '#ffffff'),
        dimmed: dark ? '#2a2f39' : '#e9ecef',
        match: '#ffd43b',
        error: cssVar('--error', '#c01c1c'),
        selected: cssVar('--focus', '#1c7ed6'),
        fill: serviceFill(dark),
      };
      const drawn = drawFlame(ctx, { layout, viewport, width: size.width, height: size.height, label, colorKey, matches, selected, palette });
      element.dataset.drawn = String(drawn);
      element.dataset.paints = String(Number(element.dataset.paints ?? 0) + 1);
    });
    return () => cancelAnimationFrame(id);
  }, [viewport, size, layout, matches, selected, dark, label, colorKey]);

  const clampScroll = useCallback((scrollY: number) => Math.max(0, Math.min(scrollY, (layout.maxDepth + 1) * rowHeight - size.height / 2)), [layout.maxDepth, size.height]);

  const zoomAround = (fraction: number, factor: number) => {
    setViewport((v) => {
      const span = v.x1 - v.x0;
      const next = Math.min(1, Math.max(1e-9, span * factor));
      const at = v.x0 + fraction * span;
      let x0 = at - fraction * next;
      x0 = Math.max(0, Math.min(1 - next, x0));
      return { ...v, x0, x1: x0 + next };
    });
  };

  const onWheel = (event: WheelEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      const delta = (event.shiftKey ? event.deltaY : event.deltaX) / size.width;
      setViewport((v) => {
        const span = v.x1 - v.x0;
        const x0 = Math.max(0, Math.min(1 - span, v.x0 + delta * span));
        return { ...v, x0, x1: x0 + span };
      });
    } else zoomAround((event.clientX - rect.left) / size.width, Math.exp(event.deltaY * 0.002));
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, viewport, moved: false };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const d = drag.current;
    if (d) {
      const dx = event.clientX - d.x;
      const dy = event.clientY - d.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
      if (d.moved) {
        const span = d.viewport.x1 - d.viewport.x0;
        const x0 = Math.max(0, Math.min(1 - span, d.viewport.x0 - (dx / size.width) * span));
        setViewport({ x0, x1: x0 + span, scrollY: clampScroll(d.viewport.scrollY - dy) });
        return;
      }
    }
    const frame = frameAt(layout, viewport, size.width, event.clientX - rect.left, event.clientY - rect.top);
    setHover(frame >= 0 ? { frame, x: event.clientX - rect.left, y: event.clientY - rect.top } : null);
  };
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const frame = frameAt(layout, viewport, size.width, event.clientX - rect.left, event.clientY - rect.top);
    if (frame >= 0) props.onOpen(frame);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const current = props.selected >= 0 ? props.selected : focus;
    if (event.key.startsWith('Arrow')) {
      event.preventDefault();
      const next = moveFrame(layout, current, event.key);
      if (next !== current) {
        props.onSelect(next);
        // Keep the selected frame in view.
        setViewport((v) => {
          const a = layout.x0[next]!;
          const b = layout.x1[next]!;
          let { x0, x1 } = v;
          if (b - a > x1 - x0 || a < x0 || b > x1) {
            const span = Math.max(x1 - x0, b - a);
            x0 = Math.max(0, Math.min(1 - span, a - (span - (b - a)) / 2));
            x1 = x0 + span;
          }
          const y = layout.depth[next]! * rowHeight;
          const scrollY = y < v.scrollY ? y : y + rowHeight > v.scrollY + size.height ? y + rowHeight - size.height : v.scrollY;
          return { x0, x1, scrollY };
        });
      }
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      props.onOpen(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onZoomOut();
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      zoomAround(0.5, 0.7);
    } else if (event.key === '-') {
      event.preventDefault();
      zoomAround(0.5, 1 / 0.7);
    }
  };

  return (
    <div className="fl-canvas-wrap" ref={wrapper}>
      <canvas
        ref={canvas}
        className="fl-canvas"
        style={{ width: size.width, height: size.height }}
        tabIndex={0}
        role="application"
        aria-roledescription="flame graph"
        aria-label={`Flame graph, ${layout.count.toLocaleString()} frames. Arrow keys move between frames, Enter zooms into the selected one, Escape zooms out, plus and minus zoom.`}
        aria-describedby="fl-selected-description"
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
      />
      {hover && (
        <div className="fl-tooltip" style={{ left: Math.min(hover.x + 12, size.width - 260), top: hover.y + 16 }} role="tooltip">
          {props.describe(hover.frame)}
        </div>
      )}
    </div>
  );
}
