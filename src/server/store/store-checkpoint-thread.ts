/**
 * Entry of the checkpoint thread that store-writer.ts starts beside the writer thread: its own
 * connection to the store file, which copies the WAL back into the database (`PASSIVE`: it waits
 * for no reader and no writer) each time it is asked. Commits go on meanwhile on the writer
 * thread, so no export waits behind the copy (about 200 ms per 45 MB on this kind of machine).
 *
 * One request makes several passes: each copies the frames committed during the one before
 * (fewer each time), until a pass finds nothing new. What is left for the writer thread to copy
 * afterwards (`settle`, store-writer-thread.ts: between two of its commits, so that its next
 * transaction starts the WAL again) is then a commit's frames or two: 4-15 ms, against up to 47 ms
 * with the frames of all the commits made during a 64 MB copy (bench:server section 3).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWriterConnection } from './open-database.ts';

/** The answer to one request: how many WAL frames there were and how many were copied back. */
export type CheckpointReply = { readonly id: number; readonly ok: true; readonly log: number; readonly checkpointed: number } | { readonly id: number; readonly ok: false; readonly message: string };

const { file } = workerData as { file: string };
const db = openWriterConnection(file);
/** Passes per request at most (commits that keep coming could otherwise keep it copying for ever). */
const maxPasses = 4;

/** Copies the WAL back, pass after pass while commits came during the pass before; the last pass's counts. */
function copyBack(): { log: number; checkpointed: number } {
  let last = { log: 0, checkpointed: 0 };
  for (let pass = 0; pass < maxPasses; pass++) {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    const counts = { log: result?.log ?? 0, checkpointed: result?.checkpointed ?? 0 };
    // The same number of frames as at the start of the pass before: nothing was committed meanwhile,
    // all is copied. Fewer copied than there are: a reader holds them, another pass would not help.
    const done = (pass > 0 && counts.log === last.log) || counts.checkpointed < counts.log;
    last = counts;
    if (done) break;
  }
  return last;
}

parentPort?.on('message', (id: number) => {
  let reply: CheckpointReply;
  try {
    reply = { id, ok: true, ...copyBack() };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
