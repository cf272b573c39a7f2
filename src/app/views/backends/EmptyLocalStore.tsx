/**
 * The local store with no runs yet: how to send it some. Default ports; `npm start` prints the
 * ones actually in use.
 */
export function EmptyLocalStore() {
  return (
    <div className="runs-empty">
      <p>
        <strong>No runs in this viewer's store yet.</strong> Point your workflow's exporter at the receivers of this viewer (started with <code>npm start</code>, which prints where
        each one listens); runs appear here as their spans arrive.
      </p>
      <ul>
        <li>
          Any OpenTelemetry SDK, over OTLP/HTTP: <code>OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318</code> (OTLP/gRPC: <code>127.0.0.1:4317</code>).
        </li>
        <li>
          Junjo's exporter, on port 4317, or the ports Junjo setups already use, 50051 and 26155:
          <pre>{`from junjo.telemetry.junjo_otel_exporter import JunjoOtelExporter

exporter = JunjoOtelExporter(host="localhost", port="4317", api_key="local", insecure=True)`}</pre>
        </li>
        <li>Or open a trace file (drop, paste or choose one) and use “Save to local store”.</li>
      </ul>
    </div>
  );
}
