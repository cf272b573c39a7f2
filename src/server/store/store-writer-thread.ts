/**
 * Entry of the writer thread that store-writer.ts starts: opens its own connection to the store
 * file, writes each plan it is sent in one transaction (committed with synchronous=FULL before it
 * answers), and after answering copies the WAL back into the database when it has grown, so that
 * no acknowledgement waits for a checkpoint.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWriterConnection } from './open-database.ts';
import { planWriter, type WritePlan } from './write-plan.ts';

export interface WriterRequest {
  readonly id: number;
  readonly plan: WritePlan;
}

/** The answer, with the plan's buffer moved back for the next plan. */
export type WriterReply = { readonly id: number; readonly ok: true; readonly buffer: ArrayBuffer } | { readonly id: number; readonly ok: false; readonly message: string; readonly buffer?: ArrayBuffer };

/**
 * Bytes written since the last checkpoint after which the thread checkpoints: 64 MiB, what SQLite's
 * automatic checkpoint allows with 64 KiB pages (writing alone, 16 MiB measured ~22-40k spans/s
 * against ~37-75k at 64 MiB, load 7-11).
 */
const checkpointBytes = 64 * 1024 * 1024;

const { file } = workerData as { file: string };
const db = openWriterConnection(file);
const write = planWriter(db);
let walBytes = 0;

function checkpointWhenLarge(): void {
  if (walBytes < checkpointBytes) return;
  try {
    const [result] = db.pragma('wal_checkpoint(RESTART)') as { busy: number }[];
    // Busy (a reader still uses the WAL): tried again after a few more commits.
    walBytes = result?.busy === 0 ? 0 : checkpointBytes / 2;
  } catch {
    // a reader holds the WAL: the next commit tries again
  }
}

parentPort?.on('message', (request: WriterRequest) => {
  let reply: WriterReply;
  const buffer = request.plan.proto.buffer as ArrayBuffer;
  try {
    write(request.plan);
    reply = { id: request.id, ok: true, buffer };
    walBytes += request.plan.proto.byteLength;
    for (const chunk of request.plan.chunks) walBytes += chunk.json.length + chunk.ids.length;
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), buffer };
  }
  parentPort?.postMessage(reply, [buffer]);
  checkpointWhenLarge();
});
