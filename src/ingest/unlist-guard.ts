/**
 * The mass-unlisting guard: a run that would unlist more than a share of the offerings its source
 * lists is held for review instead of applied (a truncated or broken payload otherwise withdraws a
 * whole catalog in one go). Pure: counts in, a verdict out.
 */

export interface UnlistLimits {
  /** INGEST_MAX_UNLIST_SHARE: a larger share of the source's listed offerings is held (1 = never). */
  maxShare: number;
  /** INGEST_UNLIST_HOLD_MIN_COUNT: fewer unlistings than this never hold a run (tiny sources). */
  minCount: number;
}

/** Why a run was held, as stored on it (scrape_run.hold) and shown with it. */
export interface UnlistHold {
  reason: string;
  /** Offerings the run would unlist. */
  wouldUnlist: number;
  /** Offerings the source listed at the snapshot's date, before it. */
  listed: number;
  maxShare: number;
  minCount: number;
}

const percent = (share: number) => `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;

/** The hold for a run that would unlist `wouldUnlist` of the `listed` offerings of its source, or null when it may apply. */
export function unlistHold(wouldUnlist: number, listed: number, limits: UnlistLimits): UnlistHold | null {
  if (wouldUnlist < limits.minCount || listed <= 0) return null;
  const share = wouldUnlist / listed;
  if (share <= limits.maxShare) return null;
  return {
    reason:
      `would unlist ${wouldUnlist} of the ${listed} offerings the source lists (${percent(share)}); ` +
      `the limit is ${percent(limits.maxShare)} (INGEST_MAX_UNLIST_SHARE) once ${limits.minCount} or more would go: held for review, nothing applied`,
    wouldUnlist,
    listed,
    maxShare: limits.maxShare,
    minCount: limits.minCount,
  };
}
