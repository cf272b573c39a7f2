/**
 * Waterfall zoom from the keyboard: `+` (or `=`) zooms in, `-` zooms out, `0` shows the whole
 * trace, Shift+ArrowLeft/ArrowRight move the window by a quarter of its width. The window is a
 * pair of fractions of the trace's duration; zooming keeps `focus` (the selected span's middle,
 * when it is in view) at the same place on screen.
 */
export type ZoomWindow = readonly [number, number];

export const zoomKeyHelp = '+ and − zoom, 0 shows all, Shift+← and Shift+→ move';
export const zoomKeyShortcuts = '+ - 0 Shift+ArrowLeft Shift+ArrowRight';

/** The smallest window the keyboard zooms to (a millionth of the trace is the URL's limit). */
const minWidth = 1e-5;

const clampWindow = (from: number, to: number): ZoomWindow => {
  const width = Math.min(1, to - from);
  const start = Math.min(1 - width, Math.max(0, from));
  return [start, start + width];
};

/** The new window for a key, `undefined` for "whole trace", or `null` when the key is not a zoom key. */
export function zoomForKey(key: string, shiftKey: boolean, zoom: ZoomWindow, focus?: number): ZoomWindow | undefined | null {
  const width = zoom[1] - zoom[0];
  const at = focus !== undefined && focus >= zoom[0] && focus <= zoom[1] ? focus : (zoom[0] + zoom[1]) / 2;
  const share = width > 0 ? (at - zoom[0]) / width : 0.5;
  const scaled = (factor: number): ZoomWindow | undefined => {
    const next = Math.min(1, Math.max(minWidth, width * factor));
    if (next >= 1) return undefined;
    return clampWindow(at - share * next, at - share * next + next);
  };
  if (key === '+' || key === '=') return scaled(0.5);
  if (key === '-' || key === '_') return scaled(2);
  if (key === '0') return undefined;
  if (shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight')) {
    if (width >= 1) return undefined;
    const step = (key === 'ArrowLeft' ? -width : width) / 4;
    return clampWindow(zoom[0] + step, zoom[1] + step);
  }
  return null;
}
