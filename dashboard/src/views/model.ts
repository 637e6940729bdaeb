/** One model: facts, license terms and obligations, benchmark scores, offerings, price history. */
import { gql, LICENSE_CHECK_QUERY, MODEL_QUERY, type LicenseCheck, type ModelDetail } from '../api.js';
import { dashKey, priceChart, type PriceChart } from '../chart.js';
import { checkbox, field, h, replace, scrollTable } from '../dom.js';
import * as fmt from '../format.js';
import { buildSeries, changeLog, type PriceChange } from '../history.js';
import { errorBox, hrefFor, loading, type MountedView, type Route } from '../ui.js';
import { comparePicks } from './models.js';

function link(href: string | null | undefined, label: string): HTMLElement | string {
  if (!href || !/^https?:\/\//.test(href)) return label;
  return h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, label);
}

function facts(model: ModelDetail): HTMLElement {
  const items: [string, unknown][] = [
    ['Slug', model.slug],
    ['Kind', model.kind === 'closed' ? 'Closed (API only)' : 'Open weights'],
    ['Status', model.status],
    ['Creator', model.creator?.name],
    ['Family', model.family],
    ['Released', model.releaseDate],
    ['Knowledge cutoff', model.knowledgeCutoff],
    ['Parameters', model.parametersB ? fmt.billions(model.parametersB) : null],
    ['Active parameters', model.activeParametersB ? fmt.billions(model.activeParametersB) : null],
    ['Context window', model.contextWindow ? `${fmt.integer(model.contextWindow)} tokens` : null],
    ['Max output', model.maxOutputTokens ? `${fmt.integer(model.maxOutputTokens)} tokens` : null],
    ['Input', model.inputModalities],
    ['Output', model.outputModalities],
    ['Hugging Face', model.huggingFaceId],
    ['Aliases', model.aliases],
  ];
  return h(
    'dl',
    { class: 'facts' },
    items.filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && !value.length)).map(([term, value]) => [h('dt', null, term), h('dd', null, fmt.text(value))]),
  );
}

interface Term {
  value?: unknown;
  section?: string;
  quote?: string;
  detail?: string;
}

function termsTable(terms: unknown): HTMLElement | null {
  if (!terms || typeof terms !== 'object') return null;
  const entries = Object.entries(terms as Record<string, unknown>);
  if (!entries.length) return null;
  const table = h(
    'table',
    { class: 'data terms' },
    h('caption', null, 'License terms, as quoted from the license'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Term'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Section and quote'))),
    h(
      'tbody',
      null,
      entries.map(([name, raw]) => {
        const term: Term = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Term) : { value: raw };
        const value = typeof term.value === 'string' && /^https?:\/\//.test(term.value) ? link(term.value, term.value) : fmt.text(term.value);
        return h(
          'tr',
          null,
          h('th', { scope: 'row' }, fmt.words(name)),
          h('td', null, value, term.detail ? h('div', { class: 'small' }, term.detail) : null),
          h('td', null, term.section ? h('div', { class: 'small' }, term.section) : null, term.quote ? h('blockquote', null, term.quote) : null),
        );
      }),
    ),
  );
  return scrollTable(table, 'License terms');
}

function licenseSection(model: ModelDetail): HTMLElement {
  const license = model.license;
  const section = h('section', { 'aria-labelledby': 'license-h' }, h('h2', { id: 'license-h' }, 'License'));
  if (!license) {
    section.append(h('p', null, 'No license is recorded for this model.'));
    return section;
  }
  section.append(
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'License'),
      h('dd', null, link(license.url, license.name), ` (${license.id}${license.spdxId && license.spdxId !== license.id ? `, SPDX ${license.spdxId}` : ''})`),
      h('dt', null, 'Category'),
      h('dd', null, license.category),
      h('dt', null, 'Commercial use'),
      h('dd', null, fmt.commercialUse(license.commercialUse)),
      license.userCapMau ? [h('dt', null, 'User cap'), h('dd', null, `${fmt.integer(license.userCapMau)} monthly active users`)] : null,
    ),
  );

  // What the license asks of a given use: licenseCheck.
  const commercial = checkbox('commercial', 'Commercial use', true);
  const mau = h('input', { type: 'number', name: 'mau', min: '0', step: '1', inputmode: 'numeric', placeholder: 'e.g. 100000' });
  const result = h('div', { class: 'license-check', 'aria-live': 'polite' });
  let request = 0;
  const check = async () => {
    const mine = ++request;
    replace(result, loading('the license check'));
    const use: Record<string, unknown> = { commercial: (commercial.querySelector('input') as HTMLInputElement).checked };
    if (mau.value) use.monthlyActiveUsers = Number(mau.value);
    try {
      const data = await gql<{ licenseCheck: LicenseCheck }>(LICENSE_CHECK_QUERY, { input: { model: model.slug, use } });
      if (mine !== request) return;
      const lc = data.licenseCheck;
      replace(
        result,
        h('p', { class: 'verdict', dataset: { verdict: lc.verdict } }, h('strong', null, 'Verdict: '), fmt.verdict(lc.verdict)),
        lc.obligations.length
          ? [h('h3', null, 'Obligations'), h('ul', { class: 'obligations' }, lc.obligations.map((o) => h('li', null, o)))]
          : h('p', null, 'No obligations for this use.'),
        lc.reasons.length
          ? h(
              'details',
              null,
              h('summary', null, `Why: ${lc.reasons.length} clause${lc.reasons.length === 1 ? '' : 's'}`),
              h(
                'ul',
                { class: 'reasons' },
                lc.reasons.map((r) =>
                  h('li', null, h('strong', null, `${r.clause} (${fmt.verdict(r.verdict)}): `), r.message, h('div', { class: 'small' }, link(r.url, r.section)), h('blockquote', null, r.quote)),
                ),
              ),
            )
          : null,
      );
    } catch (error) {
      if (mine === request) replace(result, errorBox(error));
    }
  };
  section.append(
    h('h3', null, 'Obligations for your use'),
    h(
      'form',
      { class: 'inline-form', onsubmit: (event: Event) => (event.preventDefault(), void check()) },
      commercial,
      field('Monthly active users', mau),
      h('button', { type: 'submit' }, 'Check license'),
    ),
    result,
  );
  const terms = termsTable(license.terms);
  if (terms) section.append(terms);
  void check();
  return section;
}

