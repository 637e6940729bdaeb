/** Decide: the decision framework's form -> ranked options, costs with breakdown, license verdicts, rules that fired. */
import { benchmarks, DECISION_QUERY, gql, type Decision, type DecisionOption } from '../api.js';
import { checkbox, field, h, replace, scrollTable, select } from '../dom.js';
import * as fmt from '../format.js';
import { errorBox, hrefFor, loading, type MountedView, type Route } from '../ui.js';

/** Form fields and their defaults (the article's workload); the form state is kept in the URL. */
const DEFAULTS: Record<string, string> = {
  requests: '10000000',
  in: '500',
  out: '500',
  peak: '1',
  quality: 'min',
  benchmark: 'mmlu',
  minScore: '85',
  sensitivity: 'internal',
  latency: '',
  fineTuning: '',
  commercial: '1',
  mau: '',
  ops: '',
  budget: '',
  source: '',
  asOf: '',
  limit: '15',
};

const TIER_COUNTS: Record<string, string> = { 'closed-api': 'closed API', 'hosted-open': 'hosted open', 'self-hosted': 'self-hosted' };

const BREAKDOWN_LABELS: Record<string, string> = {
  input: 'Input tokens',
  cachedInput: 'Cached input',
  output: 'Output tokens',
  batchInput: 'Batch input',
  batchOutput: 'Batch output',
  batchDiscount: 'Batch discount',
  gpu: 'GPUs',
  infrastructure: 'Infrastructure',
  ops: 'Operations (people)',
};

function breakdown(option: DecisionOption): HTMLElement {
  const b = option.breakdown;
  const lines = Object.entries(BREAKDOWN_LABELS)
    .filter(([key]) => b[key] !== undefined && b[key] !== null && Number(b[key]) !== 0)
    .map(([key, text]) => h('li', null, `${text}: ${fmt.usdMonthly(b[key])}`));
  const prices = b.pricesUsed as Record<string, string> | undefined;
  const formula = typeof b.formula === 'string' ? b.formula : null;
  return h(
    'details',
    null,
    h('summary', null, 'Breakdown'),
    h('ul', { class: 'breakdown' }, lines),
    prices ? h('p', { class: 'small' }, 'Prices used (USD per 1M tokens): ', Object.entries(prices).map(([k, v]) => `${fmt.component(k)} ${fmt.usdPrice(v)}`).join(', ')) : null,
    b.inputTokens ? h('p', { class: 'small' }, `${fmt.integer(b.inputTokens)} input and ${fmt.integer(b.outputTokens)} output tokens a month`) : null,
    formula ? h('p', { class: 'small' }, formula) : null,
    option.priceSources.length ? h('p', { class: 'small muted' }, `Price source: ${option.priceSources.join(', ')}`) : null,
  );
}

function where(option: DecisionOption): HTMLElement {
  if (option.deployment) {
    const d = option.deployment;
    return h(
      'span',
      null,
      `${d.gpus} × ${d.gpu.name}`,
      h('div', { class: 'small' }, `${d.replicas} replica${d.replicas === 1 ? '' : 's'} of ${d.gpusPerReplica}, ${d.runtime}, at ${option.provider.name}`),
    );
  }
  return h('span', null, option.provider.name, option.offering ? h('div', { class: 'small' }, h('code', null, option.offering.providerModelId)) : null);
}

function licenseCell(option: DecisionOption): HTMLElement | string {
  const license = option.license;
  if (!license) return fmt.DASH;
  return h(
    'div',
    null,
    h('span', { class: 'verdict', dataset: { verdict: license.verdict } }, fmt.verdict(license.verdict)),
    h('div', { class: 'small' }, license.name),
    license.obligations.length
      ? h('details', null, h('summary', null, `${license.obligations.length} obligation${license.obligations.length === 1 ? '' : 's'}`), h('ul', null, license.obligations.map((o) => h('li', null, o))))
      : null,
  );
}

