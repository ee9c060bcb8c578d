/**
 * A tiny DOM builder. Text always goes in through text nodes and attributes
 * through `setAttribute`, so strings from documents can never become markup;
 * there is deliberately no way to set `innerHTML`. Event listeners are added
 * with `addEventListener` (the CSP forbids inline handlers anyway).
 */

/** A child: nodes are appended, strings and numbers become text, empty values are skipped. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes (`true` sets an empty attribute, `false`/`undefined` omits it) and listeners under `on`. */
export interface Props {
  [attribute: string]: string | number | boolean | undefined | null | Listeners;
  on?: Listeners;
}

export type Listeners = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el: Element, props: Props | null | undefined, children: (Child | Child[])[]): void {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value as Listeners)) {
        el.addEventListener(event, listener as EventListener);
      }
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== undefined && value !== null) {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Creates an HTML element with attributes, listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, props, children);
  return el;
}

/** Creates an SVG element (charts); same rules as {@link h}. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: (Child | Child[])[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, props, children);
  return el;
}
