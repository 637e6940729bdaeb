/** Compare 2–5 models side by side, with the monthly cost of a workload (the `compare` query). */
import { benchmarks, COMPARE_QUERY, gql, modelNames, type Comparison } from '../api.js';
import { field, h, replace, scrollTable, select } from '../dom.js';
import * as fmt from '../format.js';
import { errorBox, hrefFor, loading, replaceHash, type MountedView, type Route } from '../ui.js';
import { comparePicks } from './models.js';

const SLOTS = 5;
/** The article's three: a closed frontier model, another, and an open model hosted. */
const ARTICLE_MODELS = ['gpt-4o', 'claude-3-5-sonnet', 'llama-3-3-70b'];
const DEFAULTS = { requests: '10000000', in: '500', out: '500' };

type Row = Comparison['compare']['rows'][number];

function label(fieldName: string, benchmarkNames: Map<string, string>): { group: string; text: string } {
  if (fieldName.startsWith('score:')) {
    const slug = fieldName.slice('score:'.length);
    return { group: 'Benchmark scores', text: benchmarkNames.get(slug) ?? slug };
  }
  if (fieldName === 'cheapestProvider') return { group: 'Cheapest', text: 'Cheapest provider' };
  if (fieldName === 'cheapestMonthlyCostUsd') return { group: 'Cheapest', text: 'Cheapest monthly cost' };
  const provider = /^([^:]+):(input|output|cachedInput|monthlyCostUsd)$/.exec(fieldName);
  if (provider) {
    const what = { input: 'input $/1M tokens', output: 'output $/1M tokens', cachedInput: 'cached input $/1M tokens', monthlyCostUsd: 'monthly cost' }[provider[2] as string]!;
    return { group: 'Providers', text: `${provider[1]}: ${what}` };
  }
  const names: Record<string, string> = {
    name: 'Name',
    kind: 'Kind',
    license: 'License',
    commercialUse: 'Commercial use',
    userCapMau: 'User cap (MAU)',
    parametersB: 'Parameters',
    activeParametersB: 'Active parameters',
    contextWindow: 'Context window',
  };
  return { group: 'Facts', text: names[fieldName] ?? fmt.words(fieldName) };
}

function cell(fieldName: string, value: unknown): string {
  if (value === null || value === undefined) return fmt.DASH;
  if (/MonthlyCostUsd$|:monthlyCostUsd$/.test(fieldName)) return fmt.usdMonthly(value);
  if (/:(input|output|cachedInput)$/.test(fieldName)) return fmt.usdPrice(value);
  if (fieldName === 'commercialUse') return fmt.commercialUse(String(value));
  if (fieldName === 'contextWindow') return `${fmt.integer(value)} tokens`;
  if (fieldName === 'userCapMau') return fmt.integer(value);
  if (fieldName === 'parametersB' || fieldName === 'activeParametersB') return fmt.billions(value);
  if (fieldName === 'kind') return value === 'closed' ? 'Closed' : 'Open weights';
  return fmt.text(value);
}

