/**
 * Entry of the writer thread that store-writer.ts starts: opens its own connection to the store
 * file and writes each plan it is sent in one transaction (committed with synchronous=FULL before
 * it answers). The WAL is copied back into the database by the checkpoint thread while this thread
 * goes on committing; after that copy, this thread copies the few frames written meanwhile
 * (`settle`), so that its next transaction starts the WAL file again from its beginning. That copy
 * (a commit's frames or a few, and an fsync of the database: 4-15 ms) waits until the thread has
 * been idle for `settleIdleMs`, so that it does not hold up a commit that is already waiting (the
 * next export of a pair, say); under a load that never leaves the thread idle, it runs before the
 * commit `settleWithinCommits` later. Without a checkpoint thread (`own`) it copies the WAL itself,
 * after answering, once it has grown.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWriterConnection } from './open-database.ts';
import { planBytes, planWriter, type WritePlan } from './write-plan.ts';

/**
 * What the thread does about the WAL after answering: `own`: copy it back once it has grown
 * (there is no checkpoint thread); `settle`: copy back what was written since the checkpoint
 * thread's copy, once idle (see above); `none`: nothing unless it has grown past `walLimitBytes`
 * (a checkpoint thread that cannot keep up).
 */
export type CheckpointStep = 'own' | 'settle' | 'none';

export interface WriterRequest {
  readonly id: number;
  readonly plan: WritePlan;
  readonly checkpoint?: CheckpointStep;
}

/** The answer, with the plan's buffer moved back for the next plan. */
export type WriterReply = { readonly id: number; readonly ok: true; readonly buffer: ArrayBuffer } | { readonly id: number; readonly ok: false; readonly message: string; readonly buffer?: ArrayBuffer };

/** `checkpointBytes`: WAL bytes after which the WAL is copied back (store-writer.ts). */
const { file, checkpointBytes } = workerData as { file: string; checkpointBytes: number };
/** With a checkpoint thread: the WAL size at which this thread copies it back itself anyway. */
const walLimitBytes = 8 * checkpointBytes;
const db = openWriterConnection(file);
const write = planWriter(db);
let walBytes = 0;

function checkpointWhenLarge(limit: number): void {
  if (walBytes < limit) return;
  try {
    const [result] = db.pragma('wal_checkpoint(RESTART)') as { busy: number }[];
    // Busy (a reader still uses the WAL): tried again after a few more commits.
    walBytes = result?.busy === 0 ? 0 : checkpointBytes / 2;
  } catch {
    // a reader holds the WAL: the next commit tries again
  }
}

/** Copies back the frames written since the checkpoint thread's copy (a few commits' worth). */
function settle(): void {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    if (result && result.log === result.checkpointed) walBytes = 0;
  } catch {
    // a reader holds the WAL: the next copy takes these frames too
  }
}

/** How long the thread waits idle before a `settle` copy... */
const settleIdleMs = 10;
/** ...and how many commits at most, after which the copy runs before the next commit. */
const settleWithinCommits = 8;
/** Commits made since a `settle` was asked for and not yet done (undefined: none is due). */
let settleDue: number | undefined;
let settleTimer: NodeJS.Timeout | undefined;

function settleNow(): void {
  clearTimeout(settleTimer);
  settleTimer = undefined;
  settleDue = undefined;
  settle();
}

parentPort?.on('message', (request: WriterRequest) => {
  clearTimeout(settleTimer);
  const step = request.checkpoint ?? 'own';
  if (step === 'settle') settleDue ??= 0;
  if (settleDue !== undefined && settleDue >= settleWithinCommits) settleNow();
  let reply: WriterReply;
  const buffer = request.plan.proto.buffer as ArrayBuffer;
  try {
    write(request.plan);
    reply = { id: request.id, ok: true, buffer };
    walBytes += planBytes(request.plan);
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), buffer };
  }
  parentPort?.postMessage(reply, [buffer]);
  if (settleDue !== undefined) {
    settleDue++;
    settleTimer = setTimeout(settleNow, settleIdleMs);
  } else checkpointWhenLarge(step === 'own' ? checkpointBytes : walLimitBytes);
});
