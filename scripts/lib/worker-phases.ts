/**
 * The trace worker's phases run in Node on one file, timed one by one: bare JSON.parse (the floor
 * every decoder is compared with), decodeInput, buildTraces, packTraces (the waterfall can paint), then analyzeJunjo. Used by
 * `npm run bench -- --node` and handy under `node --cpu-prof` (scripts/profile-phases.ts).
 */
import { readFileSync } from 'node:fs';
import { decodeInput } from '../../src/core/formats/decode-input.ts';
import { analyzeJunjo } from '../../src/core/junjo/analyze-junjo.ts';
import { buildTraces } from '../../src/core/trace/build-traces.ts';
import { packTraces } from '../../src/app/data/pack-traces.ts';

export interface NodePhases {
  readonly readFile: number;
  readonly jsonParse: number;
  readonly decodeInput: number;
  readonly buildTraces: number;
  readonly analyzeJunjo: number;
  readonly packTraces: number;
  readonly spans: number;
  readonly runs: number;
}

export async function runWorkerPhases(path: string): Promise<NodePhases> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const bytes = new Uint8Array(readFileSync(path));
  const readFile = lap();
  JSON.parse(new TextDecoder().decode(bytes));
  const jsonParse = lap();
  const decoded = await decodeInput(bytes, { fileName: path });
  const decodeMs = lap();
  if (!decoded.ok) throw new Error(decoded.error.message);
  const built = buildTraces(decoded.result.spans);
  const buildMs = lap();
  packTraces(built);
  const packMs = lap();
  const analyses = built.map((trace) => analyzeJunjo(trace));
  const analyzeMs = lap();
  const runs = analyses.reduce((sum, a) => sum + (a.kind === 'junjo' ? a.runs.length : 0), 0);
  return { readFile, jsonParse, decodeInput: decodeMs, buildTraces: buildMs, analyzeJunjo: analyzeMs, packTraces: packMs, spans: decoded.result.spans.length, runs };
}
