/**
 * model-ledger dashboard: hash-routed views over the public GraphQL API.
 *   #/models?kind=&commercial=&license=&mmlu=&maxIn=&maxOut=&q=&sort=&after=
 *   #/model/<slug>
 *   #/compare?models=a,b,c&requests=&in=&out=&source=&asOf=
 *   #/decide?...
 */
import './style.css';

import { replace } from './dom.js';
import type { Mount, MountedView, Route } from './ui.js';
import { parseHash } from './ui.js';
import { mountCompare } from './views/compare.js';
import { mountDecide } from './views/decide.js';
import { mountModel } from './views/model.js';
import { mountModels } from './views/models.js';

const VIEWS: Record<Route['name'], { mount: Mount; title: string }> = {
  models: { mount: mountModels, title: 'Models' },
  model: { mount: mountModel, title: 'Model' },
  compare: { mount: mountCompare, title: 'Compare' },
  decide: { mount: mountDecide, title: 'Decide' },
};

const app = document.getElementById('app')!;
let current: { name: Route['name']; arg: string; view: MountedView } | null = null;

function route(): void {
  const next = parseHash();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    const active = link.dataset.view === next.name || (link.dataset.view === 'models' && next.name === 'model');
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (current && current.name === next.name && current.arg === next.arg && current.view.update) {
    current.view.update(next);
    return;
  }
  current?.view.destroy?.();
  replace(app);
  document.title = `${VIEWS[next.name].title} · model-ledger`;
  const view = VIEWS[next.name].mount(app, next);
  current = { name: next.name, arg: next.arg, view };
  window.scrollTo(0, 0);
}

// The skip link moves focus; as a plain #fragment it would change the route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  app.focus();
});

window.addEventListener('hashchange', route);
window.addEventListener('model-ledger:reload', () => {
  current?.view.destroy?.();
  current = null;
  route();
});
route();
