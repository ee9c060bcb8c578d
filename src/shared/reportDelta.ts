/**
 * What changed between two reports, as a small JSON patch the panel applies to its copy: the
 * host sends the whole report once (after the webview says `ready`), then only deltas.
 *
 * The diff is structural and generic over JSON values, so it is never wrong, only bigger when
 * less is shared: `applyDelta(prev, diffReports(prev, next))` equals `next` (same JSON, same key
 * order) whatever the two reports are. It is cheap because the engine's incremental `Workspace`
 * hands out the same objects and arrays for what did not change (document reports, trait
 * evidence, errors, ...): an identical value is skipped without being looked into. Lists are
 * patched, never resent whole: the new list is written as runs of the old one (`keep`), items
 * patched in place (`at`) and new items (`add`), matching items by their `path`, `id` or `owner`
 * (strings by themselves; otherwise by position), so one changed document sends one document.
 *
 * Pure and without `vscode` or Node modules: the panel bundles it, the host and the benchmark
 * import it.
 */
import type { Report } from '../core/report/types';

/** A change to one JSON value. */
export type Patch = SetPatch | FieldsPatch | ListPatch;

/** The value is replaced whole. */
export interface SetPatch {
  set: unknown;
}

/** An object: fields patched, fields dropped and, when they would not come out in the new value's order, that order. */
export interface FieldsPatch {
  fields: Record<string, Patch>;
  drop?: string[];
  order?: string[];
}

/** A list, rebuilt from parts in order. */
export interface ListPatch {
  list: ListPart[];
}

/** Part of a new list: `count` items of the old list from `keep`, one old item patched, or new items. */
export type ListPart = { keep: number; count: number } | { at: number; patch: Patch } | { add: unknown[] };

/** What changed in a report: its fields patched (see {@link Patch}). */
export type ReportDelta = FieldsPatch;

type Json = Record<string, unknown>;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The delta that turns `prev` into `next`; undefined when they are equal (as JSON). Identity is
 * only a shortcut: objects that are not the same are compared by value.
 */
export function diffReports(prev: Report, next: Report): ReportDelta | undefined {
  const patch = diffValue(prev, next);
  if (patch === undefined) return undefined;
  // Two reports are both objects, so the patch is a fields patch.
  return patch as ReportDelta;
}

/** `report` with `delta` applied; `report` itself is not changed (unchanged parts are shared). */
export function applyDelta(report: Report, delta: ReportDelta): Report {
  return applyPatch(report, delta) as Report;
}

/** The patch that turns `a` into `b`, or undefined when they are equal as JSON. */
export function diffValue(a: unknown, b: unknown): Patch | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) return diffList(a, b);
  if (isObject(a) && isObject(b)) return diffObject(a, b);
  return { set: b };
}

function diffObject(a: Json, b: Json): FieldsPatch | undefined {
  let fields: Record<string, Patch> | undefined;
  let drop: string[] | undefined;
  for (const k in b) {
    if (!hasOwn(b, k)) continue;
    const bv = b[k];
    const av = hasOwn(a, k) ? a[k] : undefined;
    if (bv === undefined) {
      // JSON has no undefined: a field set to undefined is a field that is not there.
      if (av !== undefined) (drop ??= []).push(k);
      continue;
    }
    const p = av === undefined ? { set: bv } : diffValue(av, bv);
    if (p) put((fields ??= {}), k, p);
  }
  for (const k in a) {
    if (hasOwn(a, k) && a[k] !== undefined && !hasOwn(b, k)) (drop ??= []).push(k);
  }
  // New fields land at the end; when `b` has its fields in another order, say it (reports list areas in order): the
  // same fields in another order are a change too.
  const reordered = !sameOrder(a, b);
  if (!fields && !drop && !reordered) return undefined;
  const patch: FieldsPatch = { fields: fields ?? {} };
  if (drop) patch.drop = drop;
  if (reordered) patch.order = definedKeys(b);
  return patch;
}

function definedKeys(o: Json): string[] {
  const keys: string[] = [];
  for (const k in o) if (hasOwn(o, k) && o[k] !== undefined) keys.push(k);
  return keys;
}

