import { updateView, useViewState } from '../../routes/use-view-state.ts';
import type { CriticalMode } from '../../routes/view-state.ts';

/** Off / shown / only the path: the same `cp` URL switch the waterfall uses. */
export function CriticalPathToggle() {
  const critical = useViewState((state) => state.critical);
  return (
    <label className="gf-run-picker">
      <span>Critical path</span>
      <select className="input" value={critical ?? ''} onChange={(event) => updateView({ critical: (event.target.value || undefined) as CriticalMode | undefined }, 'replace')}>
        <option value="">off</option>
        <option value="show">shown, with slack</option>
        <option value="only">only the path</option>
      </select>
    </label>
  );
}
