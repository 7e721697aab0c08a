import { describe, expect, it } from 'vitest';
import { outlineBlocks } from '../../src-renderer/screens/automations/block-outline';

describe('automation block outline', () => {
  it('follows the childId chain from the start block, whatever the array order', () => {
    const definition = {
      blocks: [
        { id: 'c', type: 'EndpointBlock', displayName: 'Slack - Send Message', childId: null, inputs: [{ id: 'channel', value: '#bi' }] },
        { id: 'a', type: 'StartBlock', displayName: 'Start', childId: 'b' },
        {
          id: 'b',
          type: 'EndpointBlock',
          displayName: 'Do Reload',
          childId: 'c',
          inputs: [{ id: 'appId', value: 'x1', displayValue: 'Sales' }],
        },
      ],
    };
    const outline = outlineBlocks(definition);
    expect(outline.map((b) => b.title)).toEqual(['Start', 'Do Reload', 'Slack - Send Message']);
    expect(outline[1]?.inputs).toEqual([{ id: 'appId', value: 'Sales' }]);
  });

  it('says a stripped secret was removed instead of showing it empty', () => {
    const outline = outlineBlocks({ blocks: [{ id: 'a', type: 'StartBlock', inputs: [{ id: 'apiKey', value: null }] }] });
    expect(outline[0]?.inputs).toEqual([{ id: 'apiKey', value: '(secret removed)' }]);
  });

  it('lists blocks no chain reaches after the chain, marked detached', () => {
    const outline = outlineBlocks({
      blocks: [
        { id: 'a', type: 'StartBlock', childId: null },
        { id: 'z', type: 'EndpointBlock', name: 'orphan' },
      ],
    });
    expect(outline.map((b) => [b.title, b.detached])).toEqual([
      ['StartBlock', false],
      ['orphan', true],
    ]);
  });

  it('never throws on odd definitions and stops on cycles', () => {
    for (const odd of [null, 42, 'x', [], { blocks: 'no' }, { blocks: [null, 1, 'x'] }]) expect(outlineBlocks(odd)).toEqual([]);
    const cycle = outlineBlocks({
      blocks: [
        { id: 'a', type: 'StartBlock', childId: 'b' },
        { id: 'b', childId: 'a' },
      ],
    });
    expect(cycle.map((b) => b.id)).toEqual(['a', 'b']);
  });
});
