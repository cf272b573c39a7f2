/**
 * The details panel's width and whether it is collapsed, per view: a personal layout choice kept in
 * localStorage (not part of a link). The State view starts with the panel collapsed, so stepping
 * through transitions (which selects their spans) does not take room from the state.
 */
export interface PanelPrefs {
  readonly width: number;
  readonly collapsed: Readonly<Record<string, boolean>>;
}

const storageKey = 'jtv-details-panel';
export const PANEL_MIN = 260;
export const PANEL_DEFAULT = 400;
const defaults: PanelPrefs = { width: PANEL_DEFAULT, collapsed: { state: true } };

export function readPanelPrefs(): PanelPrefs {
  try {
    const raw = JSON.parse(window.localStorage.getItem(storageKey) ?? 'null') as Partial<PanelPrefs> | null;
    if (!raw || typeof raw !== 'object') return defaults;
    const width = typeof raw.width === 'number' && Number.isFinite(raw.width) ? raw.width : defaults.width;
    const collapsed = raw.collapsed && typeof raw.collapsed === 'object' ? { ...defaults.collapsed, ...raw.collapsed } : defaults.collapsed;
    return { width, collapsed };
  } catch {
    return defaults;
  }
}

export function writePanelPrefs(prefs: PanelPrefs): void {
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(prefs));
  } catch {
    // Private mode or a full quota: the layout still works for this page.
  }
}

/** A width that leaves the view at least `viewMin` px (and the panel at least PANEL_MIN). */
export function clampPanelWidth(width: number, screenWidth: number, viewMin = 560): number {
  return Math.round(Math.max(PANEL_MIN, Math.min(width, screenWidth - viewMin)));
}
