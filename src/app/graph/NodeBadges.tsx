import type { FlowNode } from './graph-flow.ts';
import { statusWord } from './graph-flow.ts';
import { statusGlyph } from './node-glyphs.ts';
import { OpenSubflowButton } from './OpenSubflowButton.tsx';

type Data = FlowNode['data'];

/**
 * ×N for a node that ran several times, and the button that opens a subflow's own graph. The button
 * is a Tab stop only on the selected node, so the graph stays one stop in the page's Tab order.
 */
export function RunBadges({ data, selected = false }: { data: Data; selected?: boolean }) {
  return (
    <>
      {data.runCount > 1 && <span className="gf-badge" title={`Ran ${data.runCount} times`}>×{data.runCount}</span>}
      {data.openGraph && <OpenSubflowButton spanKey={data.openGraph} label={data.label} tabbable={selected} />}
    </>
  );
}

/** Status glyph and word (not colour alone), and the total duration. */
export function StatusLine({ data }: { data: Data }) {
  return (
    <div className="gf-meta">
      <span className="gf-status-glyph" aria-hidden="true">{statusGlyph[data.status]}</span>
      <span>{statusWord[data.status]}</span>
      {data.races && (
        <span className="gf-race" title={`Possible race: its concurrent branches both wrote ${data.races.join(', ')}`}>
          ⚠ both wrote {data.races.join(', ')}
        </span>
      )}
      {data.duration && <span className="gf-duration">{data.duration}</span>}
      {data.tokens && <span className="gf-tokens" title="LLM tokens, in and out">{data.tokens} tok</span>}
    </div>
  );
}

/** Lines a view's overlay adds under the status line (`data.notes`). */
export function NoteLines({ data }: { data: Data }) {
  if (!data.notes?.length) return null;
  return (
    <>
      {data.notes.map((note) => (
        <div key={note} className="gf-note">{note}</div>
      ))}
    </>
  );
}
