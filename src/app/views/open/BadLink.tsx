import { navigateTo } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';

/** A link whose path names no trace: say what a link looks like instead of showing the start page. */
export function BadLink({ path }: { path: string }) {
  return (
    <div className="alert" role="alert">
      <h2>This link does not name a trace</h2>
      <p>
        <code>{path}</code> is not a link the viewer knows.
      </p>
      <p className="muted">
        Links look like <code>/&lt;source&gt;/trace/&lt;trace id of 1–32 hex digits&gt;</code>, <code>/sample/&lt;file&gt;</code> or <code>/file/&lt;name&gt;</code>. Check that the link was
        copied whole, or paste the trace id into the box at the top.
      </p>
      <p>
        <button type="button" className="button" onClick={() => navigateTo(emptyViewState)}>
          Go to the start page
        </button>
      </p>
    </div>
  );
}
