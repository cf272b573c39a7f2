/**
 * Temporary folders of a benchmark run (generated traces, stores, configs). They can hold
 * gigabytes, so every one is removed when the run ends: normally, by an error, or by Ctrl-C /
 * `kill` (SIGINT, SIGTERM, SIGHUP). Only a `kill -9` leaves one behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
let hooked = false;

function removeAll(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', removeAll);
  const signals: readonly [NodeJS.Signals, number][] = [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]];
  for (const [signal, number] of signals) {
    process.once(signal, () => {
      removeAll();
      process.exit(128 + number);
    });
  }
}

/** A new folder under the system's temp folder, removed when this process ends. */
export function benchTempDir(prefix = 'jtv-bench-'): string {
  hookExit();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes a folder made by `benchTempDir` now (a store that is no longer needed). */
export function removeBenchTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}
