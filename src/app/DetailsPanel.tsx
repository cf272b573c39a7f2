import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { clampPanelWidth, readPanelPrefs, writePanelPrefs, type PanelPrefs } from './ui/panel-prefs.ts';

/**
 * The span details beside the view: a resizable column (drag its edge or focus it and use ←/→),
 * collapsible to a narrow strip. It sits beside the view, never over it, so the view's own
 * controls stay reachable; the view keeps at least 560 px.
 */
export function DetailsPanel({ view, title, children }: { view: string; title: string; children: ReactNode }) {
  const [prefs, setPrefs] = useState<PanelPrefs>(readPanelPrefs);
  const [screen, setScreen] = useState(() => window.innerWidth);
  const drag = useRef<{ right: number } | undefined>(undefined);
  useEffect(() => {
    const onResize = () => setScreen(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const update = (next: PanelPrefs) => {
    setPrefs(next);
    writePanelPrefs(next);
  };
  const collapsed = prefs.collapsed[view] ?? false;
  const setCollapsed = (value: boolean) => update({ ...prefs, collapsed: { ...prefs.collapsed, [view]: value } });
  const width = clampPanelWidth(prefs.width, screen);

  if (collapsed) {
    return (
      <div className="details-strip">
        <button type="button" className="details-strip-button" aria-expanded={false} aria-controls="span-details" onClick={() => setCollapsed(false)} title={`Show the details of ${title}`}>
          <span aria-hidden="true">◂</span> Details: {title}
        </button>
      </div>
    );
  }
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const side = event.currentTarget.parentElement;
    if (!side) return;
    drag.current = { right: side.getBoundingClientRect().right };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setPrefs((p) => ({ ...p, width: clampPanelWidth(drag.current!.right - event.clientX, screen) }));
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = undefined;
    writePanelPrefs(prefs);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowLeft' ? 40 : event.key === 'ArrowRight' ? -40 : 0;
    if (step === 0) return;
    event.preventDefault();
    update({ ...prefs, width: clampPanelWidth(width + step, screen) });
  };
  return (
    <div className="split-side-wrap" style={{ width }}>
      <div
        className="details-resizer"
        role="separator"
        aria-orientation="vertical"
        aria-label="Width of the details panel"
        aria-valuenow={width}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <div className="split-side">
        <button type="button" className="button small details-collapse" aria-expanded={true} aria-controls="span-details" onClick={() => setCollapsed(true)} title="Collapse the details panel">
          ▸ Hide
        </button>
        {children}
      </div>
    </div>
  );
}
