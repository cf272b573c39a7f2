import { zoomKeyHelp } from './zoom-keys.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { junjoTypeColors, serviceColor, spanTypeLabel } from './span-colors.ts';

/** What the colours and marks of the waterfall mean: services, Junjo span types, errors, events. */
export function WaterfallLegend({ trace }: { trace: Trace }) {
  return (
    <details
      className="wf-legend"
      onKeyDown={(event) => {
        // Escape closes the legend and leaves the focus on its button.
        if (event.key !== 'Escape' || !event.currentTarget.open) return;
        event.currentTarget.open = false;
        event.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary className="button small">Legend</summary>
      <div className="wf-legend-body">
        <h3>Services</h3>
        <ul>
          {trace.services.map((service) => (
            <li key={service}>
              <span className="wf-service-dot" style={{ background: serviceColor(service, trace.services) }} aria-hidden="true" /> {service}
            </li>
          ))}
        </ul>
        <h3>Junjo spans</h3>
        <ul>
          {Object.entries(junjoTypeColors).map(([type, color]) => (
            <li key={type}>
              <span className="wf-service-dot" style={{ background: color }} aria-hidden="true" /> {spanTypeLabel(type)}
            </li>
          ))}
        </ul>
        <h3>Marks</h3>
        <ul>
          <li>
            <span className="wf-error-icon" aria-hidden="true">!</span> error status (red outline on the bar)
          </li>
          <li>
            <span className="wf-legend-event" aria-hidden="true" /> a span event; red for an exception
          </li>
          <li>⚠ starts before or ends after its parent</li>
          <li>+N spans below a collapsed or open row</li>
          <li>RunConcurrent rows show their branches as lanes, the time all ran at once shaded</li>
        </ul>
        <h3>Zoom</h3>
        <ul>
          <li>Drag across the time axis or the overview to zoom into a range</li>
          <li>In the rows or on the time axis: {zoomKeyHelp}</li>
        </ul>
      </div>
    </details>
  );
}
