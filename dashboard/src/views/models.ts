/** Models: the `models` connection with its filters, sorts and cursor paging. */
import { gql, licenses, MODELS_QUERY, type ModelRow, type ModelsPage } from '../api.js';
import { field, h, replace, scrollTable, select } from '../dom.js';
import * as fmt from '../format.js';
import { errorBox, hrefFor, replaceHash, type MountedView, type Route } from '../ui.js';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['q', 'kind', 'commercial', 'license', 'mmlu', 'maxIn', 'maxOut', 'sort', 'status'] as const;

const SORTS: [string, string][] = [
  ['name', 'Name (A–Z)'],
  ['-releaseDate', 'Newest first'],
  ['-score:mmlu', 'MMLU, best first'],
  ['inputPrice', 'Input price, cheapest first'],
  ['outputPrice', 'Output price, cheapest first'],
  ['-contextWindow', 'Context window, largest first'],
  ['-parameters', 'Parameters, largest first'],
  ['parameters', 'Parameters, smallest first'],
];

/** Compare picks made in the table, kept for the Compare view. */
const PICKS_KEY = 'model-ledger.comparePicks';
export function comparePicks(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(PICKS_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}
function setComparePicks(slugs: string[]): void {
  try {
    sessionStorage.setItem(PICKS_KEY, JSON.stringify(slugs));
  } catch {
    // Storage disabled: picks are not remembered.
  }
}

function filterVariables(params: URLSearchParams): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const q = params.get('q')?.trim();
  if (q) filter.q = q;
  if (params.get('kind')) filter.kind = params.get('kind');
  if (params.get('commercial')) filter.commercialUse = params.get('commercial');
  if (params.get('license')) filter.license = [params.get('license')];
  if (params.get('status')) filter.status = params.get('status');
  const mmlu = Number(params.get('mmlu'));
  if (params.get('mmlu') && Number.isFinite(mmlu)) filter.scores = [{ benchmark: 'mmlu', min: String(mmlu) }];
  const maxIn = Number(params.get('maxIn'));
  if (params.get('maxIn') && Number.isFinite(maxIn)) filter.maxInputPrice = String(maxIn);
  const maxOut = Number(params.get('maxOut'));
  if (params.get('maxOut') && Number.isFinite(maxOut)) filter.maxOutputPrice = String(maxOut);
  return {
    filter,
    sort: params.get('sort') || 'name',
    first: PAGE_SIZE,
    after: params.get('after') || null,
  };
}

