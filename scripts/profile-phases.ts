/**
 * `npx tsx scripts/profile-phases.ts [--spans=20000] [--format=jaeger|otlp] [file…]`: runs the trace
 * worker's phases in Node (scripts/lib/worker-phases.ts) on the given files, or on a freshly generated
 * Junjo-heavy trace, and prints each phase in ms. For a CPU profile:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof scripts/profile-phases.ts --spans=50000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJunjoHeavyTrace, type HeavyFormat } from './lib/junjo-heavy-trace.ts';
import { runWorkerPhases } from './lib/worker-phases.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  let files = args.filter((a) => !a.startsWith('--'));
  let tmp: string | undefined;
  if (files.length === 0) {
    tmp = mkdtempSync(join(tmpdir(), 'jtv-phases-'));
    const spans = Number(option('spans') ?? 20_000);
    const format = (option('format') ?? 'jaeger') as HeavyFormat;
    const path = join(tmp, `junjo-heavy-${spans}.${format}.json`);
    writeJunjoHeavyTrace(spans, format, path);
    files = [path];
  }
  try {
    for (const file of files) {
      const phases = await runWorkerPhases(file);
      const line = Object.entries(phases).map(([k, v]) => `${k} ${Math.round(v)}`).join(' · ');
      console.log(`${file}: ${line} (load average ${loadavg()[0]?.toFixed(2)})`);
    }
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
