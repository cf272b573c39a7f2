/**
 * `npm run samples`: writes the sample traces and their index to public/samples/.
 * `tsx scripts/generate-samples.ts --big 100000 --out /tmp/x.json`: writes one big trace instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { g1LegacySample, g1TwoRunsSample, g3ContractV2Sample, g3FailureSample, workbenchSample, type Sample } from './lib/junjo-samples.ts';
import { writeBigTrace } from './lib/make-big-trace.ts';
import { plainHttpServiceSample } from './lib/plain-http-service.ts';

export function buildSamples(): Sample[] {
  return [g1LegacySample(), g3ContractV2Sample(), g3FailureSample(), g1TwoRunsSample(), workbenchSample(), plainHttpServiceSample()];
}

export function writeSamples(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const samples = buildSamples();
  for (const sample of samples) {
    const text = `${JSON.stringify(sample.data, null, 1)}\n`;
    writeFileSync(join(outDir, sample.file), text);
    console.log(`${sample.file}: ${spanTotal(sample)} spans, ${(text.length / 1024).toFixed(1)} KB`);
  }
  const index = samples.map(({ file, title, description, generation }) => ({ file, title, description, generation }));
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}

function spanTotal(sample: Sample): number {
  return sample.data.resourceSpans.reduce((n, r) => n + r.scopeSpans.reduce((m, s) => m + s.spans.length, 0), 0);
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(args: string[]): void {
  const big = argValue(args, '--big');
  if (big !== undefined) {
    const count = Number(big);
    if (!Number.isInteger(count) || count < 1) throw new Error(`--big needs a positive span count, got "${big}"`);
    const out = resolve(argValue(args, '--out') ?? `big-trace-${count}.json`);
    const started = performance.now();
    const bytes = writeBigTrace(count, out);
    console.log(`${out}: ${count} spans, ${(bytes / 1048576).toFixed(1)} MB in ${(performance.now() - started).toFixed(0)} ms`);
    return;
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  writeSamples(join(root, 'public', 'samples'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
