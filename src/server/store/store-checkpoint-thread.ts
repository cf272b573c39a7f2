/**
 * Entry of the checkpoint thread that store-writer.ts starts beside the writer thread: its own
 * connection to the store file, which copies the WAL back into the database (`PASSIVE`: it waits
 * for no reader and no writer) each time it is asked. Commits go on meanwhile on the writer
 * thread, so no export waits behind the copy (about 200 ms per 45 MB on this kind of machine).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWriterConnection } from './open-database.ts';

/** The answer to one request: how many WAL frames there were and how many were copied back. */
export type CheckpointReply = { readonly id: number; readonly ok: true; readonly log: number; readonly checkpointed: number } | { readonly id: number; readonly ok: false; readonly message: string };

const { file } = workerData as { file: string };
const db = openWriterConnection(file);

parentPort?.on('message', (id: number) => {
  let reply: CheckpointReply;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    reply = { id, ok: true, log: result?.log ?? 0, checkpointed: result?.checkpointed ?? 0 };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
