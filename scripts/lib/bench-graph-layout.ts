/**
 * Graph layout figures for `npm run bench` (issue 11, "the first graph layout in a page is fast"):
 * - in Node: loading ELK (elkjs' bundled build, as the layout worker does), then its first layout and
 *   a warm one (median of 3) for each Junjo sample's top-level graph and for a generated workflow of
 *   200 nodes (chains, RunConcurrent groups, conditional branches and loops);
 * - in Chromium: each Junjo sample, and a trace carrying the generated 200-node workflow, opened on its
 *   graph in a fresh page — from navigation to the first graph node on screen, and how long "Laying out
 *   the graph…" was shown (0 when never).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { decodeInput } from '../../src/core/formats/decode-input.ts';
import { analyzeJunjo } from '../../src/core/junjo/analyze-junjo.ts';
import { buildLayoutInput } from '../../src/core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../src/core/junjo/graph-model.ts';
import { parseGraphV1 } from '../../src/core/junjo/parse-graph-v1.ts';
import { buildTraces } from '../../src/core/trace/build-traces.ts';
import { fixed } from './bench-stats.ts';

export const junjoSampleFiles = ['junjo-g1-legacy.json', 'junjo-g3-contract-v2.json', 'junjo-g3-failure.json', 'junjo-g3-debugging.json'];

/** A workflow of `size` nodes: a chain where every 7th step is a RunConcurrent of 3, every 5th branches on a condition, every 11th loops back. */
export function generatedWorkflow(size: number): WorkflowGraph {
  const parsed = parseGraphV1(generatedWorkflowJson(size));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.graph;
}

/** The generated workflow's graph as Junjo's v1 `graph_structure` JSON text. */
function generatedWorkflowJson(size: number): string {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  let previous: string | null = null;
  let made = 0;
  for (let step = 0; made < size; step++) {
    const id = `n${step}`;
    if (step % 7 === 3 && made + 4 <= size) {
      const kids = [0, 1, 2].map((k) => `${id}_${k}`);
      nodes.push({ id, type: 'RunConcurrent', label: `Group ${step}`, isSubgraph: true, children: kids });
      for (const kid of kids) nodes.push({ id: kid, type: 'BranchNode', label: `Branch${kid}Node` });
      made += 4;
    } else {
      nodes.push({ id, type: 'StepNode', label: `Step${step}Node` });
      made += 1;
    }
    if (previous) edges.push({ id: `e${step}`, source: previous, target: id, condition: step % 5 === 0 ? `IsReady${step}()` : null });
    if (step % 5 === 0 && previous && made < size) {
      const side = `${id}_side`;
      nodes.push({ id: side, type: 'SideNode', label: `Side${step}Node` });
      made += 1;
      edges.push({ id: `s${step}`, source: previous, target: side, condition: null });
      edges.push({ id: `j${step}`, source: side, target: id, condition: null });
    }
    if (step % 11 === 10) edges.push({ id: `loop${step}`, source: id, target: `n${step - 2}`, condition: `Retry${step}()` });
    previous = id;
  }
  return JSON.stringify({ v: 1, nodes, edges });
}

/** The generated workflow's file name among the page's samples (pageLayoutFigures writes it there). */
export const generatedSampleFile = 'bench-generated-200-node-workflow.json';

/** An OTLP JSON trace of one G1 workflow span carrying the generated graph (no node ran: the graph is what is measured). */
export function generatedWorkflowTrace(size: number): string {
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const start = 1_700_000_000_000_000_000n;
  const span = {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    name: 'generated_workflow',
    kind: 1,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + 1_000_000_000n),
    attributes: [
      attr('junjo.span_type', 'workflow'),
      attr('junjo.id', 'generatedWorkflow000001'),
      attr('junjo.workflow.store.id', 'generated-store'),
      attr('junjo.workflow.state.start', '{}'),
      attr('junjo.workflow.state.end', '{}'),
      attr('junjo.workflow.graph_structure', generatedWorkflowJson(size)),
    ],
    status: {},
  };
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [attr('service.name', 'bench')] }, scopeSpans: [{ scope: { name: 'junjo' }, spans: [span] }] }] });
}