function benchmarksSection(model: ModelDetail): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'bench-h' }, h('h2', { id: 'bench-h' }, 'Benchmark scores'));
  if (!model.benchmarkResults.length) {
    section.append(h('p', null, 'No benchmark results recorded.'));
    return section;
  }
  const table = h(
    'table',
    { class: 'data' },
    h('caption', { class: 'visually-hidden' }, 'Benchmark results, best first per benchmark'),
    h(
      'thead',
      null,
      h('tr', null, h('th', { scope: 'col' }, 'Benchmark'), h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Setting'), h('th', { scope: 'col' }, 'Source'), h('th', { scope: 'col' }, 'Measured')),
    ),
    h(
      'tbody',
      null,
      model.benchmarkResults.map((result) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, result.benchmark?.name ?? result.benchmarkSlug),
          h('td', { class: 'num' }, result.benchmark?.unit === 'percent' ? `${result.score}%` : result.score),
          h('td', null, result.setting || fmt.DASH),
          h('td', null, link(result.sourceUrl, result.source)),
          h('td', null, result.measuredOn ?? fmt.DASH),
        ),
      ),
    ),
  );
  section.append(scrollTable(table, 'Benchmark scores'));
  return section;
}

function offeringsSection(model: ModelDetail): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'offer-h' }, h('h2', { id: 'offer-h' }, 'Offerings by provider'));
  if (!model.offerings.length) {
    section.append(h('p', null, 'No provider lists this model.'));
    return section;
  }
  const features = (f: Record<string, boolean | null>) =>
    Object.entries(f)
      .filter(([, on]) => on)
      .map(([name]) => fmt.words(name).toLowerCase())
      .join(', ') || fmt.DASH;
  const table = h(
    'table',
    { class: 'data offerings' },
    h('caption', { class: 'visually-hidden' }, 'Offerings with their current prices'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Provider'), h('th', { scope: 'col' }, 'Model id'), h('th', { scope: 'col' }, 'Current prices (USD per 1M tokens)'), h('th', { scope: 'col' }, 'Features'))),
    h(
      'tbody',
      null,
      [...model.offerings]
        .sort((a, b) => a.provider.name.localeCompare(b.provider.name) || a.providerModelId.localeCompare(b.providerModelId))
        .map((offering) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, offering.provider.name),
            h('td', null, h('code', null, offering.providerModelId)),
            h(
              'td',
              null,
              offering.currentPrices.length
                ? h(
                    'ul',
                    { class: 'prices' },
                    offering.currentPrices.map((price) =>
                      h(
                        'li',
                        null,
                        `${fmt.component(price.component)}: ${fmt.usdPrice(price.usd)}${price.unit !== '1M tokens' ? ` per ${price.unit}` : ''}`,
                        price.condition ? h('span', { class: 'muted' }, ` when ${fmt.condition(price.condition)}`) : null,
                        h('span', { class: 'muted small' }, ' · ', link(price.sourceUrl, price.source)),
                      ),
                    ),
                  )
                : h('span', { class: 'muted' }, 'no current price'),
            ),
            h('td', null, features(offering.features)),
          ),
        ),
    ),
  );
  section.append(scrollTable(table, 'Offerings'));
  return section;
}

