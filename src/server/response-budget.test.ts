/**
 * ResponseBudget over a real socket: a large answer to a client that keeps reading is written a
 * little per turn of the event loop, and arrives whole.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseBudget, turnBytes } from './response-budget.ts';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

describe('ResponseBudget.send', () => {
  it('writes at most about turnBytes of an answer per turn of the event loop, even when the socket takes everything at once', async () => {
    const parts = Array.from({ length: 256 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const budget = new ResponseBudget(1024 * 1024 * 1024);
    /** Bytes handed to the socket between two consecutive check phases (setImmediate), the most seen. */
    let mostPerTurn = 0;
    server = http.createServer((_req, res) => {
      const socket = res.socket!;
      let before = socket.bytesWritten;
      const measure = (): void => {
        mostPerTurn = Math.max(mostPerTurn, socket.bytesWritten - before);
        before = socket.bytesWritten;
        if (!res.writableFinished && !res.destroyed) setImmediate(measure);
      };
      setImmediate(measure);
      expect(budget.send(res, 200, { 'Content-Type': 'application/octet-stream' }, parts)).toBe(true);
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', () => done()));
    const { port } = server.address() as AddressInfo;
    const received = await new Promise<Buffer>((done, fail) => {
      http.get(`http://127.0.0.1:${port}/`, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(Buffer.concat(chunks)));
        res.on('error', fail);
      }).on('error', fail);
    });
    expect(received.equals(Buffer.concat(parts))).toBe(true);
    expect(budget.heldBytes).toBe(0);
    // A measured interval may hold the end of one turn and the start of the next (and the headers).
    expect(mostPerTurn).toBeLessThanOrEqual(2 * turnBytes + 64 * 1024);
  });
});
