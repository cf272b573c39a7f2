/**
 * Drops a client that stops reading. A response whose bytes sit unsent in the socket (the client
 * neither reads nor closes) for `idleMs` without any of them leaving is ended by destroying the
 * socket, which frees every buffer the response was holding. A slow client that keeps reading is
 * never cut off: any progress restarts the clock. Applied by http-server.ts to every response, so
 * each route (static files, the API, receivers) gets it.
 */
import type http from 'node:http';

export function dropIfNotReading(res: http.ServerResponse, idleMs: number): void {
  let last = 0;
  let stalledSince: number | undefined;
  const check = (): void => {
    const socket = res.socket;
    if (socket === null || socket.destroyed) return stop();
    const pending = socket.writableLength + res.writableLength;
    const now = Date.now();
    if (pending === 0 || pending !== last) stalledSince = pending === 0 ? undefined : now;
    else if (stalledSince === undefined) stalledSince = now;
    last = pending;
    if (stalledSince !== undefined && now - stalledSince >= idleMs) {
      stop();
      socket.destroy();
    }
  };
  const timer = setInterval(check, Math.max(10, Math.floor(idleMs / 4)));
  timer.unref();
  const stop = (): void => clearInterval(timer);
  res.once('close', stop);
}