/** True when `a`'s fields still in `b`, then the fields `b` adds (in its order), are `b`'s fields in order. */
function sameOrder(a: Json, b: Json): boolean {
  const order = definedKeys(b);
  const inA = (k: string): boolean => hasOwn(a, k) && a[k] !== undefined;
  const naive = [...definedKeys(a).filter((k) => hasOwn(b, k) && b[k] !== undefined), ...order.filter((k) => !inA(k))];
  return naive.length === order.length && naive.every((k, i) => k === order[i]);
}

/**
 * True when `a` and `b` are equal as JSON (fields set to undefined are fields that are not there). The quick test
 * lists use before they look for a patch: it allocates nothing, and stops at the first difference.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Json;
  const y = b as Json;
  let n = 0;
  for (const k in x) {
    const v = x[k];
    if (v === undefined) continue;
    const w = y[k];
    if (v !== w && (typeof v !== 'object' || !sameJson(v, w))) return false;
    // Only `__proto__` reads something that is not a field and could look like JSON.
    if (k === '__proto__' && !hasOwn(y, k)) return false;
    n++;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}

/** How list items are matched: by a string key, or (undefined) by position. */
type KeyOf = ((item: unknown) => string | undefined) | undefined;

/** Items are matched by `path`, `id` or `owner` when they have one, strings by themselves. */
function keyOfItems(items: readonly unknown[]): KeyOf {
  const sample = items.find((x) => x !== undefined && x !== null);
  if (typeof sample === 'string') return (x) => (typeof x === 'string' ? x : undefined);
  if (!isObject(sample)) return undefined;
  for (const field of ['path', 'id', 'owner']) {
    if (typeof sample[field] === 'string') {
      return (x) => {
        const v = isObject(x) ? x[field] : undefined;
        return typeof v === 'string' ? v : undefined;
      };
    }
  }
  return undefined;
}

/** Builds the parts of a list patch, merging runs of kept items and of new items. */
class Parts {
  readonly list: ListPart[] = [];
  /** Whether the new list differs from the old one. */
  changed = false;
  /** Where the next old item must come from for the new list to still equal the old one. */
  private expected = 0;

  keep(from: number, count: number): void {
    if (count <= 0) return;
    if (from !== this.expected) this.changed = true;
    this.expected = from + count;
    const last = this.list[this.list.length - 1];
    if (last && 'keep' in last && last.keep + last.count === from) last.count += count;
    else this.list.push({ keep: from, count });
  }

  patch(at: number, patch: Patch): void {
    this.changed = true;
    this.expected = -1;
    this.list.push({ at, patch });
  }

  add(item: unknown): void {
    this.changed = true;
    this.expected = -1;
    const last = this.list[this.list.length - 1];
    if (last && 'add' in last) last.add.push(item);
    else this.list.push({ add: [item] });
  }

  /** True when every old item was kept, in order (`length`: the old list's). */
  same(length: number): boolean {
    return !this.changed && this.expected === length;
  }
}

function diffList(a: readonly unknown[], b: readonly unknown[]): Patch | undefined {
  const n = a.length;
  const m = b.length;
  if (m === 0) return n === 0 ? undefined : { set: [] };
  // The same items at the start and at the end (identity first: the engine shares what did not change).
  let p = 0;
  while (p < n && p < m && sameJson(a[p], b[p])) p++;
  let ea = n;
  let eb = m;
  while (ea > p && eb > p && sameJson(a[ea - 1], b[eb - 1])) {
    ea--;
    eb--;
  }
  const parts = new Parts();
  parts.keep(0, p);
  if (eb > p) {
    const keyOf = keyOfItems(b.slice(p, eb)) ?? keyOfItems(a.slice(p, ea));
    if (keyOf) middleByKey(a, b, p, ea, eb, keyOf, parts);
    else
      for (let j = p; j < eb; j++) {
        if (j < ea) keepOrPatch(a, j, b[j], parts);
        else parts.add(b[j]);
      }
  }
  parts.keep(ea, n - ea);
  if (parts.same(n)) return undefined;
  // Nothing of the old list is left: sending the new list is simpler and no bigger.
  if (parts.list.every((x) => 'add' in x)) return { set: b };
  return { list: parts.list };
}

