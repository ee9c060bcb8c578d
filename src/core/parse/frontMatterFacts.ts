/**
 * Facts read from the front matter, with the body's fallbacks: the title
 * (else the first heading), the owner (else the body's `Owner:`), the review
 * dates and the meta fields (type, category, tags, traits, automation,
 * metrics). `findEntry` finds a concept's entry under any of its aliases.
 */
import type { FrontMatterEntry, ReviewFact, SopDocument } from './facts';
import type { Rubric } from '../rubric/types';
import { addInterval, parseDate } from '../dates';
import { isPlaceholderValue } from './placeholders';
import type { Walk } from './walkState';

/** True when a value read as a list (`[tbd, team]`, `TBD`) holds placeholders only; an empty list is one too. */
function placeholderList(values: readonly string[], rubric: Rubric): boolean {
  return values.every((v) => isPlaceholderValue(v, rubric));
}

/** Title, owner, review date and the meta fields, from the front matter and the body. */
export function applyFrontMatterFacts(doc: SopDocument, rubric: Rubric, w: Walk): void {
  const fm = doc.frontMatter;
  const entries = fm && !fm.error ? fm.entries : [];
  const find = (concept: string) => findEntry(entries, rubric, concept);

  const title = find('title');
  if (title && typeof title.value === 'string' && title.value.trim()) {
    doc.title = title.value.trim();
    doc.titleRange = title.valueRange;
  } else {
    // The first level-1 heading, else the first heading of any depth (RUBRIC.md).
    const h = doc.headings.find((x) => x.depth === 1) ?? doc.headings.find((x) => x.depth <= 6);
    if (h) {
      doc.title = h.text;
      doc.titleRange = h.range;
    }
  }

  const owner = find('owner');
  if (owner) {
    const values = listText(owner.value);
    doc.owner = {
      value: values.join(', '),
      source: 'front-matter',
      origin: owner.key,
      range: owner.valueRange,
      placeholder: placeholderList(values, rubric),
    };
  } else if (w.bodyOwner) {
    doc.owner = w.bodyOwner;
  }

  doc.review = reviewFact(entries, rubric);

  // Category, automation and metrics: the value as written, and where it is when it is only a placeholder.
  const placeholders: NonNullable<SopDocument['meta']['placeholders']> = {};
  const valued = (concept: 'category' | 'automation' | 'metrics'): string | undefined => {
    const entry = find(concept);
    const values = listText(entry?.value);
    if (!entry || values.length === 0) return undefined;
    if (placeholderList(values, rubric)) placeholders[concept] = entry.valueRange;
    return values.join(', ');
  };
  doc.meta = {
    type: scalarText(find('type')?.value)?.toLowerCase(),
    category: valued('category'),
    tags: listText(find('tags')?.value),
    traits: listText(find('traits')?.value).map((t) => t.toLowerCase()),
    automation: valued('automation'),
    metrics: valued('metrics'),
  };
  if (placeholders.category || placeholders.automation || placeholders.metrics) doc.meta.placeholders = placeholders;
}

/** The first front-matter entry whose key is one of a concept's aliases. */
export function findEntry(
  entries: readonly FrontMatterEntry[],
  rubric: Rubric,
  concept: string,
): FrontMatterEntry | undefined {
  const aliases = rubric.aliases.frontMatter[concept] ?? [concept];
  for (const alias of aliases) {
    const key = alias.toLowerCase().replace(/[\s_-]+/g, '_');
    const e = entries.find((x) => x.normalizedKey === key);
    if (e) return e;
  }
  return undefined;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

/** A value read as a list of texts: arrays, comma-separated strings, scalars, objects' values. */
function listText(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap(listText);
  if (typeof v === 'string') {
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (typeof v === 'object' && !(v instanceof Date)) {
    return Object.values(v as Record<string, unknown>).flatMap(listText);
  }
  const s = scalarText(v);
  return s ? [s] : [];
}

/** When the document was last reviewed, and when it is next due (as written, or the date plus an interval). */
function reviewFact(entries: readonly FrontMatterEntry[], rubric: Rubric): ReviewFact | undefined {
  const e = findEntry(entries, rubric, 'reviewed');
  if (!e) return undefined;
  const raw =
    e.value instanceof Date
      ? e.value.toISOString().slice(0, 10)
      : e.value === null || e.value === undefined
        ? ''
        : String(e.value);
  const fact: ReviewFact = { key: e.key, raw, date: parseDate(e.value), range: e.valueRange };
  const next = findEntry(entries, rubric, 'nextReview');
  const nextDate = next ? parseDate(next.value) : undefined;
  if (nextDate) fact.nextReview = nextDate;
  else if (fact.date) {
    const interval = findEntry(entries, rubric, 'reviewIn');
    const due = interval ? addInterval(fact.date, interval.value) : undefined;
    if (due) fact.nextReview = due;
  }
  return fact;
}
