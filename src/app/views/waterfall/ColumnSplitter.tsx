import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

const min = 0.15;
const max = 0.75;
const clamp = (share: number) => Math.min(max, Math.max(min, share));

/**
 * The border between the span-name column and the timeline: drag it, or focus it and use ←/→,
 * to give names more room (a personal layout choice, so it is not part of the link).
 */
export function ColumnSplitter({ share, onShare }: { share: number; onShare: (share: number) => void }) {
  const dragging = useRef<{ left: number; width: number } | undefined>(undefined);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const section = event.currentTarget.closest('section');
    if (!section) return;
    const rect = section.getBoundingClientRect();
    dragging.current = { left: rect.left, width: rect.width || 1 };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = dragging.current;
    if (d) onShare(clamp((event.clientX - d.left) / d.width));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowLeft' ? -0.02 : event.key === 'ArrowRight' ? 0.02 : 0;
    if (step === 0) return;
    event.preventDefault();
    onShare(clamp(share + step));
  };
  return (
    <div
      className="wf-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Width of the span name column"
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      aria-valuenow={Math.round(share * 100)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (dragging.current = undefined)}
      onKeyDown={onKeyDown}
    />
  );
}
