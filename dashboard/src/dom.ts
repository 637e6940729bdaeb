/** A tiny element builder: h('a', {href: '#/'}, 'Models'). No framework. */

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown>;

/** Properties set as properties (their attribute is only the initial value). */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (PROPERTIES.has(name)) {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else if (name === 'dataset' && typeof value === 'object') {
      for (const [key, data] of Object.entries(value as Record<string, unknown>)) {
        if (data !== undefined && data !== null) element.dataset[key] = String(data);
      }
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A table inside a horizontally scrolling box, so a phone scrolls the table, not the page. */
export function scrollTable(table: HTMLTableElement, label?: string): HTMLElement {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label ?? table.caption?.textContent ?? 'table' }, table);
}

let uid = 0;
export const nextId = (prefix: string): string => `${prefix}-${++uid}`;

/** A labelled form control: <div class="field"><label for>text</label>control hint</div>. */
export function field(labelText: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || nextId('f');
  control.id = id;
  const hintElement = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control, hintElement);
}

export function select(name: string, options: [value: string, text: string][], selected: string): HTMLSelectElement {
  return h('select', { name }, options.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

export function checkbox(name: string, labelText: string, checked: boolean): HTMLElement {
  const id = nextId('c');
  return h('div', { class: 'field checkbox' }, h('input', { type: 'checkbox', id, name, checked }), h('label', { for: id }, labelText));
}