function constraintsCell(option: DecisionOption): HTMLElement {
  if (option.meetsAllConstraints) return h('span', null, '✓ meets all');
  return h('div', null, h('span', null, '✗ misses'), h('ul', { class: 'small' }, option.missedConstraints.map((m) => h('li', null, h('strong', null, `${m.constraint}: `), m.reason))));
}

export function mountDecide(root: HTMLElement, route: Route): MountedView {
  const value = (name: string) => route.params.get(name) ?? DEFAULTS[name] ?? '';
  const num = (name: string, attrs: Record<string, unknown> = {}) =>
    h('input', { type: 'number', name, value: value(name), min: '0', step: 'any', inputmode: 'decimal', ...attrs });
  const requests = num('requests', { required: true, step: '1' });
  const inTokens = num('in', { required: true, step: '1' });
  const outTokens = num('out', { required: true, step: '1' });
  const peak = num('peak', { min: '1' });
  const quality = select('quality', [['none', 'No quality bar'], ['best', 'The best (top MMLU score)'], ['min', 'A minimum score']], value('quality'));
  const benchmark = select('benchmark', [['mmlu', 'MMLU']], value('benchmark'));
  const minScore = num('minScore');
  const sensitivity = select(
    'sensitivity',
    [['public', 'Public'], ['internal', 'Internal'], ['sensitive', 'Sensitive (e.g. personal data)'], ['regulated', 'Regulated (e.g. health, finance)']],
    value('sensitivity'),
  );
  const latency = checkbox('latency', 'Latency critical', value('latency') === '1');
  const fineTuning = checkbox('fineTuning', 'Needs fine-tuning', value('fineTuning') === '1');
  const commercial = checkbox('commercial', 'Commercial use', value('commercial') === '1');
  const mau = num('mau', { step: '1', placeholder: 'e.g. 100000' });
  const ops = num('ops', { placeholder: 'default of the service' });
  const budget = num('budget', { placeholder: 'none' });
  const source = h('input', { type: 'text', name: 'source', list: 'decide-sources', value: value('source'), placeholder: 'any', autocomplete: 'off' });
  const asOf = h('input', { type: 'date', name: 'asOf', value: value('asOf') });
  const limit = num('limit', { min: '1', max: '200', step: '1' });

  benchmarks()
    .then((list) => {
      const selected = benchmark.value;
      benchmark.replaceChildren(...list.map((b) => h('option', { value: b.slug, selected: b.slug === selected }, b.name)));
    })
    .catch(() => undefined);

  const qualityFields = h('div', { class: 'grid' }, field('Benchmark', benchmark), field('Minimum score', minScore));
  const syncQuality = () => (qualityFields.hidden = quality.value !== 'min');
  quality.addEventListener('change', syncQuality);
  syncQuality();

  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  let request = 0;

  const checked = (box: HTMLElement) => (box.querySelector('input') as HTMLInputElement).checked;

  function input(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      workload: {
        requestsPerMonth: Number(requests.value),
        inputTokensPerRequest: Number(inTokens.value),
        outputTokensPerRequest: Number(outTokens.value),
        peakToAverage: peak.value ? Number(peak.value) : 1,
      },
      dataSensitivity: sensitivity.value,
      latencyCritical: checked(latency),
      needsFineTuning: checked(fineTuning),
      use: { commercial: checked(commercial), ...(mau.value ? { monthlyActiveUsers: Number(mau.value) } : {}) },
      limit: limit.value ? Number(limit.value) : 15,
    };
    if (quality.value === 'best') body.quality = { best: true };
    if (quality.value === 'min') body.quality = { benchmark: benchmark.value, minScore: Number(minScore.value || 0) };
    if (ops.value) body.opsCostUsdPerMonth = Number(ops.value);
    if (budget.value) body.budgetUsdPerMonth = Number(budget.value);
    if (source.value.trim()) body.priceSource = source.value.trim();
    if (asOf.value) body.pricesAsOf = asOf.value;
    return body;
  }

  function keepInUrl(): void {
    const params = new URLSearchParams();
    const entries: [string, string][] = [
      ['requests', requests.value],
      ['in', inTokens.value],
      ['out', outTokens.value],
      ['peak', peak.value],
      ['quality', quality.value],
      ['benchmark', benchmark.value],
      ['minScore', minScore.value],
      ['sensitivity', sensitivity.value],
      ['latency', checked(latency) ? '1' : ''],
      ['fineTuning', checked(fineTuning) ? '1' : ''],
      ['commercial', checked(commercial) ? '1' : '0'],
      ['mau', mau.value],
      ['ops', ops.value],
      ['budget', budget.value],
      ['source', source.value.trim()],
      ['asOf', asOf.value],
      ['limit', limit.value],
      ['run', '1'],
    ];
    for (const [key, v] of entries) if (v !== (DEFAULTS[key] ?? '')) params.set(key, v);
    // No hashchange: the view stays as it is; the URL can be shared or reloaded.
    history.replaceState(null, '', hrefFor('decide', params));
  }

  async function run(): Promise<void> {
    const mine = ++request;
    keepInUrl();
    replace(results, loading('the decision'));
    try {
      const { decision } = await gql<Decision>(DECISION_QUERY, { input: input() });
      if (mine !== request) return;
      render(decision);
    } catch (error) {
      if (mine === request) replace(results, errorBox(error));
    }
  }

  function render(decision: Decision['decision']): void {
    const rec = decision.recommendation;
    const recommended = rec ? decision.options[rec.optionIndex] : undefined;
    const recBox = rec
      ? h(
          'section',
          { class: 'recommendation', 'aria-labelledby': 'rec-h' },
          h('h2', { id: 'rec-h' }, '★ Recommendation: ', fmt.tier(rec.tier)),
          h(
            'p',
            { class: 'big' },
            recommended ? h('a', { href: hrefFor('model', undefined, recommended.model.slug) }, recommended.model.name) : rec.model,
            ` at ${recommended?.provider.name ?? rec.provider}: `,
            h('strong', null, `${fmt.usdMonthly(rec.monthlyCostUsd)} a month`),
            rec.meetsAllConstraints ? '' : ' (misses a constraint: nothing met them all)',
          ),
          h('ul', null, rec.rationale.map((line) => h('li', null, line))),
        )
      : h('section', { class: 'recommendation' }, h('h2', null, 'No recommendation'), h('p', null, 'No option was found for this workload: loosen the quality bar or the price source.'));

    const table = h(
      'table',
      { class: 'data options-table cards' },
      h('caption', null, `Ranked options: ${decision.options.length} shown of ${decision.optionsConsidered.total} considered (${Object.entries(decision.optionsConsidered.byTier).map(([t, n]) => `${n} ${TIER_COUNTS[t] ?? t}`).join(', ')})`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', class: 'num' }, 'Rank'),
          h('th', { scope: 'col' }, 'Tier'),
          h('th', { scope: 'col' }, 'Model'),
          h('th', { scope: 'col' }, 'Where'),
          h('th', { scope: 'col', class: 'num' }, 'Monthly cost'),
          h('th', { scope: 'col' }, 'Quality'),
          h('th', { scope: 'col' }, 'License'),
          h('th', { scope: 'col' }, 'Constraints'),
        ),
      ),
      h(
        'tbody',
        null,
        decision.options.map((option, index) =>
          h(
            'tr',
            { class: rec && rec.optionIndex === index ? 'recommended' : null, dataset: { tier: option.tier, model: option.model.slug } },
            h('td', { class: 'num', 'data-label': 'Rank' }, String(option.rank), rec && rec.optionIndex === index ? h('div', { class: 'small' }, h('strong', null, '★ recommended')) : null),
            h('td', { 'data-label': 'Tier' }, fmt.tier(option.tier), option.preferredByRules.length ? h('div', { class: 'small', title: option.preferredByRules.join(', ') }, `preferred by ${option.preferredByRules.length === 1 ? 'a rule' : `${option.preferredByRules.length} rules`}`) : null),
            h('th', { scope: 'row' }, h('a', { href: hrefFor('model', undefined, option.model.slug) }, option.model.name)),
            h('td', { 'data-label': 'Where' }, where(option)),
            h('td', { class: 'num cost', 'data-label': 'Monthly cost' }, h('strong', null, fmt.usdMonthly(option.monthlyCostUsd)), breakdown(option)),
            h('td', { 'data-label': 'Quality' }, option.quality ? `${option.quality.benchmark.toUpperCase()} ${option.quality.score}` : fmt.DASH, option.quality ? h('div', { class: 'small muted' }, option.quality.source) : null),
            h('td', { 'data-label': 'License' }, licenseCell(option)),
            h('td', { 'data-label': 'Constraints' }, constraintsCell(option)),
          ),
        ),
      ),
    );

    const rules = h(
      'section',
      { 'aria-labelledby': 'rules-h' },
      h('h2', { id: 'rules-h' }, `Rules that fired (${decision.rules.length})`),
      decision.rules.length
        ? h(
            'ol',
            { class: 'rules' },
            decision.rules.map((rule) =>
              h(
                'li',
                { dataset: { rule: rule.id } },
                h('strong', null, rule.question),
                ' ',
                h('code', null, rule.id),
                h('div', null, `${rule.effect.kind === 'require' ? 'Requires' : rule.effect.kind === 'prefer' ? 'Prefers' : 'Note'}${rule.effect.tiers?.length ? `: ${rule.effect.tiers.map(fmt.tier).join(', ')}` : ''}`),
                h('p', null, rule.message),
              ),
            ),
          )
        : h('p', null, 'No rule fired: the options are ranked by cost alone.'),
    );

    const prices = decision.prices;
    replace(
      results,
      recBox,
      rules,
      h('section', { 'aria-labelledby': 'options-h' }, h('h2', { id: 'options-h' }, 'Options'), h('p', { class: 'small muted' }, `Prices: ${prices.source ?? 'current, any source'}${prices.asOf ? ` as of ${prices.asOf}` : ''}.`), scrollTable(table, 'Ranked options')),
    );
  }

  const form = h(
    'form',
    { class: 'decide-form', onsubmit: (event: Event) => (event.preventDefault(), void run()) },
    h(
      'fieldset',
      null,
      h('legend', null, 'Workload'),
      h(
        'div',
        { class: 'grid' },
        field('Requests per month', requests),
        field('Input tokens per request', inTokens),
        field('Output tokens per request', outTokens),
        field('Peak to average', peak, 'peak request rate ÷ average; self-hosting is sized for the peak'),
      ),
    ),
    h('fieldset', null, h('legend', null, 'Quality'), h('div', { class: 'grid' }, field('Quality bar', quality)), qualityFields),
    h(
      'fieldset',
      null,
      h('legend', null, 'Constraints and use'),
      h('div', { class: 'grid' }, field('Data sensitivity', sensitivity), field('Monthly active users', mau, 'for license user caps')),
      h('div', { class: 'checks' }, latency, fineTuning, commercial),
    ),
    h(
      'details',
      { class: 'more' },
      h('summary', null, 'Costs and prices'),
      h(
        'div',
        { class: 'grid' },
        field('Operations cost, USD/month', ops, 'people who run self-hosted infrastructure'),
        field('Budget, USD/month', budget),
        field('Price source', source, 'blank: current; “article” for the article’s figures'),
        field('Prices as of', asOf),
        field('Options to show', limit),
      ),
    ),
    h('datalist', { id: 'decide-sources' }, ['article', 'seed', 'litellm'].map((v) => h('option', { value: v }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Decide')),
  );

  root.append(
    h('h1', null, 'Decide'),
    h('p', { class: 'lead' }, 'Closed API, hosted open model or self-hosted? Describe the workload and its constraints; the decision framework ranks the options by monthly cost, checks each license for your use and names the rules that fired.'),
    form,
    results,
  );
  if (route.params.get('run') === '1') void run();

  return {
    destroy() {
      request++;
    },
  };
}
