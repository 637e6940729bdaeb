/**
 * The k best of many items whose exact key is expensive (exact-decimal costs) but bounded below by a
 * cheap one (a float lower bound of the cost): items are taken in lower-bound order from a heap and
 * evaluated exactly until the k-th best exact key is below every remaining lower bound. Over 50,000
 * offerings this evaluates a few dozen exactly instead of all of them, and the answer is the same.
 */

export interface Bound {
  /** Integer part of the key, compared first (e.g. constraints missed, then preference). */
  level: number;
  /** A lower bound of the exact cost. */
  cost: number;
}

export interface TopKOptions<T, E> {
  k: number;
  /** Integer part of an item's key, known before evaluation; the exact level may only be higher. */
  level: (item: T) => number;
  /** A lower bound of the item's exact cost. */
  lowerBound: (item: T) => number;
  /** The exact evaluation. */
  evaluate: (item: T) => E;
  exactBound: (evaluated: E) => Bound;
  /** Total order of evaluated items (ties broken deterministically). */
  compare: (a: E, b: E) => number;
  /** Items with the same key stand for one entry: only the best of them is kept (and others are skipped unevaluated when they cannot beat it). */
  dedupeKey?: (item: T) => string | number;
}

/**
 * Work arrays kept between calls: a decision ranks 50,000 entries several times, and fresh arrays
 * each time were megabytes of garbage per decision. A nested call (an `evaluate` that ranks) gets
 * arrays of its own.
 */
let scratch: { levels: Float64Array; costs: Float64Array; heap: Uint32Array } | null = null;

function takeScratch(count: number) {
  const held = scratch;
  scratch = null;
  if (held && held.levels.length >= count) return held;
  const size = Math.max(count, (held?.levels.length ?? 0) * 2);
  return { levels: new Float64Array(size), costs: new Float64Array(size), heap: new Uint32Array(size) };
}

/** The best k entries in `compare` order. */
export function topK<T, E>(items: readonly T[], options: TopKOptions<T, E>): E[] {
  const { k } = options;
  const count = items.length;
  if (k <= 0 || count === 0) return [];
  const work = takeScratch(count);
  try {
    return rank(items, options, work);
  } finally {
    scratch = work;
  }
}

function rank<T, E>(items: readonly T[], options: TopKOptions<T, E>, work: { levels: Float64Array; costs: Float64Array; heap: Uint32Array }): E[] {
  const { k } = options;
  const count = items.length;
  const { levels, costs, heap } = work;
  for (let index = 0; index < count; index++) {
    levels[index] = options.level(items[index]!);
    costs[index] = options.lowerBound(items[index]!);
  }
  for (let index = 0; index < count; index++) heap[index] = index;
  const less = (a: number, b: number) => levels[a]! < levels[b]! || (levels[a] === levels[b] && costs[a]! < costs[b]!);
  const siftDown = (start: number, size: number) => {
    let parent = start;
    const moving = heap[parent]!;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && less(heap[right]!, heap[left]!) ? right : left;
      if (!less(heap[child]!, moving)) break;
      heap[parent] = heap[child]!;
      parent = child;
    }
    heap[parent] = moving;
  };
  let size = count;
  for (let index = (size >> 1) - 1; index >= 0; index--) siftDown(index, size);

  /** Is the item's bound above (strictly) an evaluated entry's exact key? */
  const beyond = (index: number, exact: Bound) => levels[index]! > exact.level || (levels[index] === exact.level && costs[index]! > exact.cost);
  const notBelow = (index: number, exact: Bound) => !(levels[index]! < exact.level || (levels[index] === exact.level && costs[index]! < exact.cost));

  const best: E[] = [];
  const byKey = new Map<string | number, E>();
  while (size > 0) {
    const next = heap[0]!;
    if (best.length >= k && beyond(next, options.exactBound(best[k - 1]!))) break;
    heap[0] = heap[size - 1]!;
    size--;
    siftDown(0, size);

    const item = items[next]!;
    const key = options.dedupeKey?.(item);
    const existing = key === undefined ? undefined : byKey.get(key);
    if (existing !== undefined && notBelow(next, options.exactBound(existing))) continue;
    const evaluated = options.evaluate(item);
    if (existing !== undefined) {
      if (options.compare(evaluated, existing) >= 0) continue;
      best.splice(best.indexOf(existing), 1);
    }
    if (key !== undefined) byKey.set(key, evaluated);
    let at = best.length;
    while (at > 0 && options.compare(evaluated, best[at - 1]!) < 0) at--;
    // Without deduplication only the k best can matter: keep the list at k, or thousands of tied
    // items (equal costs are common) would each be inserted into an ever longer list.
    if (key === undefined && at >= k) continue;
    best.splice(at, 0, evaluated);
    if (key === undefined && best.length > k) best.pop();
  }
  return best.slice(0, k);
}
