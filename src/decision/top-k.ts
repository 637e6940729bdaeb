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
  bound: (item: T) => Bound;
  /** The exact evaluation; its bound part must be >= the item's bound (same or higher level, cost >= bound cost). */
  evaluate: (item: T) => E;
  exactBound: (evaluated: E) => Bound;
  /** Total order of evaluated items (ties broken deterministically). */
  compare: (a: E, b: E) => number;
  /** Items with the same key stand for one entry: only the best of them is kept. */
  dedupeKey?: (evaluated: E) => string;
}

const boundGreater = (a: Bound, b: Bound) => a.level > b.level || (a.level === b.level && a.cost > b.cost);
const boundLess = (a: Bound, b: Bound) => a.level < b.level || (a.level === b.level && a.cost < b.cost);

/** The best k entries in `compare` order. */
export function topK<T, E>(items: readonly T[], options: TopKOptions<T, E>): E[] {
  const { k } = options;
  if (k <= 0 || items.length === 0) return [];
  const bounds = items.map(options.bound);
  const heap = items.map((_item, index) => index);
  const less = (a: number, b: number) => boundLess(bounds[a]!, bounds[b]!);
  const siftDown = (start: number, size: number) => {
    let parent = start;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && less(heap[right]!, heap[left]!) ? right : left;
      if (!less(heap[child]!, heap[parent]!)) return;
      [heap[parent], heap[child]] = [heap[child]!, heap[parent]!];
      parent = child;
    }
  };
  let size = heap.length;
  for (let index = (size >> 1) - 1; index >= 0; index--) siftDown(index, size);

  const best: E[] = [];
  const byKey = new Map<string, E>();
  while (size > 0) {
    const next = heap[0]!;
    if (best.length >= k && boundGreater(bounds[next]!, options.exactBound(best[k - 1]!))) break;
    heap[0] = heap[size - 1]!;
    size--;
    siftDown(0, size);

    const evaluated = options.evaluate(items[next]!);
    const key = options.dedupeKey?.(evaluated);
    if (key !== undefined) {
      const existing = byKey.get(key);
      if (existing !== undefined) {
        if (options.compare(evaluated, existing) >= 0) continue;
        best.splice(best.indexOf(existing), 1);
      }
      byKey.set(key, evaluated);
    }
    let at = best.length;
    while (at > 0 && options.compare(evaluated, best[at - 1]!) < 0) at--;
    best.splice(at, 0, evaluated);
  }
  return best.slice(0, k);
}
