/**
 * Placeholders: what a template or an editing aid writes for a person to
 * replace (RUBRIC.md, "A level is earned, never clicked"). Only content a
 * person wrote counts, so a placeholder never passes a check. The words are
 * rubric data (`placeholderValues`, `sectionPlaceholders`,
 * `reasonPlaceholders`); the rules that read them are here.
 */
import type { Rubric } from '../rubric/types';
import { escapeRegExp } from '../text';

/** A rubric's placeholder lists, made ready once. */
interface Matchers {
  /** Whole values, folded (letters and digits only, lower case). */
  values: Set<string>;
  /** Exemption reasons, folded like values. */
  reasons: Set<string>;
  /** Section content: a whole text or a text's start (anchored, tried once per text). */
  content: RegExp;
  /** Section content: a marker anywhere (undefined when the rubric has none). */
  markers?: RegExp;
}

/** Letters and digits. */
const ALNUM = '[\\p{L}\\p{N}]';
const NOT_ALNUM = '[^\\p{L}\\p{N}]';

const compiled = new WeakMap<Rubric, Matchers>();

function matchersOf(rubric: Rubric): Matchers {
  let m = compiled.get(rubric);
  if (!m) {
    const s = rubric.settings;
    m = {
      values: new Set([...(s.placeholderValues ?? []), ...(s.ownerPlaceholders ?? [])].map(fold)),
      reasons: new Set((s.reasonPlaceholders ?? []).map(fold)),
      ...contentPatterns(s.sectionPlaceholders ?? []),
    };
    compiled.set(rubric, m);
  }
  return m;
}

/** A value with everything but letters and digits left out, in lower case: `N/A` → `na`, `Your Name` → `yourname`. */
function fold(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A phrase's words joined by any run of spaces and punctuation (`first step` matches "First  step."). */
function wordsPattern(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(escapeRegExp)
    .join(`${NOT_ALNUM}+`);
}

/**
 * One pattern for the `sectionPlaceholders` entries: `*text*` is a marker
 * found anywhere (`*(to be completed)*`, spaces in it match any spaces);
 * `text*` matches a text that starts with it as whole words (`describe*`:
 * "Describe the outcome", not "Descriptions", nor "Describe the pod:" that
 * introduces a command); any other entry matches the
 * whole text, punctuation around it and between its words aside. A text
 * without one letter or digit (`...`, `…`, `-`) is a placeholder too.
 */
function contentPatterns(entries: readonly string[]): { content: RegExp; markers?: RegExp } {
  const markers: string[] = [];
  const starts: string[] = [];
  const wholes: string[] = [];
  for (const raw of entries) {
    const e = raw.trim();
    if (e.length > 2 && e.startsWith('*') && e.endsWith('*')) {
      const marker = e.slice(1, -1).trim().toLowerCase().split(/\s+/).map(escapeRegExp).join('\\s+');
      if (marker) markers.push(marker);
    } else if (e.endsWith('*')) {
      const p = wordsPattern(e.slice(0, -1));
      if (p) starts.push(p);
    } else {
      const p = wordsPattern(e);
      if (p) wholes.push(p);
    }
  }
  const alts = ['$'];
  if (wholes.length > 0) alts.push(`(?:${wholes.join('|')})${NOT_ALNUM}*$`);
  // A text that ends with a colon introduces what follows (`Describe the pod:` before a command): an instruction, not a
  // prompt.
  if (starts.length > 0) alts.push(`(?:${starts.join('|')})(?!${ALNUM})(?![\\s\\S]*:\\s*$)`);
  // Two patterns: one anchored at the start, which fails at once on most texts, and the markers, searched
  // anywhere (one alternation with both made every position of every paragraph try the anchored ones).
  // Both are in lower case and match a lower-cased text: a case-insensitive Unicode pattern with `\p{L}`
  // cost V8 tens of milliseconds to compile in every process and worker.
  return {
    content: new RegExp(`^${NOT_ALNUM}*(?:${alts.join('|')})`, 'u'),
    markers: markers.length > 0 ? new RegExp(`(?:${markers.join('|')})`, 'u') : undefined,
  };
}

/** A text wholly in angle or square brackets. */
const BRACKETED = /^\s*(?:<[^<>]*>|\[[^[\]]*\])\s*$/;

/**
 * True when a whole value (an owner, a category, a metrics or automation
 * value) is a placeholder: empty, a placeholder word of the rubric ignoring
 * case, spaces and punctuation (`TBD`, `n/a`, `Your Name`), or wholly in
 * angle or square brackets. `alice@example.com` and `Example Corp NOC` are
 * real values.
 */
export function isPlaceholderValue(value: string, rubric: Rubric): boolean {
  const folded = fold(value);
  if (folded === '') return true;
  if (bracketed(value)) return true;
  return matchersOf(rubric).values.has(folded);
}

/**
 * True when the text of a paragraph or a list item is placeholder content:
 * it holds a marker such as `(to be completed)`, or is wholly one of the
 * rubric's placeholders (`TBD`, `First step.`), or starts with one that
 * opens a prompt (`Describe ...`, `Lorem ipsum ...`), or holds no letter or
 * digit at all (`...`), or is wholly in angle or square brackets
 * (`[Describe the outcome]`).
 */
export function isPlaceholderText(text: string, rubric: Rubric): boolean {
  const m = matchersOf(rubric);
  const lower = text.toLowerCase();
  return m.content.test(lower) || (m.markers?.test(lower) ?? false) || bracketed(text);
}

/**
 * True for a text wholly in angle or square brackets (`<owner>`, `[Describe the outcome]`), an address in brackets
 * (`<ops@example.com>`) aside.
 */
function bracketed(text: string): boolean {
  return BRACKETED.test(text) && !/@|:\/\//.test(text);
}

/** Why an exemption's reason does not count, in a few words, or undefined when it does. */
export function reasonProblem(
  reason: string | undefined,
  rubric: Rubric,
  minWords = 3,
): 'missing' | 'placeholder' | 'short' | undefined {
  if (reason === undefined || reason.trim() === '') return 'missing';
  if (
    isPlaceholderValue(reason, rubric) ||
    isPlaceholderText(reason, rubric) ||
    matchersOf(rubric).reasons.has(fold(reason))
  )
    return 'placeholder';
  const words = reason.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words < minWords ? 'short' : undefined;
}
