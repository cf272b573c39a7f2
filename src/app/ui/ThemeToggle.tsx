import { setThemeChoice, useTheme, type ThemeChoice } from './theme.ts';

const order: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const labels: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** Cycles system → light → dark. The label says the current choice. */
export function ThemeToggle() {
  const { choice } = useTheme();
  const next = order[(order.indexOf(choice) + 1) % order.length] ?? 'system';
  return (
    <button type="button" className="button" onClick={() => setThemeChoice(next)} title={`Switch to ${next} theme`}>
      {labels[choice]}
    </button>
  );
}
