/** What every view shares: the route, links, errors, loading notes. */
import { ApiError, apiKey, setApiKey } from './api.js';
import { h } from './dom.js';

export interface Route {
  name: 'models' | 'model' | 'compare' | 'decide';
  /** For "model": the slug */
  arg: string;
  params: URLSearchParams;
}

export interface MountedView {
  /** The same view with other parameters (e.g. new filters): update in place, keeping focus. */
  update?(route: Route): void;
  destroy?(): void;
}

export type Mount = (root: HTMLElement, route: Route) => MountedView;

export function parseHash(hash = location.hash): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const [first = '', ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  if (first === 'model' && rest.length) return { name: 'model', arg: decodeURIComponent(rest.join('/')), params };
  if (first === 'compare' || first === 'decide' || first === 'models') return { name: first, arg: '', params };
  return { name: 'models', arg: '', params };
}

export function hrefFor(name: Route['name'], params?: Record<string, string | null | undefined> | URLSearchParams, arg?: string): string {
  const search = params instanceof URLSearchParams ? params : new URLSearchParams();
  if (!(params instanceof URLSearchParams)) {
    for (const [key, value] of Object.entries(params ?? {})) if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  const query = search.toString();
  return `#/${name}${arg ? `/${encodeURIComponent(arg)}` : ''}${query ? `?${query}` : ''}`;
}

/** Change the hash without adding a history entry (filters as you type), then route. */
export function replaceHash(href: string): void {
  history.replaceState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** An error box; for a missing API key, a form to give one. */
export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.code === 'UNAUTHORIZED') {
    const input = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', value: apiKey() ?? '' });
    const form = h(
      'form',
      {
        class: 'inline-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          setApiKey(input.value.trim() || null);
          window.dispatchEvent(new CustomEvent('model-ledger:reload'));
        },
      },
      h('label', null, 'API key with the read scope ', input),
      h('button', { type: 'submit' }, 'Use key'),
    );
    return h('div', { class: 'error', role: 'alert' }, h('p', null, h('strong', null, 'Error: '), message), form);
  }
  return h('div', { class: 'error', role: 'alert' }, h('p', null, h('strong', null, 'Error: '), message));
}

export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`);
}

