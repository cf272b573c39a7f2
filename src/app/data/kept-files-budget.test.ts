import { describe, expect, it } from 'vitest';
import { planKeep, type KeptFileInfo } from './kept-files-budget.ts';

const file = (name: string, size: number, savedAt: number): KeptFileInfo => ({ name, size, savedAt });

describe('planKeep', () => {
  it('keeps a small file without dropping others', () => {
    expect(planKeep([file('a.json', 10, 1)], { name: 'b.json', size: 10 }, 100)).toEqual({ keep: true, evict: [] });
  });

  it('drops the oldest files until the new one fits the total budget', () => {
    const kept = [file('old.json', 40, 1), file('mid.json', 40, 2), file('new.json', 40, 3)];
    expect(planKeep(kept, { name: 'next.json', size: 50 }, 100)).toEqual({ keep: true, evict: ['mid.json', 'old.json'] });
  });

  it('replaces a file of the same name', () => {
    const plan = planKeep([file('a.json', 90, 1)], { name: 'a.json', size: 90 }, 100);
    expect(plan).toEqual({ keep: true, evict: ['a.json'] });
  });

  it('keeps at most the given number of files', () => {
    const kept = [file('a', 1, 1), file('b', 1, 2), file('c', 1, 3)];
    expect(planKeep(kept, { name: 'd', size: 1 }, 100, 2)).toEqual({ keep: true, evict: ['b', 'a'] });
  });

  it('does not keep a file larger than the whole budget, and says why', () => {
    const plan = planKeep([], { name: 'huge.json', size: 300 * 1024 * 1024 }, 200 * 1024 * 1024);
    expect(plan.keep).toBe(false);
    if (!plan.keep) expect(plan.reason).toMatch(/300\.0 MB.*200\.0 MB/);
  });
});
