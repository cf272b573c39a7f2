import { describe, expect, it } from 'vitest';
import { stepKeyOf, type KeyInfo } from './step-keys.ts';

const key = (k: string, over: Partial<KeyInfo> = {}): KeyInfo => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, targetTag: 'DIV', inGrid: false, ...over });

describe('stepKeyOf', () => {
  it.each([['ArrowRight', 1], ['j', 1], ['ArrowLeft', -1], ['k', -1]])('%s moves by %i', (k, delta) =>
    expect(stepKeyOf(key(k))).toEqual({ kind: 'move', delta }));
  it('uses ↑/↓/Home/End only in the grid', () => {
    expect(stepKeyOf(key('ArrowDown'))).toBeNull();
    expect(stepKeyOf(key('ArrowDown', { inGrid: true }))).toEqual({ kind: 'move', delta: 1 });
    expect(stepKeyOf(key('End', { inGrid: true }))).toEqual({ kind: 'edge', to: 'last' });
  });
  it('leaves form fields and shortcuts alone', () => {
    expect(stepKeyOf(key('ArrowRight', { targetTag: 'INPUT' }))).toBeNull();
    expect(stepKeyOf(key('j', { ctrlKey: true }))).toBeNull();
  });
});
