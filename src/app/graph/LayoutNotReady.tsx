/**
 * What a graph drawing shows until its layout is ready: the failure with its message, or a status
 * while ELK works. Shared by every view that draws a workflow graph.
 */
export function LayoutNotReady({ error }: { error: Error | null | undefined }) {
  if (error) {
    return (
      <div className="alert gf-alert" role="alert">
        <h2>The graph could not be laid out</h2>
        <p>{error.message}</p>
      </div>
    );
  }
  return (
    <p className="muted pad" role="status">
      Laying out the graph…
    </p>
  );
}
