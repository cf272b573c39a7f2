/** Text glyphs that carry status and kind next to colour (never colour alone). */
import type { GraphNodeKind } from '../../core/junjo/graph-model.ts';
import type { DisplayStatus } from './graph-flow.ts';

export const statusGlyph: Record<DisplayStatus, string> = { ok: '✓', error: '✕', cancelled: '⊘', 'not-run': '○', unlinked: '?' };

export const kindGlyph: Record<GraphNodeKind, string> = { node: '', run_concurrent: '⇉', subflow: '▣' };

export const kindName: Record<GraphNodeKind, string> = { node: 'Node', run_concurrent: 'RunConcurrent', subflow: 'Subflow' };
