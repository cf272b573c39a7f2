import { describe, expect, it } from 'vitest';
import { BodyCollector } from './body-collector.ts';

const chunks = (text: string, size: number): Buffer[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size)));

describe('BodyCollector', () => {
  const text = '{"trace":{"resourceSpans":[' + '{"a":1},'.repeat(500) + '{}]}}';

  it('keeps the chunks as they came, not copied, and joins them only when asked (once)', () => {
    const collector = new BodyCollector();
    const received = chunks(text, 333);
    for (const chunk of received) collector.add(chunk);
    const body = collector.finish();
    expect(body.parts.length).toBe(received.length);
    body.parts.forEach((part, i) => expect(part).toBe(received[i]));
    expect(body.bytes).toBe(Buffer.byteLength(text));
    expect(body.joined().toString()).toBe(text);
    expect(body.joined()).toBe(body.joined());
  });

  it('reads the first bytes without joining the rest', () => {
    const collector = new BodyCollector();
    for (const chunk of chunks(text, 100)) collector.add(chunk);
    const body = collector.finish();
    expect(body.head(10).toString()).toBe(text.slice(0, 10));
    expect(body.head(150).toString()).toBe(text.slice(0, 150));
  });

  it('gives an empty body for no bytes, and skips empty chunks', () => {
    const collector = new BodyCollector();
    collector.add(Buffer.alloc(0));
    const body = collector.finish();
    expect(body.parts).toEqual([]);
    expect(body.joined().byteLength).toBe(0);
    expect(body.head(5).byteLength).toBe(0);
  });
});