function changeTable(changes: PriceChange[]): HTMLElement {
  if (!changes.length) return h('p', null, 'No price changes recorded: every line is flat.');
  const table = h(
    'table',
    { class: 'data changes' },
    h('caption', null, `Change log: ${changes.length} price change${changes.length === 1 ? '' : 's'}, newest first`),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Source'))),
    h(
      'tbody',
      null,
      changes.map((change) => {
        const from = change.from === null ? 'withdrawn' : fmt.usdPrice(change.from);
        const to = change.to === null ? 'withdrawn' : fmt.usdPrice(change.to);
        const direction = change.from !== null && change.to !== null ? (Number(change.to) < Number(change.from) ? '▼ down' : '▲ up') : '';
        return h(
          'tr',
          null,
          h('td', null, change.date),
          h('th', { scope: 'row' }, change.label),
          h('td', null, `${from} → ${to}`, direction ? h('div', { class: 'small' }, direction) : null),
          h('td', null, link(change.sourceUrl, change.source)),
        );
      }),
    ),
  );
  return scrollTable(table, 'Change log');
}

function historySection(model: ModelDetail, charts: PriceChart[]): HTMLElement {
  const section = h('section', { 'aria-labelledby': 'history-h' }, h('h2', { id: 'history-h' }, 'Price history'));
  const series = buildSeries(model.offerings);
  const conditional = model.offerings.reduce((n, o) => n + o.priceHistory.filter((p) => p.condition !== null && p.condition !== undefined).length, 0);
  if (!series.length) {
    section.append(h('p', null, 'No price history: no provider has recorded a price for this model.'));
    return section;
  }
  const chartBox = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': `Price history, USD per 1M tokens: ${series.length} lines (${series.map((s) => s.label).join('; ')}). The change log lists every change as text.`,
  });
  const logToggle = h('input', { type: 'checkbox', id: 'log-scale' });
  const draw = () => {
    charts.splice(0).forEach((chart) => chart.destroy());
    chartBox.replaceChildren();
    charts.push(priceChart(chartBox, series, { logScale: logToggle.checked }));
  };
  logToggle.addEventListener('change', draw);
  const components = [...new Set(series.map((s) => s.component))];
  section.append(
    h(
      'div',
      { class: 'history' },
      h(
        'div',
        { class: 'history-chart' },
        h('p', { class: 'small' }, `${series.length} line${series.length === 1 ? '' : 's'}: one per provider and price component. Hover or tap the chart: the legend shows each price then in force, with its source and date.`),
        chartBox,
        dashKey(components),
        h('div', { class: 'field checkbox' }, logToggle, h('label', { for: 'log-scale' }, 'Log scale (when one price dwarfs the others)')),
        conditional ? h('p', { class: 'small muted' }, `${conditional} conditional price point${conditional === 1 ? '' : 's'} (regions, tiers, long prompts) are not drawn; the offerings table lists the conditional prices in force.`) : null,
      ),
      h('div', { class: 'history-log' }, changeTable(changeLog(series))),
    ),
  );
  // Drawn once in the document, so the chart knows its width.
  queueMicrotask(draw);
  return section;
}

export function mountModel(root: HTMLElement, route: Route): MountedView {
  const slug = route.arg;
  const charts: PriceChart[] = [];
  let alive = true;
  const body = h('div', null, loading(`model ${slug}`));
  root.append(h('p', { class: 'crumbs' }, h('a', { href: hrefFor('models') }, '← All models')), body);

  gql<{ model: ModelDetail | null }>(MODEL_QUERY, { slug })
    .then(({ model }) => {
      if (!alive) return;
      if (!model) {
        replace(body, h('h1', null, 'Unknown model'), h('p', null, `No model has the slug or alias “${slug}”.`));
        return;
      }
      document.title = `${model.name} · model-ledger`;
      const picks = comparePicks();
      const compareWith = picks.includes(model.slug) ? picks : [...picks, model.slug].slice(-5);
      replace(
        body,
        h('h1', null, model.name),
        h(
          'p',
          { class: 'lead' },
          [model.kind === 'closed' ? 'Closed model (API only)' : 'Open-weights model', model.creator ? `by ${model.creator.name}` : null, model.status !== 'active' ? `(${model.status})` : null]
            .filter(Boolean)
            .join(' '),
          model.description ? h('span', null, `. ${model.description}`) : null,
        ),
        h('p', null, h('a', { class: 'button secondary', href: hrefFor('compare', { models: compareWith.length >= 2 ? compareWith.join(',') : model.slug }) }, 'Compare with others')),
        h('section', { 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, 'Facts'), facts(model)),
        historySection(model, charts),
        licenseSection(model),
        benchmarksSection(model),
        offeringsSection(model),
      );
    })
    .catch((error) => {
      if (alive) replace(body, errorBox(error));
    });

  return {
    destroy() {
      alive = false;
      charts.splice(0).forEach((chart) => chart.destroy());
    },
  };
}
