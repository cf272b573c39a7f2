/**
 * The view a trace opens on when the URL names none (no `view=`): the workflow graph for a trace
 * with a Junjo workflow, the waterfall for any other. A `view=` in the URL always wins, so a link
 * reproduces the same screen. While the Junjo analysis is still running, the span types (already
 * read) tell whether a workflow span is there, so the screen does not switch views when it ends.
 */
import { spanTypesOf } from '../../core/junjo/junjo-attrs.ts';
import type { Trace } from '../../core/model/trace.ts';
import type { LoadedTrace } from '../data/load-protocol.ts';
import type { ViewName } from './view-state.ts';

export function defaultView(trace: Trace, junjo: LoadedTrace['junjo'] | undefined): ViewName {
  if (junjo?.kind === 'junjo') return junjo.topLevelRuns.length > 0 ? 'graph' : 'waterfall';
  if (junjo?.kind === 'none') return 'waterfall';
  return spanTypesOf(trace.spans).includes('workflow') ? 'graph' : 'waterfall';
}

/**
 * The view on screen: the URL's when it names one (`viewGiven`: it says waterfall), else the trace's
 * default. A file opened while still being read (`openedWhileReading`) defaults to its waterfall, where
 * its first rows are, and keeps it when the whole trace arrives rather than switching views under the user.
 */
export function viewOnScreen(urlView: ViewName, viewGiven: boolean, trace: Trace, junjo: LoadedTrace['junjo'] | undefined, openedWhileReading = false): ViewName {
  if (viewGiven || urlView !== 'waterfall') return urlView;
  return openedWhileReading ? 'waterfall' : defaultView(trace, junjo);
}