export function mountCompare(root: HTMLElement, route: Route): MountedView {
  let params = route.params;
  let request = 0;

  const selects: HTMLSelectElement[] = [];
  for (let i = 0; i < SLOTS; i++) selects.push(select(`model${i + 1}`, [['', i < 2 ? 'Choose a model' : '(none)']], ''));
  const number = (name: string, value: string) => h('input', { type: 'number', name, min: '0', step: '1', inputmode: 'numeric', value, required: true });
  const requests = number('requests', params.get('requests') ?? DEFAULTS.requests);
  const inTokens = number('in', params.get('in') ?? DEFAULTS.in);
  const outTokens = number('out', params.get('out') ?? DEFAULTS.out);
  const source = h('input', { type: 'text', name: 'source', list: 'price-sources', value: params.get('source') ?? '', placeholder: 'any', autocomplete: 'off' });
  const asOf = h('input', { type: 'date', name: 'asOf', value: params.get('asOf') ?? '' });
  const message = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });

  const form = h(
    'form',
    { class: 'compare-form', onsubmit: (event: Event) => (event.preventDefault(), submit()) },
    h(
      'fieldset',
      null,
      h('legend', null, 'Models (2 to 5)'),
      h('div', { class: 'grid' }, selects.map((s, i) => field(`Model ${i + 1}`, s))),
    ),
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
        field('Price source', source, 'blank: current prices from any source; “article” for the article’s figures'),
        field('Prices as of', asOf, 'blank: today'),
      ),
    ),
    h('datalist', { id: 'price-sources' }, ['article', 'seed', 'litellm'].map((value) => h('option', { value }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Compare'), message),
  );

  const results = h('div', { class: 'results' });

  function chosen(): string[] {
    return [...new Set(selects.map((s) => s.value).filter(Boolean))];
  }

  function submit(): void {
    const models = chosen();
    if (models.length < 2) {
      replace(message, 'Choose at least two different models.');
      selects.find((s) => !s.value)?.focus();
      return;
    }
    replace(message);
    replaceHash(
      hrefFor('compare', {
        models: models.join(','),
        requests: requests.value,
        in: inTokens.value,
        out: outTokens.value,
        source: source.value.trim(),
        asOf: asOf.value,
      }),
    );
  }

  function fillSelects(names: { slug: string; name: string; kind: string }[], wanted: string[]): void {
    selects.forEach((s, i) => {
      const keep = s.options[0]!;
      s.replaceChildren(keep);
      for (const group of [['closed', 'Closed'], ['open-weights', 'Open weights']] as const) {
        s.append(h('optgroup', { label: group[1] }, names.filter((m) => m.kind === group[0]).map((m) => h('option', { value: m.slug }, m.name))));
      }
      s.value = wanted[i] && names.some((m) => m.slug === wanted[i]) ? wanted[i]! : '';
    });
  }

  async function load(): Promise<void> {
    const models = (params.get('models') ?? '').split(',').filter(Boolean).slice(0, SLOTS);
    if (models.length < 2) {
      replace(results, h('p', { class: 'muted' }, 'Choose two to five models and a workload, then Compare.'));
      return;
    }
    const mine = ++request;
    replace(results, loading('the comparison'));
    const workload: Record<string, unknown> = {
      requestsPerMonth: Number(params.get('requests') ?? DEFAULTS.requests),
      inputTokens: Number(params.get('in') ?? DEFAULTS.in),
      outputTokens: Number(params.get('out') ?? DEFAULTS.out),
    };
    if (params.get('source')) workload.priceSource = params.get('source');
    if (params.get('asOf')) workload.pricesAsOf = params.get('asOf');
    try {
      const [data, benchmarkList] = await Promise.all([gql<Comparison>(COMPARE_QUERY, { models, workload }), benchmarks().catch(() => [])]);
      if (mine !== request) return;
      renderTable(data.compare, new Map(benchmarkList.map((b) => [b.slug, b.name])));
    } catch (error) {
      if (mine === request) replace(results, errorBox(error));
    }
  }

  function renderTable(comparison: Comparison['compare'], benchmarkNames: Map<string, string>): void {
    const slugs = comparison.models.map((m) => m.slug);
    const names = new Map(comparison.models.map((m) => [m.slug, m.name]));
    const costs = comparison.rows.find((r) => r.field === 'cheapestMonthlyCostUsd');
    const costValues = slugs.map((slug) => Number(costs?.values[slug])).filter((v) => Number.isFinite(v));
    const lowest = costValues.length ? Math.min(...costValues) : null;
    const w = comparison.workload as { requestsPerMonth?: number; inputTokens?: number; outputTokens?: number; priceSource?: string; pricesAsOf?: string };

    const groups = new Map<string, Row[]>();
    for (const row of comparison.rows) {
      const group = label(row.field, benchmarkNames).group;
      groups.set(group, [...(groups.get(group) ?? []), row]);
    }
    const order = ['Cheapest', 'Facts', 'Benchmark scores', 'Providers'];
    const table = h(
      'table',
      { class: 'data compare-table' },
      h('caption', null, `Side by side; monthly cost of ${fmt.integer(w.requestsPerMonth)} requests × (${fmt.integer(w.inputTokens)} input + ${fmt.integer(w.outputTokens)} output tokens)${params.get('source') ? `, ${params.get('source')} prices` : ''}${params.get('asOf') ? ` as of ${params.get('asOf')}` : ''}`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Field'), slugs.map((slug) => h('th', { scope: 'col' }, h('a', { href: hrefFor('model', undefined, slug) }, names.get(slug) ?? slug))))),
      order
        .filter((group) => groups.has(group))
        .map((group) =>
          h(
            'tbody',
            null,
            h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: String(slugs.length + 1) }, group)),
            groups.get(group)!.map((row) =>
              h(
                'tr',
                { dataset: { field: row.field } },
                h('th', { scope: 'row' }, label(row.field, benchmarkNames).text),
                slugs.map((slug) => {
                  const value = row.values[slug];
                  const isLowest = row.field === 'cheapestMonthlyCostUsd' && lowest !== null && Number(value) === lowest && slugs.length > 1;
                  return h('td', { class: /Usd$|:(input|output|cachedInput)$|^score:|contextWindow|parametersB|userCapMau/i.test(row.field) ? 'num' : null, dataset: { model: slug } }, cell(row.field, value), isLowest ? h('strong', { class: 'badge' }, ' lowest') : null);
                }),
              ),
            ),
          ),
        ),
    );
    const missing = comparison.models.filter((m) => !m.providers.length).map((m) => names.get(m.slug) ?? m.slug);
    replace(
      results,
      scrollTable(table, 'Comparison'),
      missing.length ? h('p', { class: 'small muted' }, `No price for ${missing.join(', ')} with these settings (source or date).`) : null,
    );
  }

  root.append(
    h('h1', null, 'Compare'),
    h('p', { class: 'lead' }, 'Two to five models side by side: license, scores, each provider’s prices and the monthly cost of the workload you type. The defaults are the article’s: 10M requests of 500 input and 500 output tokens.'),
    form,
    results,
  );

  const initial = (params.get('models') ?? '').split(',').filter(Boolean);
  modelNames()
    .then((names) => {
      const picks = comparePicks();
      const wanted = initial.length ? initial : picks.length >= 2 ? picks : ARTICLE_MODELS.filter((slug) => names.some((m) => m.slug === slug));
      fillSelects(names, wanted);
      if (!initial.length && wanted.length >= 2) submit();
      else void load();
    })
    .catch((error) => replace(results, errorBox(error)));

  return {
    update(next) {
      params = next.params;
      void load();
    },
    destroy() {
      request++;
    },
  };
}
