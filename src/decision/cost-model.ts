/**
 * The cost model: pure functions over exact decimals. Token prices are USD per 1M tokens.
 * The article's scenario (10M requests of 500 input + 500 output tokens a month) gives
 * GPT-4o at $5/$15 -> $100,000; self-hosting 4 x A100 at $2/h x 720 h -> $5,760 + $500.
 */
import type { Decimal } from 'decimal.js';

import { formatDecimal, Money, toMoney, TOKENS_PER_PRICE_UNIT, type DecimalInput } from '../common/money.js';

export interface Workload {
  requestsPerMonth: DecimalInput;
  inputTokensPerRequest: DecimalInput;
  outputTokensPerRequest: DecimalInput;
  /** Peak over average request rate; self-hosting must be sized for the peak. */
  peakToAverage?: DecimalInput;
  /** Share of input tokens served from the provider's prompt cache (0..1). */
  cachedInputShare?: DecimalInput;
  /** Share of requests sent through the batch API (0..1). */
  batchShare?: DecimalInput;
}

/** The article's workload: 10M calls a month of 1,000 tokens, half in, half out. */
export const ARTICLE_WORKLOAD: Workload = {
  requestsPerMonth: 10_000_000,
  inputTokensPerRequest: 500,
  outputTokensPerRequest: 500,
};

/** A price line of an offering, as stored: component, optional condition, USD per unit. */
export interface TokenPriceLine {
  component: string;
  condition: Record<string, unknown> | null;
  usd: string;
}

export interface ApiCostBreakdown {
  inputTokens: string;
  outputTokens: string;
  input: string;
  cachedInput: string;
  output: string;
  batchInput: string;
  batchOutput: string;
  /** What the batch API saved against standard prices (0 without batch prices or batch share). */
  batchDiscount: string;
  /** Price lines used: component -> USD per 1M tokens. */
  pricesUsed: Record<string, string>;
  /** The long-context tier applied, if any (e.g. {"promptTokensAbove": 200000}). */
  condition: Record<string, unknown> | null;
}

export interface ApiCost {
  monthlyCostUsd: string;
  breakdown: ApiCostBreakdown;
}

export class MissingPriceError extends Error {
  constructor(readonly component: string) {
    super(`no ${component} price in force`);
    this.name = 'MissingPriceError';
  }
}

/**
 * The long-context tier that applies to a request of this many input tokens: the line with the
 * highest promptTokensAbove threshold below the request size; unconditional lines otherwise.
 */
function linesForRequestSize(lines: readonly TokenPriceLine[], inputTokensPerRequest: Decimal) {
  let tier: { threshold: Decimal; condition: Record<string, unknown> } | null = null;
  for (const line of lines) {
    const above = line.condition?.promptTokensAbove;
    if (typeof above !== 'number' || Object.keys(line.condition!).length !== 1) continue;
    const threshold = toMoney(above);
    if (inputTokensPerRequest.gt(threshold) && (!tier || threshold.gt(tier.threshold))) tier = { threshold, condition: line.condition! };
  }
  const pick = (component: string): string | undefined => {
    if (tier) {
      const tiered = lines.find(
        (line) => line.component === component && line.condition?.promptTokensAbove === tier!.condition.promptTokensAbove,
      );
      if (tiered) return tiered.usd;
    }
    return lines.find((line) => line.component === component && line.condition === null)?.usd;
  };
  return { pick, condition: tier?.condition ?? null };
}

const perMillion = (tokens: Decimal, usdPerMillion: string) => tokens.mul(usdPerMillion).div(TOKENS_PER_PRICE_UNIT);

/** Monthly cost of a workload on a per-token API offering. Throws MissingPriceError without input/output prices. */
export function apiMonthlyCost(workload: Workload, lines: readonly TokenPriceLine[]): ApiCost {
  const requests = toMoney(workload.requestsPerMonth);
  const inputPerRequest = toMoney(workload.inputTokensPerRequest);
  const inputTokens = requests.mul(inputPerRequest);
  const outputTokens = requests.mul(toMoney(workload.outputTokensPerRequest));
  const cachedShare = toMoney(workload.cachedInputShare ?? 0);
  const batchShare = toMoney(workload.batchShare ?? 0);
  const { pick, condition } = linesForRequestSize(lines, inputPerRequest);

  const inputPrice = pick('input');
  const outputPrice = pick('output');
  if (inputPrice === undefined && inputTokens.gt(0)) throw new MissingPriceError('input');
  if (outputPrice === undefined && outputTokens.gt(0)) throw new MissingPriceError('output');
  const pricesUsed: Record<string, string> = {};
  const use = (component: string, price: string | undefined) => {
    if (price !== undefined) pricesUsed[component] = formatDecimal(price)!;
    return price;
  };
  use('input', inputPrice);
  use('output', outputPrice);

  // Batch requests go at batch prices where the offering has them, else at standard prices.
  const batchInputPrice = batchShare.gt(0) ? use('batch_input', pick('batch_input')) : undefined;
  const batchOutputPrice = batchShare.gt(0) ? use('batch_output', pick('batch_output')) : undefined;
  const batchInputTokens = inputTokens.mul(batchShare);
  const batchOutputTokens = outputTokens.mul(batchShare);
  const batchInput = perMillion(batchInputTokens, batchInputPrice ?? inputPrice ?? '0');
  const batchOutput = perMillion(batchOutputTokens, batchOutputPrice ?? outputPrice ?? '0');
  const batchAtStandard = perMillion(batchInputTokens, inputPrice ?? '0').add(perMillion(batchOutputTokens, outputPrice ?? '0'));

  // The rest of the input: the cached share at the cached-input price (if offered), the remainder at input price.
  const interactiveInput = inputTokens.sub(batchInputTokens);
  const cachedTokens = interactiveInput.mul(cachedShare);
  const cachedPrice = cachedShare.gt(0) ? use('cached_input', pick('cached_input')) : undefined;
  const cachedInput = perMillion(cachedTokens, cachedPrice ?? inputPrice ?? '0');
  const input = perMillion(interactiveInput.sub(cachedTokens), inputPrice ?? '0');
  const output = perMillion(outputTokens.sub(batchOutputTokens), outputPrice ?? '0');

  const total = input.add(cachedInput).add(output).add(batchInput).add(batchOutput);
  return {
    monthlyCostUsd: formatDecimal(total)!,
    breakdown: {
      inputTokens: formatDecimal(inputTokens)!,
      outputTokens: formatDecimal(outputTokens)!,
      input: formatDecimal(input)!,
      cachedInput: formatDecimal(cachedInput)!,
      output: formatDecimal(output)!,
      batchInput: formatDecimal(batchInput)!,
      batchOutput: formatDecimal(batchOutput)!,
      batchDiscount: formatDecimal(Money.max(batchAtStandard.sub(batchInput).sub(batchOutput), 0))!,
      pricesUsed,
      condition,
    },
  };
}

