import type { Attributes, Tracer } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SeededIdGenerator } from './ids.ts';
import type { OtlpTracesData } from './otlp-json.ts';
import { Prng, SimClock } from './sim-clock.ts';
import { installSyncContextManager } from './sync-context-manager.ts';

/**
 * One sample's OpenTelemetry set-up: a seeded id generator, a simulated clock and an in-memory
 * exporter shared by one BasicTracerProvider per service (each provider has its own resource).
 * `toOtlpJson` runs the finished spans through the SDK's own OTLP/JSON serializer.
 *
 * What that serializer emits (otlp-transformer 0.223): ids as lower-case hex, `*UnixNano` as
 * decimal strings, `intValue` as a JSON number (not a string), `kind` and `status.code` as
 * numbers with status code 0 written out, `flags` 256/257, spans grouped by resource object and
 * scope in end order.
 */
export class OtelHarness {
  readonly clock = new SimClock();
  readonly prng: Prng;
  private readonly exporter = new InMemorySpanExporter();
  private readonly idGenerator: SeededIdGenerator;
  private readonly providers = new Map<string, BasicTracerProvider>();

  constructor(seed: number) {
    installSyncContextManager();
    this.prng = new Prng(seed);
    // A separate stream for ids, so adding a random duration does not change every id.
    this.idGenerator = new SeededIdGenerator(new Prng(seed ^ 0x5eed1d5));
  }

  /** A tracer of the service named by `resource['service.name']`, for one instrumentation scope. */
  tracer(resource: Attributes, scope: string, version?: string): Tracer {
    const key = JSON.stringify(resource);
    let provider = this.providers.get(key);
    if (!provider) {
      provider = new BasicTracerProvider({
        resource: resourceFromAttributes(resource),
        idGenerator: this.idGenerator,
        spanProcessors: [new SimpleSpanProcessor(this.exporter)],
        // Python's defaults; Junjo runs rarely come near them.
        spanLimits: { eventCountLimit: 128, attributeCountLimit: 128 },
      });
      this.providers.set(key, provider);
    }
    return provider.getTracer(scope, version);
  }

  /** The finished spans as the SDK hands them to an exporter (for sending with a real OTLP exporter). */
  finishedSpans(): ReadableSpan[] {
    return this.exporter.getFinishedSpans();
  }

  spanCount(): number {
    return this.exporter.getFinishedSpans().length;
  }

  toOtlpJson(): OtlpTracesData {
    const bytes = JsonTraceSerializer.serializeRequest(this.exporter.getFinishedSpans());
    if (!bytes) throw new Error('The OTLP JSON serializer returned nothing');
    return JSON.parse(new TextDecoder().decode(bytes)) as OtlpTracesData;
  }
}