export function mountModels(root: HTMLElement, route: Route): MountedView {
  let params = route.params;
  let request = 0;
  /** Cursors of the pages before this one, for "Previous page". */
  let cursors: (string | null)[] = [];
  let picks = comparePicks();

  const input = (name: string, attrs: Record<string, unknown>) => h('input', { name, value: params.get(name) ?? '', ...attrs });
  const search = input('q', { type: 'search', placeholder: 'e.g. llama, gpt-4o, claude', autocomplete: 'off' });
  const kind = select('kind', [['', 'Any'], ['closed', 'Closed (API only)'], ['open-weights', 'Open weights']], params.get('kind') ?? '');
  const commercial = select(
    'commercial',
    [['', 'Any'], ['allowed', '✓ Allowed'], ['conditional', '◐ Conditional'], ['forbidden', '✗ Forbidden']],
    params.get('commercial') ?? '',
  );
  const license = select('license', [['', 'Any license']], params.get('license') ?? '');
  const mmlu = input('mmlu', { type: 'number', min: '0', max: '100', step: '0.1', inputmode: 'decimal' });
  const maxIn = input('maxIn', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' });
  const maxOut = input('maxOut', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' });
  const sort = select('sort', SORTS, params.get('sort') || 'name');
  const status = select('status', [['', 'Active'], ['all', 'All'], ['deprecated', 'Deprecated'], ['discovered', 'Discovered']], params.get('status') ?? '');

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter models', onsubmit: (event: Event) => (event.preventDefault(), apply()) },
    field('Search name or alias', search),
    field('Kind', kind),
    field('Commercial use', commercial),
    field('License', license),
    field('MMLU at least (%)', mmlu),
    field('Max input $ per 1M tokens', maxIn),
    field('Max output $ per 1M tokens', maxOut),
    field('Sort by', sort),
    field('Status', status),
    h(
      'div',
      { class: 'field actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'button', class: 'secondary', onclick: () => (form.reset(), [kind, commercial, license, status].forEach((s) => (s.value = '')), (sort.value = 'name'), apply()) }, 'Clear'),
    ),
  );

  licenses()
    .then((list) => {
      for (const item of [...list].sort((a, b) => a.name.localeCompare(b.name))) {
        license.append(h('option', { value: item.id, selected: item.id === params.get('license') }, `${item.name} (${item.id})`));
      }
    })
    .catch(() => undefined);

  /** A search typed but not yet applied (debounced). */
  let debounce: number | undefined;

  function apply(after: string | null = null): void {
    // An explicit action supersedes a pending search: it would otherwise land afterwards and undo it.
    window.clearTimeout(debounce);
    const next = new URLSearchParams();
    for (const control of [search, kind, commercial, license, mmlu, maxIn, maxOut, sort, status]) {
      const value = control.value.trim();
      if (value && !(control === sort && value === 'name')) next.set(control.name, value);
    }
    if (after) next.set('after', after);
    else cursors = [];
    replaceHash(hrefFor('models', next));
  }

  search.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(() => apply(), 300);
  });
  for (const control of [kind, commercial, license, sort, status]) control.addEventListener('change', () => apply());
  for (const control of [mmlu, maxIn, maxOut]) control.addEventListener('change', () => apply());

  const status_ = h('p', { class: 'result-status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' });
  const compareBar = h('div', { class: 'compare-bar' });

  function renderCompareBar(): void {
    replace(
      compareBar,
      picks.length
        ? [
            h('span', null, `Picked for comparison: ${picks.join(', ')} `),
            h('a', { class: 'button', href: hrefFor('compare', { models: picks.join(',') }) }, `Compare ${picks.length} models`),
            ' ',
            h('button', { type: 'button', class: 'secondary', onclick: () => ((picks = []), setComparePicks(picks), renderCompareBar(), load()) }, 'Clear picks'),
          ]
        : h('span', { class: 'muted' }, 'Tick up to 5 models in the table to compare them side by side.'),
    );
  }

  function row(model: ModelRow): HTMLTableRowElement {
    const pick = h('input', {
      type: 'checkbox',
      'aria-label': `Compare ${model.name}`,
      checked: picks.includes(model.slug),
      disabled: !picks.includes(model.slug) && picks.length >= 5,
      onchange: (event: Event) => {
        const checked = (event.target as HTMLInputElement).checked;
        picks = checked ? [...picks, model.slug].slice(0, 5) : picks.filter((slug) => slug !== model.slug);
        setComparePicks(picks);
        renderCompareBar();
        for (const box of results.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
          if (!box.checked) box.disabled = picks.length >= 5;
        }
      },
    });
    const cheapest = model.cheapestOffering;
    return h(
      'tr',
      { dataset: { slug: model.slug, kind: model.kind } },
      h('td', { class: 'pick', 'data-label': 'Compare' }, pick),
      h('th', { scope: 'row' }, h('a', { href: hrefFor('model', undefined, model.slug) }, model.name), h('div', { class: 'muted small' }, model.slug)),
      h('td', { 'data-label': 'Kind' }, model.kind === 'closed' ? 'Closed' : 'Open weights'),
      h('td', { 'data-label': 'License' }, model.license ? model.license.id : fmt.DASH, h('span', { class: 'small' }, ' · commercial use ', fmt.commercialUse(model.license?.commercialUse))),
      h('td', { class: 'num', 'data-label': 'MMLU %' }, model.mmlu ?? fmt.DASH),
      h('td', { class: 'num', 'data-label': 'Context' }, fmt.tokens(model.contextWindow)),
      h('td', { class: 'num', 'data-label': 'Params' }, fmt.billions(model.parametersB)),
      h('td', { class: 'num', 'data-label': 'Input $/1M' }, cheapest ? fmt.usdPrice(cheapest.input) : fmt.DASH),
      h('td', { class: 'num', 'data-label': 'Output $/1M' }, cheapest ? fmt.usdPrice(cheapest.output) : fmt.DASH),
      h('td', { 'data-label': 'Cheapest at' }, cheapest ? cheapest.provider : fmt.DASH),
      h('td', { 'data-label': 'Released' }, model.releaseDate ?? fmt.DASH),
    );
  }

  async function load(): Promise<void> {
    const mine = ++request;
    replace(status_, 'Loading models…');
    try {
      const data = await gql<ModelsPage>(MODELS_QUERY, filterVariables(params));
      if (mine !== request) return;
      const { nodes, pageInfo } = data.models;
      const start = cursors.length * PAGE_SIZE;
      const shown = nodes.length ? `Showing ${start + 1}–${start + nodes.length}${pageInfo.hasNextPage ? '' : ` of ${start + nodes.length}`}` : 'No model matches these filters.';
      replace(status_, shown);
      const table = h(
        'table',
        { class: 'data models-table cards' },
        h('caption', { class: 'visually-hidden' }, 'Models matching the filters'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Pick to compare'), '⇄'),
            h('th', { scope: 'col' }, 'Model'),
            h('th', { scope: 'col' }, 'Kind'),
            h('th', { scope: 'col' }, 'License / commercial use'),
            h('th', { scope: 'col', class: 'num' }, 'MMLU %'),
            h('th', { scope: 'col', class: 'num' }, 'Context'),
            h('th', { scope: 'col', class: 'num' }, 'Params'),
            h('th', { scope: 'col', class: 'num' }, 'Input $/1M'),
            h('th', { scope: 'col', class: 'num' }, 'Output $/1M'),
            h('th', { scope: 'col' }, 'Cheapest at'),
            h('th', { scope: 'col' }, 'Released'),
          ),
        ),
        h('tbody', null, nodes.map(row)),
      );
      const pager = h(
        'nav',
        { class: 'pager', 'aria-label': 'Pages' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            disabled: !params.get('after'),
            onclick: () => {
              window.clearTimeout(debounce);
              const previous = cursors.pop() ?? null;
              const next = new URLSearchParams(params);
              if (previous) next.set('after', previous);
              else next.delete('after');
              replaceHash(hrefFor('models', next));
            },
          },
          cursors.length ? '← Previous page' : params.get('after') ? '← First page' : '← Previous page',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            disabled: !pageInfo.hasNextPage,
            onclick: () => {
              window.clearTimeout(debounce);
              cursors.push(params.get('after'));
              const next = new URLSearchParams(params);
              next.set('after', pageInfo.endCursor!);
              replaceHash(hrefFor('models', next));
            },
          },
          'Next page →',
        ),
      );
      replace(results, nodes.length ? scrollTable(table, 'Models') : null, pager);
    } catch (error) {
      if (mine !== request) return;
      replace(status_);
      replace(results, errorBox(error));
    }
  }

  renderCompareBar();
  const activeFilters = () => FILTER_KEYS.filter((key) => key !== 'sort' && params.get(key)).length;
  const summary = h('summary', null, 'Filters and sort');
  const filtersBox = h('details', { class: 'filters-box', open: !window.matchMedia('(max-width: 600px)').matches }, summary, form);
  const syncSummary = () => replace(summary, `Filters and sort${activeFilters() ? ` (${activeFilters()} active)` : ''}`);
  syncSummary();
  root.append(
    h('h1', null, 'Models'),
    h('p', { class: 'lead' }, 'The catalog: closed and open-weights models, their licenses, MMLU scores and cheapest listed prices. Pick a model for its prices over time, or tick a few to compare.'),
    filtersBox,
    compareBar,
    status_,
    results,
  );
  void load();

  return {
    update(next) {
      const filtersChanged = FILTER_KEYS.some((key) => (next.params.get(key) ?? '') !== (params.get(key) ?? ''));
      if (filtersChanged) cursors = [];
      params = next.params;
      syncSummary();
      void load();
    },
    destroy() {
      window.clearTimeout(debounce);
      request++;
    },
  };
}
