/**
 * Opens (or creates) the store's SQLite database in its data folder, in WAL mode with full
 * synchronous commits (a committed, acknowledged export survives a crash or `kill -9`), or in
 * memory for a throwaway session. A file that is not a SQLite database, or a SQLite database
 * that is not this viewer's store, gives a message for a person instead of an exception.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;
export type OpenOutcome = { readonly ok: true; readonly db: Db; readonly file: string } | { readonly ok: false; readonly message: string };

/** The location that means "keep nothing on disk". */
export const inMemory = ':memory:';
export const storeFileName = 'traces.sqlite';
/** "JTVS" in ASCII: marks the file as this viewer's store. */
const applicationId = 0x4a545653;
/**
 * 1: one row per span; 2: one row per chunk (the spans of one trace, resource and scope in one
 * export); 3: a chunk holds its spans as OTLP/JSON text (`json`) or, when they came as protobuf,
 * as the protobuf bytes received (`proto`, with `json` empty).
 */
const schemaVersion = 3;

const chunksTable = `
CREATE TABLE chunks (
  id INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  scope_id INTEGER NOT NULL,
  span_ids TEXT NOT NULL,
  json TEXT NOT NULL,
  proto BLOB
);
CREATE INDEX chunks_of_trace ON chunks (trace_id, resource_id, scope_id, id);
`;

const schema = `
CREATE TABLE resources (id INTEGER PRIMARY KEY, json TEXT NOT NULL UNIQUE);
CREATE TABLE scopes (id INTEGER PRIMARY KEY, json TEXT NOT NULL UNIQUE);
${chunksTable}CREATE TABLE traces (
  trace_id TEXT PRIMARY KEY,
  start_ns INTEGER NOT NULL,
  end_ns INTEGER NOT NULL,
  span_count INTEGER NOT NULL,
  error_count INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  root_name TEXT,
  root_service TEXT,
  root_start_ns INTEGER,
  service TEXT,
  workflow_name TEXT,
  workflow_start_ns INTEGER,
  generation TEXT,
  has_node_gather INTEGER NOT NULL,
  status TEXT NOT NULL,
  first_received_ms INTEGER NOT NULL,
  last_received_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX traces_by_start ON traces (start_ns);
CREATE INDEX traces_by_service ON traces (service, start_ns);
CREATE INDEX traces_by_workflow ON traces (workflow_name, start_ns);
CREATE INDEX traces_by_status ON traces (status, start_ns);
CREATE INDEX traces_by_received ON traces (first_received_ms);
`;

/**
 * Every commit rewrites, whole, each page it touches: besides the pages of its chunks, a leaf of
 * the run summaries and of the chunk index for each trace it adds to, at random places (trace ids
 * are random). With 64 KiB pages those leaves made up most of what a commit wrote once a store
 * held some 50,000 runs; with 4 KiB pages a chunk's bytes take many more pages. Measured with 4
 * exports of ~506 Junjo spans in flight (decoded and committed in one process, no network), over the
 * last 1,000 of 2,500 exports: growing store 51k spans/s at 64 KiB, 62-63k at 8-16 KiB, 64k at 4 KiB;
 * at the 1 GB retention limit (oldest runs deleted as new ones come) 24k at 64 KiB, 48-49k at 8-16
 * KiB, 42k at 4 KiB.
 */
const pageSize = 16384;
const cacheKiB = 32 * 1024;

const whatToDo = (dir: string) => `Move the folder ${dir} away (or delete it) to start an empty store, or choose another folder with --data <dir> (JTV_DATA).`;

export function openDatabase(location: string): OpenOutcome {
  if (location === inMemory) {
    const db = new Database(':memory:');
    initialize(db);
    return { ok: true, db, file: inMemory };
  }
  try {
    mkdirSync(location, { recursive: true });
  } catch (error) {
    return { ok: false, message: `Cannot create the data folder ${location}: ${(error as Error).message}. Choose a writable folder with --data <dir> (JTV_DATA).` };
  }
  const file = join(location, storeFileName);
  let db: Db | undefined;
  try {
    db = new Database(file, { timeout: 5_000 });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== applicationId && (appId !== 0 || tables > 0)) {
      db.close();
      return { ok: false, message: `${file} is a SQLite database, but not a Junjo Trace Viewer store (it holds other tables). ${whatToDo(location)}` };
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId === applicationId && version > schemaVersion) {
      db.close();
      return { ok: false, message: `${file} was written by a newer Junjo Trace Viewer (store version ${version}; this one reads ${schemaVersion}). Update the viewer, or ${whatToDo(location)}` };
    }
    // A new store gets 16 KiB pages (see `pageSize`). (A store's page size is fixed once it is in
    // WAL mode; older stores keep theirs.)
    if (tables === 0) db.pragma(`page_size = ${pageSize}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Room for the pages of a few group commits: with SQLite's default 2 MB cache each commit
    // frees and allocates its pages again, and the fresh memory costs a page fault per 4 KiB
    // (as much as the rest of storing a span).
    db.pragma(`cache_size = -${cacheKiB}`);
    if (tables === 0) initialize(db);
    else if (version < schemaVersion) upgrade(db, version);
    return { ok: true, db, file };
  } catch (error) {
    try {
      db?.close();
    } catch {
      // already unusable
    }
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      return { ok: false, message: `${file} is not a readable SQLite database (${code === 'SQLITE_CORRUPT' ? 'it is corrupted' : 'it is some other kind of file'}). ${whatToDo(location)}` };
    if (code === 'SQLITE_BUSY') return { ok: false, message: `${file} is locked by another program (another viewer using the same data folder?). Stop it, or choose another folder with --data <dir>.` };
    return { ok: false, message: `Cannot open the store ${file}: ${(error as Error).message}. ${whatToDo(location)}` };
  }
}

/**
 * A second connection to a store `openDatabase` opened (the writer thread's, store-writer.ts),
 * with the same commit guarantees: WAL, synchronous=FULL. Its automatic checkpoints are off: the
 * writer thread checkpoints after it has answered a commit (`checkpointWhenLarge`), so no
 * acknowledgement waits for one.
 */
export function openWriterConnection(file: string): Db {
  const db = new Database(file, { timeout: 5_000, fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`cache_size = -${cacheKiB}`);
  db.pragma('wal_autocheckpoint = 0');
  // The WAL file is reused from its start after each checkpoint (overwriting is cheaper to sync
  // than appending); after a burst made it large, it is cut back to this size.
  db.pragma(`journal_size_limit = ${128 * 1024 * 1024}`);
  return db;
}

function initialize(db: Db): void {
  db.exec('BEGIN');
  db.exec(schema);
  db.pragma(`application_id = ${applicationId}`);
  db.pragma(`user_version = ${schemaVersion}`);
  db.exec('COMMIT');
}

/**
 * Store version 1 (one row per span) → 3: each old span row becomes a JSON chunk of one span.
 * Version 2 → 3: chunks gain the `proto` column (empty for the JSON chunks already stored).
 */
function upgrade(db: Db, from: number): void {
  if (from !== 1 && from !== 2) return;
  db.exec('BEGIN');
  if (from === 1) {
    db.exec(chunksTable);
    db.exec('INSERT INTO chunks (trace_id, resource_id, scope_id, span_ids, json) SELECT trace_id, resource_id, scope_id, span_id, json FROM spans ORDER BY id');
    db.exec('DROP TABLE spans');
  } else db.exec('ALTER TABLE chunks ADD COLUMN proto BLOB');
  db.pragma(`user_version = ${schemaVersion}`);
  db.exec('COMMIT');
}
