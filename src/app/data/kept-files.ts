/**
 * Opened local files kept in this browser (IndexedDB), so that reloading `/file/<name>` restores
 * the screen without asking for the file again. Bounded (see kept-files-budget.ts), newest kept,
 * and forgettable. Every failure is a value with a message: IndexedDB may be missing (private
 * windows, disabled storage) or full.
 */
import { useSyncExternalStore } from 'react';
import { megabytes, planKeep, type KeptFileInfo } from './kept-files-budget.ts';

const dbName = 'junjo-trace-viewer-files';
const infoStore = 'info';
const bytesStore = 'bytes';

export type KeptResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The outcome of keeping the last opened file, by name, for a notice on screen. */
let lastKeep: { readonly name: string; readonly message?: string } | undefined;
let version = 0;
const listeners = new Set<() => void>();
function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'the browser has no room left for it (storage quota exceeded)';
  if (error instanceof Error && error.message) return error.message;
  return String(error ?? 'unknown error');
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB storage here (a private window or disabled site storage)'));
      return;
    }
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(dbName, 1);
    } catch (error) {
      reject(new Error(`the browser refused its storage (${describe(error)})`));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(infoStore)) db.createObjectStore(infoStore, { keyPath: 'name' });
      if (!db.objectStoreNames.contains(bytesStore)) db.createObjectStore(bytesStore);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`the browser refused its storage (${describe(request.error)})`));
    request.onblocked = () => reject(new Error('another tab of this viewer holds an older version of its storage; close it and try again'));
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('the storage transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('the storage transaction was aborted'));
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the storage request failed'));
  });
}

async function withDb<T>(work: (db: IDBDatabase) => Promise<T>): Promise<KeptResult<T>> {
  let db: IDBDatabase | undefined;
  try {
    db = await openDb();
    return { ok: true, value: await work(db) };
  } catch (error) {
    return { ok: false, message: describe(error) };
  } finally {
    db?.close();
  }
}

/** The files kept in this browser, newest first. */
export function listKeptFiles(): Promise<KeptResult<readonly KeptFileInfo[]>> {
  return withDb(async (db) => {
    const all = (await result(db.transaction(infoStore).objectStore(infoStore).getAll())) as KeptFileInfo[];
    return all.sort((a, b) => b.savedAt - a.savedAt);
  });
}

/** Keeps an opened file (replacing one of the same name), dropping the oldest over the budget. */
export async function keepFile(name: string, bytes: Blob): Promise<KeptResult<void>> {
  const outcome = await withDb(async (db) => {
    const kept = (await result(db.transaction(infoStore).objectStore(infoStore).getAll())) as KeptFileInfo[];
    const plan = planKeep(kept, { name, size: bytes.size });
    if (!plan.keep) throw new Error(plan.reason);
    const transaction = db.transaction([infoStore, bytesStore], 'readwrite');
    for (const old of plan.evict) {
      transaction.objectStore(infoStore).delete(old);
      transaction.objectStore(bytesStore).delete(old);
    }
    const info: KeptFileInfo = { name, size: bytes.size, savedAt: Date.now() };
    transaction.objectStore(infoStore).put(info);
    transaction.objectStore(bytesStore).put(bytes, name);
    await done(transaction);
  });
  lastKeep = { name, message: outcome.ok ? undefined : `${name} (${megabytes(bytes.size)}) is not kept in this browser: ${outcome.message}. A reload will ask for the file again.` };
  changed();
  return outcome;
}

/** The kept bytes of a file, or undefined when it is not kept. */
export function readKeptFile(name: string): Promise<KeptResult<Blob | undefined>> {
  return withDb(async (db) => {
    const value: unknown = await result(db.transaction(bytesStore).objectStore(bytesStore).get(name));
    return value instanceof Blob ? value : undefined;
  });
}

/** Forgets one kept file, or all of them when no name is given. */
export async function forgetKeptFiles(name?: string): Promise<KeptResult<void>> {
  const outcome = await withDb(async (db) => {
    const transaction = db.transaction([infoStore, bytesStore], 'readwrite');
    if (name === undefined) {
      transaction.objectStore(infoStore).clear();
      transaction.objectStore(bytesStore).clear();
    } else {
      transaction.objectStore(infoStore).delete(name);
      transaction.objectStore(bytesStore).delete(name);
    }
    await done(transaction);
  });
  changed();
  return outcome;
}

let restoreFailure: { readonly name: string; readonly message: string } | undefined;

/** Reads the kept copy of a file to restore a reloaded link; undefined when there is none (or it failed, noted for the prompt). */
export async function restoreKeptFile(name: string): Promise<Blob | undefined> {
  const read = await readKeptFile(name);
  restoreFailure = read.ok ? undefined : { name, message: `The kept copy of ${name} could not be read: ${read.message}.` };
  changed();
  return read.ok ? read.value : undefined;
}

/** Why restoring the named file from the browser failed, if it did. */
export function useRestoreFailure(name: string): string | undefined {
  useKeptFilesVersion();
  return restoreFailure?.name === name ? restoreFailure.message : undefined;
}

/** Why the named file could not be kept, when keeping it failed in this page. */
export function useKeepFailure(name: string | undefined): string | undefined {
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
  );
  return name !== undefined && lastKeep?.name === name ? lastKeep.message : undefined;
}

/** A number that changes whenever the kept files change in this page (to re-read the list). */
export function useKeptFilesVersion(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
  );
}
