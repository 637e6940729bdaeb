import { describe, expect, it } from 'vitest';

import { unlistHold } from './unlist-guard.js';

const limits = { maxShare: 0.2, minCount: 10 };

describe('unlistHold', () => {
  it.each([
    [20, 100, false], // exactly the share: applies
    [21, 100, true], // just above
    [9, 10, false], // 90% of a tiny source, under the minimum count
    [10, 10, true], // the minimum count reached, and over the share
    [10, 50, false], // 20%
    [11, 50, true],
    [2422, 2428, true],
    [0, 0, false],
    [5, 0, false],
  ])('%i of %i -> held %s', (wouldUnlist, listed, held) => {
    expect(unlistHold(wouldUnlist, listed, limits) !== null).toBe(held);
  });

  it('share 1 turns the guard off', () => {
    expect(unlistHold(1000, 1000, { maxShare: 1, minCount: 1 })).toBeNull();
  });

  it('says why, with the numbers', () => {
    expect(unlistHold(2422, 2428, limits)).toMatchObject({
      wouldUnlist: 2422,
      listed: 2428,
      maxShare: 0.2,
      minCount: 10,
      reason: expect.stringMatching(/2422 of the 2428 .*99\.8%.*20%/),
    });
  });
});
