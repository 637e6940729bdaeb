/**
 * What a source's new snapshot of an offering changes in its price history: pure, exact
 * decimals. Compared with the newest point this source gave for each price line at or before
 * the snapshot's as-of date, a line is added, changed (incl. withdrawn), unchanged, or held back
 * by the anomaly guard.
 */
import { Decimal } from 'decimal.js';

import { conditionKey, type PriceCondition } from '../../scrapers/shared/price-line.js';
import type { PriceComponent } from '../generated/prisma/enums.js';

export interface PriceLineState {
  /** null: the source last said the line was withdrawn. */
  usd: string | null;
  unit: string;
  condition: PriceCondition | null;
}

export interface ScrapedPriceLine {
  component: PriceComponent;
  usd: string;
  unit: string;
  condition?: PriceCondition;
}

export interface PriceWrite {
  component: PriceComponent;
  conditionKey: string;
  condition: PriceCondition | null;
  unit: string;
  /** null = withdrawn */
  usd: string | null;
}

export interface QuarantinedWrite extends PriceWrite {
  previousUsd: string;
  reason: string;
}

export interface PriceDiff {
  writes: PriceWrite[];
  quarantined: QuarantinedWrite[];
  added: number;
  changed: number;
  unchanged: number;
}

export const lineKey = (component: string, key: string) => `${component}|${key}`;

/**
 * @param previous this source's latest state per line of the offering, keyed by lineKey
 * @param anomalyFactor a move by more than this factor (up or down), or a drop to zero, is quarantined
 */
export function diffPrices(
  previous: ReadonlyMap<string, PriceLineState>,
  scraped: readonly ScrapedPriceLine[],
  anomalyFactor: Decimal.Value,
): PriceDiff {
  const factor = new Decimal(anomalyFactor);
  const diff: PriceDiff = { writes: [], quarantined: [], added: 0, changed: 0, unchanged: 0 };
  const seen = new Set<string>();
  for (const line of scraped) {
    const key = conditionKey(line.condition);
    const id = lineKey(line.component, key);
    if (seen.has(id)) continue; // a source listing the same line twice: the first one counts
    seen.add(id);
    const write: PriceWrite = { component: line.component, conditionKey: key, condition: line.condition ?? null, unit: line.unit, usd: line.usd };
    const before = previous.get(id);
    if (!before || before.usd === null) {
      diff.writes.push(write);
      diff.added++;
      continue;
    }
    const oldUsd = new Decimal(before.usd);
    const newUsd = new Decimal(line.usd);
    if (oldUsd.eq(newUsd)) {
      diff.unchanged++;
      continue;
    }
    const reason = anomaly(oldUsd, newUsd, factor);
    if (reason) diff.quarantined.push({ ...write, previousUsd: before.usd, reason });
    else {
      diff.writes.push(write);
      diff.changed++;
    }
  }
  for (const [id, before] of previous) {
    if (seen.has(id) || before.usd === null) continue;
    const [component, key] = id.split(/\|(.*)/s) as [PriceComponent, string];
    diff.writes.push({ component, conditionKey: key, condition: before.condition, unit: before.unit, usd: null });
    diff.changed++;
  }
  return diff;
}

function anomaly(oldUsd: Decimal, newUsd: Decimal, factor: Decimal): string | null {
  if (newUsd.isZero() && oldUsd.gt(0)) return `price dropped to zero from ${oldUsd.toFixed()}`;
  if (oldUsd.isZero()) return null; // a free line starting to cost is a real change, not a typo
  const ratio = newUsd.div(oldUsd);
  if (ratio.gt(factor)) return `price rose ${ratio.toSignificantDigits(4).toFixed()}x (limit ${factor.toFixed()}x)`;
  if (ratio.lt(new Decimal(1).div(factor))) {
    return `price fell to 1/${new Decimal(1).div(ratio).toSignificantDigits(4).toFixed()} (limit ${factor.toFixed()}x)`;
  }
  return null;
}
