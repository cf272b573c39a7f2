/** Small OTLP JSON builders for end-to-end tests of odd and hostile inputs. */
export interface TestSpan {
  readonly id: number;
  readonly parent?: number;
  readonly name?: string;
  readonly start?: string | number;
  readonly end?: string | number;
  readonly attributes?: Record<string, string>;
}

export const traceId = '0af7651916cd43dd8448eb211c80319c';
const base = 1_763_632_800_000_000_000n;
export const spanHex = (n: number): string => n.toString(16).padStart(16, '0');

export function otlpSpan(span: TestSpan): object {
  return {
    traceId,
    spanId: spanHex(span.id),
    ...(span.parent !== undefined ? { parentSpanId: spanHex(span.parent) } : {}),
    name: span.name ?? `span-${span.id}`,
    kind: 1,
    startTimeUnixNano: span.start ?? String(base + BigInt(span.id) * 1000n),
    endTimeUnixNano: span.end ?? String(base + BigInt(span.id) * 1000n + 500_000n),
    attributes: Object.entries(span.attributes ?? {}).map(([key, value]) => ({ key, value: { stringValue: value } })),
    status: {},
  };
}

export function otlpDocument(spans: readonly TestSpan[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'edge-cases' } }] },
        scopeSpans: [{ scope: { name: 'e2e' }, spans: spans.map(otlpSpan) }],
      },
    ],
  });
}

/** A parent chain: span i+1 is the child of span i, `depth` spans in all. */
export function deepChain(depth: number): string {
  const spans: TestSpan[] = [];
  for (let i = 1; i <= depth; i++) spans.push({ id: i, ...(i > 1 ? { parent: i - 1 } : {}), start: String(base + BigInt(i)), end: String(base + 10_000_000n - BigInt(i)) });
  return otlpDocument(spans);
}
