/**
 * Light and dark themes. The system preference wins until the user picks one with the toggle;
 * the pick is a personal preference (localStorage), not part of a shared link.
 */
import { useEffect, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const storageKey = 'jtv-theme';
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = typeof window === 'undefined' ? 'system' : readChoice();
const media = typeof window === 'undefined' ? undefined : window.matchMedia('(prefers-color-scheme: dark)');

function resolveTheme(selected: ThemeChoice): Theme {
  if (selected !== 'system') return selected;
  return media?.matches ? 'dark' : 'light';
}

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    if (next === 'system') window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, next);
  } catch {
    // Storage can be unavailable (private mode); the choice still applies to this page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  media?.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', listener);
  };
}

/** The effective theme and the user's choice (read-only; `useApplyTheme` writes it to the page). */
export function useTheme(): { theme: Theme; choice: ThemeChoice } {
  const current = useSyncExternalStore(subscribe, () => `${choice}:${resolveTheme(choice)}`);
  const [selected, theme] = current.split(':') as [ThemeChoice, Theme];
  return { theme, choice: selected };
}

/** Puts the effective theme on <html data-theme>. Called once, by the app's root. */
export function useApplyTheme(): void {
  const { theme } = useTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