async function sampleGraph(path: string): Promise<WorkflowGraph> {
  const decoded = await decodeInput(new Uint8Array(readFileSync(path)));
  if (!decoded.ok) throw new Error(`decoding ${path}: ${decoded.error.message}`);
  const analysis = analyzeJunjo(buildTraces(decoded.result.spans)[0]!);
  if (analysis.kind === 'none') throw new Error(`${path}: ${analysis.reason}`);
  const run = analysis.runs[analysis.topLevelRuns[0] ?? 0];
  if (!run?.graph.ok) throw new Error(`${path}: no readable graph`);
  return run.graph.graph;
}

export interface LayoutFigure {
  readonly graph: string;
  readonly nodes: number;
  readonly firstMs: number;
  readonly warmMs: number;
}

export interface GraphLayoutFigures {
  readonly elkLoadMs: number;
  readonly node: LayoutFigure[];
  readonly page: { readonly sample: string; readonly firstNodeMs: number; readonly layingOutShownMs: number }[];
}

/** Node figures: ELK's load, then per graph a first and a warm layout (each graph's first call is its first in this ELK instance). */
export async function nodeLayoutFigures(samplesDir: string): Promise<Pick<GraphLayoutFigures, 'elkLoadMs' | 'node'>> {
  const loadStarted = performance.now();
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const elkLoadMs = performance.now() - loadStarted;
  const graphs: [string, WorkflowGraph][] = [];
  for (const file of junjoSampleFiles) graphs.push([file, await sampleGraph(`${samplesDir}/${file}`)]);
  graphs.push(['generated 200-node workflow', generatedWorkflow(200)]);
  const node: LayoutFigure[] = [];
  for (const [name, graph] of graphs) {
    const input = () => JSON.parse(JSON.stringify(buildLayoutInput(graph, { direction: 'RIGHT' }))) as Parameters<typeof elk.layout>[0];
    let started = performance.now();
    await elk.layout(input());
    const firstMs = performance.now() - started;
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      started = performance.now();
      await elk.layout(input());
      warm.push(performance.now() - started);
    }
    node.push({ graph: name, nodes: graph.nodes.length, firstMs, warmMs: warm.sort((a, b) => a - b)[1]! });
  }
  return { elkLoadMs, node };
}

/**
 * Page figures: each sample opened on its graph in a fresh page (cold worker, cold cache); with
 * `samplesDir` (the served site's samples/), also the generated 200-node workflow, written there.
 */
export async function pageLayoutFigures(browser: Browser, baseUrl: string, viewport: { width: number; height: number }, samplesDir?: string): Promise<GraphLayoutFigures['page']> {
  const out: GraphLayoutFigures['page'] = [];
  const files = [...junjoSampleFiles];
  if (samplesDir) {
    writeFileSync(join(samplesDir, generatedSampleFile), generatedWorkflowTrace(200));
    files.push(generatedSampleFile);
  }
  for (const sample of files) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const marks: Record<string, number> = {};
      (window as unknown as { __graphMarks: Record<string, number> }).__graphMarks = marks;
      new MutationObserver(() => {
        if (marks.layingOut === undefined && document.body.textContent?.includes('Laying out the graph')) marks.layingOut = performance.now();
        if (marks.node === undefined && document.querySelector('.react-flow__node')) marks.node = performance.now();
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(`${baseUrl}/sample/${sample}?view=graph`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    const marks = await page.evaluate(() => (window as unknown as { __graphMarks: Record<string, number> }).__graphMarks);
    const firstNodeMs = marks.node ?? Number.NaN;
    out.push({ sample, firstNodeMs, layingOutShownMs: marks.layingOut === undefined ? 0 : firstNodeMs - marks.layingOut });
    await context.close();
  }
  return out;
}

export function graphLayoutReport(figures: Partial<GraphLayoutFigures>): string {
  const lines = ['Graph layout (ELK, issue 11):'];
  if (figures.elkLoadMs !== undefined) lines.push(`  loading elkjs in Node: ${fixed(figures.elkLoadMs)} ms`);
  for (const f of figures.node ?? []) lines.push(`  ${f.graph} (${f.nodes} nodes): first layout ${fixed(f.firstMs)} ms, warm ${fixed(f.warmMs)} ms`);
  for (const p of figures.page ?? []) {
    lines.push(`  page, ${p.sample} opened on its graph: first node after ${fixed(p.firstNodeMs)} ms, "Laying out the graph…" shown ${fixed(p.layingOutShownMs)} ms`);
  }
  return lines.join('\n');
}
