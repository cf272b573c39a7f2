/**
 * Drops a client that stops reading. A response whose bytes sit unsent in the socket (the client
 * neither reads nor closes) for `idleMs` without any of them leaving is ended by destroying the
 * socket, which frees every buffer the response was holding. A slow client that keeps reading is
 * never cut off: any progress restarts the clock. Applied by http-server.ts to every response, so
 * each route (static files, the API, receivers) gets it.
 */
import type http from 'node:http';

export function dropIfNotReading(res: http.ServerResponse, idleMs: number): void {
  const checksPerWindow = 4;
  let lastFlushed = -1;
  let stalledSince: number | undefined;
  let stalledChecks = 0;
  const check = (): void => {
    const socket = res.socket;
    if (socket === null || socket.destroyed) return stop();
    const pending = res.writableLength; // the response's own buffer plus its socket's
    const flushed = socket.bytesWritten - socket.writableLength; // bytes the kernel has taken
    const now = Date.now();
    if (pending === 0 || flushed !== lastFlushed) {
      stalledSince = undefined;
      stalledChecks = 0;
    } else {
      stalledSince ??= now;
      stalledChecks++;
    }
    lastFlushed = flushed;
    // Both the time and several checks: a busy event loop (which also keeps a client from being
    // served) never counts as the client's stall.
    if (stalledSince !== undefined && stalledChecks >= checksPerWindow && now - stalledSince >= idleMs) {
      stop();
      socket.destroy();
    }
  };
  const timer = setInterval(check, Math.max(10, Math.floor(idleMs / checksPerWindow)));
  timer.unref();
  const stop = (): void => clearInterval(timer);
  res.once('close', stop);
}
