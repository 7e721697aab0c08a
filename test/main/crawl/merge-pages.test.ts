import { describe, expect, it } from 'vitest';
import { mergePages } from '../../../src-main/crawl/tenant-inventory';

/** A listing of `pages` pages, one per `delayMs`, that records how many listings run at once. */
function listing(name: string, pages: number, delayMs: number, active: { now: number; max: number }) {
  return (async function* () {
    active.now++;
    active.max = Math.max(active.max, active.now);
    try {
      for (let i = 0; i < pages; i++) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        yield [`${name}${i}`];
      }
    } finally {
      active.now--;
    }
  })();
}

describe('mergePages', () => {
  it('delivers every page of every listing as they arrive, all listings running at once', async () => {
    const active = { now: 0, max: 0 };
    const sources = [listing('a', 3, 5, active), listing('b', 1, 1, active), listing('c', 2, 2, active)];
    const seen: string[] = [];
    for await (const page of mergePages(sources)) seen.push(...page);
    expect([...seen].sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'c0', 'c1']);
    expect(active.max).toBe(3);
    // b and c are quicker than a, so their pages come before a's first.
    expect(seen.indexOf('b0')).toBeLessThan(seen.indexOf('a0'));
    expect(seen.indexOf('c0')).toBeLessThan(seen.indexOf('a0'));
  });

  it('ends with the first failure of any listing', async () => {
    const failing = (async function* () {
      yield ['x0'];
      throw new Error('page 2 failed');
    })();
    const active = { now: 0, max: 0 };
    const run = async () => {
      for await (const _page of mergePages([failing, listing('a', 5, 5, active)])) void _page;
    };
    await expect(run()).rejects.toThrow('page 2 failed');
  });
});
