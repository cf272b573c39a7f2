import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { fastApiRequest, type HttpEnv } from './http-server-span.ts';
import type { JunjoDialect } from './junjo-dialect.ts';
import { JunjoG1Dialect } from './junjo-g1.ts';
import { JunjoG3Dialect } from './junjo-g3.ts';
import { createWorkflow, runWorkflow, type JunjoEnv } from './junjo-runner.ts';
import { OtelHarness } from './otel-harness.ts';
import type { OtlpTracesData } from './otlp-json.ts';
import { sampleWorkflow } from './sample-workflow.ts';
import { drive } from './sim-runtime.ts';
import type { Scenario, WorkflowDef } from './workflow-def.ts';
import { workbenchWorkflow } from './workbench-workflow.ts';

export interface Sample {
  file: string;
  title: string;
  description: string;
  /** The Junjo telemetry generation, or null for a trace without Junjo spans. */
  generation: 'G1' | 'G3' | null;
  data: OtlpTracesData;
}

/** Counter 5 → odd path; the reviewer needs three passes (the third changes nothing). */
const ODD_SCENARIO: Scenario = { items: ['apple', 'banana', 'cherry', 'date', 'elderberry'], qualities: [0.55, 0.74, 0.86] };
/** Counter 4 → even path; two passes. */
const EVEN_SCENARIO: Scenario = { items: ['kiwi', 'lime', 'mango', 'nectarine'], qualities: [0.62, 0.91] };
/** No items → counter 0 → DecrementNode raises inside the RunConcurrent. */
const EMPTY_SCENARIO: Scenario = { items: [], qualities: [] };

function pythonResource(sdkVersion: string): Attributes {
  return {
    'service.name': 'joke-workflow-api',
    'service.version': '1.4.2',
    'service.namespace': 'demo',
    'deployment.environment.name': 'staging',
    'host.name': 'workflow-api-7c9d8b5f4-x2x9q',
    'process.pid': 1,
    'process.runtime.name': 'cpython',
    'process.runtime.version': '3.12.7',
    'telemetry.sdk.language': 'python',
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.version': sdkVersion,
  };
}

interface JunjoSetup {
  harness: OtelHarness;
  env: JunjoEnv;
  http: HttpEnv;
}

function setUp(seed: number, dialect: JunjoDialect): JunjoSetup {
  const harness = new OtelHarness(seed);
  const legacy = dialect.generation === 'G1';
  const resource = pythonResource(legacy ? '1.27.0' : '1.38.0');
  const { clock, prng } = harness;
  const env: JunjoEnv = {
    junjoTracer: harness.tracer(resource, 'junjo'),
    llmTracer: harness.tracer(resource, 'opentelemetry.instrumentation.openai_v2', '2.1b0'),
    clock,
    prng,
    dialect,
  };
  const http: HttpEnv = { tracer: harness.tracer(resource, 'opentelemetry.instrumentation.fastapi', legacy ? '0.48b0' : '0.59b0'), clock, prng };
  return { harness, env, http };
}

function requestId(setup: JunjoSetup): string {
  return `req_${setup.harness.prng.hex(12)}`;
}

/** One POST /run request running `scenarios` one after the other. */
function runRequest(setup: JunjoSetup, route: string, scenarios: Scenario[], def: WorkflowDef = sampleWorkflow): OtlpTracesData {
  runRequestSpans(setup, route, scenarios, def);
  return setup.harness.toOtlpJson();
}

function runRequestSpans(setup: JunjoSetup, route: string, scenarios: Scenario[], def: WorkflowDef = sampleWorkflow): void {
  const workflow = createWorkflow(def, setup.harness.prng);
  const id = requestId(setup);
  drive(
    setup.harness.clock,
    fastApiRequest(setup.http, { method: 'POST', route, requestId: id }, function* () {
      yield setup.harness.prng.range(0.8, 1.5);
      for (const scenario of scenarios) {
        yield* runWorkflow(setup.env, workflow, scenario);
        yield setup.harness.prng.range(0.5, 1.2);
      }
    }),
  );
}

/** The G3 sample run (same as g3ContractV2Sample) as the SDK's finished spans, for a real exporter. */
export function g3SampleSpans(): ReadableSpan[] {
  const setup = setUp(303, new JunjoG3Dialect({ type: 'conversation', id: 'conv_7f3a91c2' }));
  runRequestSpans(setup, '/run', [ODD_SCENARIO]);
  return setup.harness.finishedSpans();
}

export function g1LegacySample(): Sample {
  return {
    file: 'junjo-g1-legacy.json',
    title: 'Junjo G1 (legacy): base workflow',
    description:
      'POST /run → demo_base_workflow in the legacy generation: v1 graph, junjo.id/parent_id, a RunConcurrent with three overlapping counters (two write /counter), a subflow with its own store and two LLM calls, the odd branch, RefineNode looping three times (the last set_state is a "{}" no-op) and FinalNode.',
    generation: 'G1',
    data: runRequest(setUp(101, new JunjoG1Dialect()), '/run', [ODD_SCENARIO]),
  };
}

export function g1TwoRunsSample(): Sample {
  return {
    file: 'junjo-g1-two-runs.json',
    title: 'Junjo G1: two runs in one trace',
    description:
      'One POST /run/batch request that runs the same workflow object twice: the first run takes the odd branch and loops three times, the second takes the even branch and loops twice. Same junjo.id, different store ids.',
    generation: 'G1',
    data: runRequest(setUp(202, new JunjoG1Dialect()), '/run/batch', [ODD_SCENARIO, EVEN_SCENARIO]),
  };
}

export function g3ContractV2Sample(): Sample {
  const setup = setUp(303, new JunjoG3Dialect({ type: 'conversation', id: 'conv_7f3a91c2' }));
  return {
    file: 'junjo-g3-contract-v2.json',
    title: 'Junjo G3 (contract v2): base workflow',
    description:
      'The same workflow with telemetry contract v2: definition/runtime/structural ids, the v2 execution graph snapshot (the subflow has its own), store revisions and transition sequences, "[]" no-op patches and .mode/.policy siblings.',
    generation: 'G3',
    data: runRequest(setup, '/run', [ODD_SCENARIO]),
  };
}

export function g3FailureSample(): Sample {
  return {
    file: 'junjo-g3-failure.json',
    title: 'Junjo G3: failure inside RunConcurrent',
    description:
      'An empty item list makes DecrementNode raise CounterUnderflowError inside "Counter Nodes"; IncrementNode and AddTenNode are cancelled (junjo.cancelled_reason=sibling_failed); the RunConcurrent, the workflow and the HTTP request end in ERROR.',
    generation: 'G3',
    data: runRequest(setUp(404, new JunjoG3Dialect()), '/run', [EMPTY_SCENARIO]),
  };
}

export function workbenchSample(): Sample {
  return {
    file: 'junjo-g3-debugging.json',
    title: 'Junjo G3: a run to debug (loop, nested subflows, failure, three LLM styles)',
    description:
      'research_article_workflow: PlanNode (LLM, OpenInference attributes) → DraftNode ⇄ ReviewNode loop (GenAI JSON messages with a tool call; a Junjo agent model request) → ResearchSubflow → nested FactCheckSubflow, whose RunConcurrent "Checks" has CitationCheckNode raise MissingCitationError while SourceCheckNode and ToneCheckNode both write /checks_done; everything above it ends in ERROR.',
    generation: 'G3',
    data: runRequest(setUp(505, new JunjoG3Dialect()), '/articles', [{ items: [], qualities: [] }], workbenchWorkflow),
  };
}