/** Old item `i` again (kept when equal, else patched) for new item `item`. */
function keepOrPatch(a: readonly unknown[], i: number, item: unknown, parts: Parts): void {
  const patch = sameJson(a[i], item) ? undefined : diffValue(a[i], item);
  if (patch) parts.patch(i, patch);
  else parts.keep(i, 1);
}

/**
 * The middle of a list, old `a[p..ea)` and new `b[p..eb)`: each new item matched with the first unused old item of
 * its key.
 */
function middleByKey(
  a: readonly unknown[],
  b: readonly unknown[],
  p: number,
  ea: number,
  eb: number,
  keyOf: NonNullable<KeyOf>,
  parts: Parts,
): void {
  // Per key its first unused old index; `nextSame` chains old items of the same key.
  const first = new Map<string, number>();
  const nextSame = new Int32Array(Math.max(0, ea - p)).fill(-1);
  for (let i = ea - 1; i >= p; i--) {
    const k = keyOf(a[i]);
    if (k === undefined) continue;
    const j = first.get(k);
    if (j !== undefined) nextSame[i - p] = j;
    first.set(k, i);
  }
  for (let j = p; j < eb; j++) {
    const k = keyOf(b[j]);
    const i = k === undefined ? undefined : first.get(k);
    if (i === undefined) {
      parts.add(b[j]);
      continue;
    }
    const after = nextSame[i - p];
    if (after >= 0) first.set(k as string, after);
    else first.delete(k as string);
    keepOrPatch(a, i, b[j], parts);
  }
}

/** Sets an own field, even one named `__proto__`. */
function put(o: Json, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

/** `value` with `patch` applied, sharing what did not change; throws on a patch that does not fit `value`. */
export function applyPatch(value: unknown, patch: Patch): unknown {
  if ('set' in patch) return patch.set;
  if ('list' in patch) {
    if (!Array.isArray(value)) throw new Error('delta: a list patch on a value that is not a list');
    const out: unknown[] = [];
    for (const part of patch.list) {
      if ('keep' in part) {
        const end = part.keep + part.count;
        if (part.keep < 0 || end > value.length) throw new Error('delta: kept items out of range');
        for (let i = part.keep; i < end; i++) out.push(value[i]);
      } else if ('at' in part) {
        if (part.at < 0 || part.at >= value.length) throw new Error('delta: patched item out of range');
        out.push(applyPatch(value[part.at], part.patch));
      } else for (const item of part.add) out.push(item);
    }
    return out;
  }
  if (!isObject(value)) throw new Error('delta: a fields patch on a value that is not an object');
  const out: Json = { ...value };
  for (const k of Object.keys(patch.fields)) {
    const old = hasOwn(value, k) ? value[k] : undefined;
    // A new field goes at the end (where `sameOrder` expects it), even over a field that was undefined.
    if (old === undefined) delete out[k];
    put(out, k, applyPatch(old, patch.fields[k]));
  }
  for (const k of patch.drop ?? []) delete out[k];
  if (!patch.order) return out;
  const ordered: Json = {};
  for (const k of patch.order) if (hasOwn(out, k)) put(ordered, k, out[k]);
  return ordered;
}

/**
 * The documents a delta carries (added, or patched in place), by path: what crosses to the panel for the document
 * list. For tests and the benchmark.
 */
export function deltaDocumentPaths(prev: Report, delta: ReportDelta | undefined): string[] {
  const patch = delta?.fields.documents;
  if (!patch) return [];
  if ('set' in patch) return (patch.set as { path: string }[]).map((d) => d.path);
  if (!('list' in patch)) return [];
  const paths: string[] = [];
  for (const part of patch.list) {
    if ('at' in part) paths.push(prev.documents[part.at].path);
    if ('add' in part) for (const d of part.add as { path: string }[]) paths.push(d.path);
  }
  return paths;
}