export interface SelfHostProfile {
  gpuSlug: string;
  gpusPerReplica: number;
  /** Tokens per second (input + output) one replica sustains. */
  sustainedTokensPerSecond: DecimalInput;
  infrastructureUsdPerMonth: DecimalInput;
}

export interface SelfHostCost {
  monthlyCostUsd: string;
  replicas: number;
  gpus: number;
  breakdown: {
    averageTokensPerSecond: string;
    peakTokensPerSecond: string;
    gpuHours: string;
    usdPerGpuHour: string;
    gpu: string;
    infrastructure: string;
    ops: string;
    hoursPerMonth: string;
  };
}

/**
 * Monthly cost of serving a workload yourself: replicas sized for the peak token rate
 * (at least one), each with its GPUs rented for every hour of the month, plus infrastructure
 * per replica and the engineering time to run it.
 */
/**
 * A lower bound of selfHostMonthlyCost in floating point, cheap enough to take for every deployment
 * of every decision: the exact (decimal) cost is only worked out for the deployments that can reach
 * the top. The replica count and the total are nudged down so that rounding never lifts the bound
 * above the exact figure.
 */
export function selfHostCostLowerBound(
  workload: Workload,
  profile: SelfHostProfile,
  usdPerGpuHour: DecimalInput,
  options: { hoursPerMonth: DecimalInput; opsUsdPerMonth: DecimalInput },
): number {
  const hours = Number(options.hoursPerMonth);
  const tokensPerMonth = Number(workload.requestsPerMonth) * (Number(workload.inputTokensPerRequest) + Number(workload.outputTokensPerRequest));
  const peakTokensPerSecond = (tokensPerMonth / (hours * 3600)) * Number(workload.peakToAverage ?? 1);
  const replicas = Math.max(1, Math.ceil((peakTokensPerSecond / Number(profile.sustainedTokensPerSecond)) * (1 - 1e-9)));
  const cost = hours * replicas * profile.gpusPerReplica * Number(usdPerGpuHour) + Number(profile.infrastructureUsdPerMonth) * replicas + Number(options.opsUsdPerMonth);
  return cost * (1 - 1e-9);
}

export function selfHostMonthlyCost(
  workload: Workload,
  profile: SelfHostProfile,
  usdPerGpuHour: DecimalInput,
  options: { hoursPerMonth: DecimalInput; opsUsdPerMonth: DecimalInput },
): SelfHostCost {
  const hours = toMoney(options.hoursPerMonth);
  const tokensPerMonth = toMoney(workload.requestsPerMonth).mul(
    toMoney(workload.inputTokensPerRequest).add(toMoney(workload.outputTokensPerRequest)),
  );
  const averageTokensPerSecond = tokensPerMonth.div(hours.mul(3600));
  const peakTokensPerSecond = averageTokensPerSecond.mul(toMoney(workload.peakToAverage ?? 1));
  const replicas = Math.max(1, peakTokensPerSecond.div(toMoney(profile.sustainedTokensPerSecond)).ceil().toNumber());
  const gpus = replicas * profile.gpusPerReplica;
  const gpuHours = hours.mul(gpus);
  const gpu = gpuHours.mul(toMoney(usdPerGpuHour));
  const infrastructure = toMoney(profile.infrastructureUsdPerMonth).mul(replicas);
  const ops = toMoney(options.opsUsdPerMonth);
  return {
    monthlyCostUsd: formatDecimal(gpu.add(infrastructure).add(ops))!,
    replicas,
    gpus,
    breakdown: {
      averageTokensPerSecond: averageTokensPerSecond.toDecimalPlaces(2).toFixed(2),
      peakTokensPerSecond: peakTokensPerSecond.toDecimalPlaces(2).toFixed(2),
      gpuHours: formatDecimal(gpuHours)!,
      usdPerGpuHour: formatDecimal(usdPerGpuHour)!,
      gpu: formatDecimal(gpu)!,
      infrastructure: formatDecimal(infrastructure)!,
      ops: formatDecimal(ops)!,
      hoursPerMonth: formatDecimal(hours)!,
    },
  };
}
