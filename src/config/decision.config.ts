/**
 * The decision framework's two settings, parsed by zod from the application config.
 *
 * - Hours per month: GPU rental is paid for every hour of the month. Default 720 (30 days x 24 h),
 *   the article's figure: 4 GPUs x $2/h x 720 h = $5,760.
 * - Ops cost per month of a self-hosted deployment (engineering time to run it). Default 0, so the
 *   article's self-hosting figures ($6,260, ~$1,500), which leave engineering time out, are
 *   reproduced as printed. The article warns that this hides a real cost ("Factor in engineering
 *   time, not just GPU cost"): a decision prices it with `opsCostUsdPerMonth`, or an operator sets a
 *   house default here; while it is 0 the framework's `ops-cost-not-counted` rule says so.
 *
 * Both are part of the application config (src/config/app-config.ts spreads this schema), so a
 * bad value stops the service at start with the variable named; nothing here reads process.env.
 */
import { z } from 'zod';


export const DECISION_DEFAULTS = {
  hoursPerMonth: 720,
  opsCostUsdPerMonth: '0',
} as const;

export const decisionConfigSchema = z.object({
  DECISION_HOURS_PER_MONTH: z.coerce.number().positive().max(744).default(DECISION_DEFAULTS.hoursPerMonth),
  DECISION_OPS_COST_USD_PER_MONTH: z.coerce
    .string()
    .regex(/^\d{1,12}(\.\d{1,12})?$/, 'a non-negative amount of USD such as 2000')
    .default(DECISION_DEFAULTS.opsCostUsdPerMonth),
});

export interface DecisionConfig {
  /** Hours a rented GPU is paid for in a month. */
  hoursPerMonth: string;
  /** Default engineering cost of running one self-hosted deployment, USD per month. */
  opsCostUsdPerMonth: string;
}

export const DECISION_CONFIG = Symbol('DECISION_CONFIG');

/** Reads the two settings from the parsed application config, defaults where it has none. */
export function decisionConfigFrom(config: Record<string, unknown>): DecisionConfig {
  const source = config as Record<string, unknown>;
  const parsed = decisionConfigSchema.parse({
    DECISION_HOURS_PER_MONTH: source.DECISION_HOURS_PER_MONTH ?? undefined,
    DECISION_OPS_COST_USD_PER_MONTH: source.DECISION_OPS_COST_USD_PER_MONTH ?? undefined,
  });
  return { hoursPerMonth: String(parsed.DECISION_HOURS_PER_MONTH), opsCostUsdPerMonth: parsed.DECISION_OPS_COST_USD_PER_MONTH };
}
