import { describe, expect, it } from 'vitest';
import { BodyCollector } from './body-collector.ts';

const chunks = (text: string, size: number): Buffer[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size)));

describe('BodyCollector', () => {
  const text = '{"trace":{"resourceSpans":[' + '{"a":1},'.repeat(500) + '{}]}}';

  it('fills one buffer of the declared length, chunk by chunk', () => {
    const collector = new BodyCollector(Buffer.byteLength(text));
    for (const chunk of chunks(text, 333)) collector.add(chunk);
    const body = collector.finish();
    expect(body.toString()).toBe(text);
    expect(body.buffer.byteLength).toBe(Buffer.byteLength(text)); // its own, not a slice of a pool or a bigger buffer
  });

  it('joins the chunks when no length was declared', () => {
    const collector = new BodyCollector(undefined);
    for (const chunk of chunks(text, 100)) collector.add(chunk);
    const body = collector.finish();
    expect(body.toString()).toBe(text);
    expect(collector.bytes).toBe(Buffer.byteLength(text));
  });

  it('keeps every byte when more arrives than was declared, and cuts none when less does', () => {
    const more = new BodyCollector(10);
    for (const chunk of chunks(text, 7)) more.add(chunk);
    expect(more.finish().toString()).toBe(text);
    const less = new BodyCollector(10_000);
    less.add(Buffer.from('{"a":1}'));
    expect(less.finish().toString()).toBe('{"a":1}');
    expect(new BodyCollector(0).finish().byteLength).toBe(0);
  });
});
