/**
 * Keyboard stepping while the state view has focus: ←/→ and j/k move one transition, and in the
 * transitions grid ↑/↓, Home and End too. Keys typed into form fields (the slider handles its own
 * arrows) and keys with modifiers are left alone.
 */
export type StepKey = { readonly kind: 'move'; readonly delta: number } | { readonly kind: 'edge'; readonly to: 'first' | 'last' };

export interface KeyInfo {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  /** Tag name of the focused element, upper case. */
  readonly targetTag: string;
  readonly inGrid: boolean;
}

export function stepKeyOf(event: KeyInfo): StepKey | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(event.targetTag)) return null;
  switch (event.key) {
    case 'ArrowRight':
    case 'j':
      return { kind: 'move', delta: 1 };
    case 'ArrowLeft':
    case 'k':
      return { kind: 'move', delta: -1 };
    case 'ArrowDown':
      return event.inGrid ? { kind: 'move', delta: 1 } : null;
    case 'ArrowUp':
      return event.inGrid ? { kind: 'move', delta: -1 } : null;
    case 'Home':
      return event.inGrid ? { kind: 'edge', to: 'first' } : null;
    case 'End':
      return event.inGrid ? { kind: 'edge', to: 'last' } : null;
    default:
      return null;
  }
}
