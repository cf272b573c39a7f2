/**
 * Imported first by main.ts, so it runs before the rest of the app is evaluated: when the address
 * opens a trace (or runs to compare), the graph layout worker starts loading ELK right away. Its cold
 * start (fetching and compiling ELK, its set-up, the first layout) then overlaps the app's own start
 * and the trace's loading instead of following them. The start page leaves it to App, which warms the
 * worker when a trace starts to load.
 */
import { parseViewState } from '../routes/view-state.ts';
import { warmLayoutWorker } from './graph-layout-client.ts';

if (typeof location !== 'undefined') {
  const state = parseViewState(location.pathname, location.search);
  if ((state.source.kind !== 'none' && state.source.kind !== 'invalid') || state.compare !== undefined) warmLayoutWorker();
}
