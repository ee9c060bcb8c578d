/**
 * Fixes are pure functions from a document's text and facts to text edits.
 * The extension turns the edits into a WorkspaceEdit; the CLI's `--fix`
 * applies them. An edit only inserts or replaces what it means to change,
 * in the document's own line ending.
 */
import { stringify as yamlStringify } from 'yaml';
import type { SopDocument } from '../parse/facts';
import type { TextEdit } from '../position';
import type { Rubric } from '../rubric/types';
import { findEntry, parseDocument } from '../parse/parse';
import { findHeading, headingAliases, cap } from '../checks/check';
import { addDays, daysBetween, parseDate } from '../dates';
import { checklistSteps } from './checklist';
import { KIND_FIX_TYPES, kindFixApplies, setTypeEdits, type KindFixId } from './kind';

export interface FixContext {
  text: string;
  doc: SopDocument;
  rubric: Rubric;
  /** The audit date: the expiry default when `today` is not given; never written as a review date. */
  asOf: string;
  /**
   * mark-reviewed: the real date of today in the user's time zone
   * (YYYY-MM-DD), given by the one person who marks one document reviewed.
   * Without it, mark-reviewed changes nothing: a pinned `asOf` is never a
   * review date.
   */
  today?: string;
  /** add-owner: the owner to write. */
  owner?: string;
  /** add-category: the category to write. */
  category?: string;
  /** add-exemption: the check to exempt (none: all), the reason and the expiry. */
  check?: string;
  reason?: string;
  until?: string;
  /** add-sections: the check (or checks) whose sections to add (default: every missing template section). */
  sectionsFor?: SectionChecks;
}

/** The check, or checks, whose template sections `add-sections` adds; undefined: every template section. */
export type SectionChecks = string | readonly string[] | undefined;

export const FIX_IDS = ['add-owner', 'add-front-matter', 'add-checklist', 'mark-reviewed', 'add-sections', 'add-category', 'add-exemption', 'treat-as-sop', 'not-an-sop'] as const;
export type FixId = (typeof FIX_IDS)[number];

/**
 * What a fix is (RUBRIC.md, "A level is earned, never clicked"):
 * - `safe`: adds information derived from the document itself (a checklist
 *   from its written steps, front matter from its own title): may run in
 *   "fix all" and `--fix`;
 * - `aid`: inserts something for the author to complete (a section skeleton,
 *   an owner to name, a category, an exemption): one document at a time, as
 *   a snippet, never in "fix all" or `--fix`;
 * - `statement`: a person's statement about one document they have in front
 *   of them (mark reviewed): one document at a time, never in bulk;
 * - `kind`: a correction of the classification (treat as SOP / not an SOP):
 *   one document at a time.
 */
export type FixClass = 'safe' | 'aid' | 'statement' | 'kind';

export const FIX_CLASS: Readonly<Record<FixId, FixClass>> = {
  'add-checklist': 'safe',
  'add-front-matter': 'safe',
  'add-owner': 'aid',
  'add-category': 'aid',
  'add-sections': 'aid',
  'add-exemption': 'aid',
  'mark-reviewed': 'statement',
  'treat-as-sop': 'kind',
  'not-an-sop': 'kind',
};

/** The class of a fix id (unknown ids are never safe). */
export function fixClass(fixId: string): FixClass | undefined {
  return FIX_CLASS[fixId as FixId];
}

/** Fixes that need no decision from a person and write nothing a person must state: the only ones "fix all" and `--fix` apply. */
export const SAFE_FIXES: ReadonlySet<string> = new Set(FIX_IDS.filter((id) => FIX_CLASS[id] === 'safe'));

const TITLES: Record<FixId, string> = {
  'add-owner': 'Add an owner to the front matter',
  'add-front-matter': 'Add front matter (title and type)',
  'add-checklist': 'Add a checklist built from the procedure steps',
  'mark-reviewed': 'Mark as reviewed today',
  'add-sections': 'Add the missing template sections',
  'add-category': 'Add a category to the front matter',
  'add-exemption': 'Exempt this document (with a reason and an expiry date)',
  'treat-as-sop': 'Treat as SOP (front matter type: sop)',
  'not-an-sop': 'Not an SOP (front matter type: reference)',
};

/** Human title of a fix. */
export function fixTitle(fixId: string): string {
  return TITLES[fixId as FixId] ?? fixId;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The edits of one fix; empty when the fix does not apply (or lacks a value it needs). */
export function computeFix(fixId: string, ctx: FixContext): TextEdit[] {
  // A file not valid in its encoding (or changed on disk under --fix) is never written.
  if (ctx.doc.readOnly) return [];
  // A safe fix states what a procedure already says; on another document it would make it one (`type: sop`, a task list).
  if (FIX_CLASS[fixId as FixId] === 'safe' && ctx.doc.kind !== 'procedure') return [];
  switch (fixId as FixId) {
    case 'add-owner':
      if (!ctx.owner) return keyAid(ctx, 'owner', OWNER_PLACEHOLDER);
      return verified(ctx, setKey(ctx, 'owner', ctx.owner), (d) => d.owner?.value === ctx.owner && !d.frontMatter?.error);
    case 'add-category':
      if (!ctx.category) return keyAid(ctx, 'category', CATEGORY_PLACEHOLDER);
      return verified(ctx, setKey(ctx, 'category', ctx.category), (d) => d.meta.category === ctx.category && !d.frontMatter?.error);
    case 'add-front-matter':
      return addFrontMatter(ctx);
    case 'mark-reviewed': {
      const today = ctx.today;
      if (!today) return [];
      return verified(ctx, markReviewed(ctx, today), (d) => d.review?.date === today && !(d.review.nextReview && d.review.nextReview <= today) && !d.frontMatter?.error);
    }
    case 'add-checklist':
      return addChecklist(ctx);
    case 'add-sections':
      return verified(ctx, addSections(ctx), (d) => sectionsFor(ctx.sectionsFor, ctx.rubric).every((s) => findHeading(d, ctx.rubric, s) || (s === 'procedure' && listWillDo(ctx.sectionsFor, ctx.rubric) && d.lists.some((l) => l.ordered && l.items >= 2)))).map(asSnippet);
    case 'add-exemption':
      return addExemption(ctx);
    case 'treat-as-sop':
    case 'not-an-sop':
      return setKind(ctx, fixId as KindFixId);
    default:
      return [];
  }
}

/**
 * A fix is offered only when the fixed text reads back as intended:
 * appended Markdown can be swallowed by an unclosed code fence or generated
 * region, and a replaced front-matter value can meet an odd YAML form (an
 * empty block scalar). Such a fix would change the text without fixing
 * anything.
 */
function verified(ctx: FixContext, edits: TextEdit[], holds: (doc: SopDocument) => boolean): TextEdit[] {
  if (edits.length === 0) return edits;
  const after = parseDocument(ctx.doc.path, applyEdits(ctx.text, edits), ctx.rubric);
  return holds(after) ? edits : [];
}

/**
 * "Treat as SOP" / "Not an SOP": a document-level correction, offered on any
 * Markdown file whose kind it changes (never in a fix-all). Empty when the
 * document already has the kind, or when a stronger rule would keep it
 * (a CHANGELOG stays an other document whatever its type says).
 */
function setKind(ctx: FixContext, fixId: KindFixId): TextEdit[] {
  if (!kindFixApplies(fixId, ctx.doc.kind)) return [];
  const value = KIND_FIX_TYPES[fixId];
  const edits = setTypeEdits(ctx.text, ctx.doc, ctx.rubric, value);
  return verified(ctx, edits, (d) => d.meta.type === value && kindFixApplies(fixId, d.kind) === false && !d.frontMatter?.error);
}

/** A YAML scalar for a value (quoted only when it must be). */
function yamlScalar(value: string): string {
  return yamlStringify(value).trimEnd();
}

/** Sets a front-matter concept (existing key replaced, else a new line, else a new block). */
function setKey(ctx: FixContext, concept: string, value: string, keyName = concept === 'reviewed' ? 'last_reviewed' : concept): TextEdit[] {
  const { doc } = ctx;
  const eol = doc.lineEnding;
  const fm = doc.frontMatter;
  if (fm?.error || unclosedFence(ctx)) return [];
  const toml = fm?.format === 'toml';
  const scalar = toml ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : JSON.stringify(value)) : yamlScalar(value);
  if (fm) {
    const entry = findEntry(fm.entries, ctx.rubric, concept);
    if (entry) return [{ start: entry.valueRange.start.offset, end: entry.valueRange.end.offset, newText: scalar }];
    const line = toml ? `${keyName} = ${scalar}` : `${keyName}: ${scalar}`;
    return [{ start: fm.contentEnd, end: fm.contentEnd, newText: line + eol }];
  }
  return [{ start: 0, end: 0, newText: `---${eol}${keyName}: ${scalar}${eol}---${eol}` }];
}

/**
 * True when the text opens with a front-matter fence that no fence closes:
 * the block reads as the whole document. Something inserted before it would
 * turn it into body text, changing what the document says.
 */
function unclosedFence(ctx: FixContext): boolean {
  return !ctx.doc.frontMatter && /^(?:---|\+\+\+)[ \t]*\r?\n/.test(ctx.text);
}

/**
 * Front matter with what the document states: its title and that it is a
 * procedure (the fix runs on procedures only). The title key is left out
 * when writing it would change the reading: a document titled by its first
 * heading whose front matter names the title reads that heading as a
 * section.
 */
function addFrontMatter(ctx: FixContext): TextEdit[] {
  const { doc } = ctx;
  if (doc.frontMatter || unclosedFence(ctx)) return [];
  const eol = doc.lineEnding;
  const titleHeading = doc.headings.findIndex((h) => h.range === doc.titleRange);
  const sameReading = (d: SopDocument) => d.meta.type === 'sop' && !d.frontMatter?.error && (titleHeading < 0 || d.headings[titleHeading]?.range === d.titleRange);
  const block = (title: boolean) => [{ start: 0, end: 0, newText: ['---', ...(title && doc.title ? [`title: ${yamlScalar(doc.title)}`] : []), 'type: sop', '---'].join(eol) + eol }];
  const withTitle = verified(ctx, block(true), sameReading);
  return withTitle.length > 0 ? withTitle : verified(ctx, block(false), sameReading);
}

function markReviewed(ctx: FixContext, today: string): TextEdit[] {
  const { doc } = ctx;
  const r = doc.review;
  const fm = doc.frontMatter;
  if (fm?.error) return [];
  let value = today;
  if (r && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(r.raw.trim())) {
    const [y, m, d] = today.split('-');
    value = `${m}/${d}/${y}`;
  }
  const edits = setKey(ctx, 'reviewed', value);
  // A declared next review that is already past would keep the document failing: move it on by the same interval.
  const next = fm ? findEntry(fm.entries, ctx.rubric, 'nextReview') : undefined;
  const due = next ? parseDate(next.value) : undefined;
  if (fm && next && (due === undefined || due <= today)) {
    // Same interval as before when it is known, else half a year.
    const interval = r?.date && due && due > r.date ? daysBetween(r.date, due) : 182;
    const day = addDays(today, interval);
    edits.push({ start: next.valueRange.start.offset, end: next.valueRange.end.offset, newText: fm.format === 'toml' ? day : yamlScalar(day) });
  }
  return edits;
}

/** Offset right after the line that contains `offset` (after its line break), or the end of the text. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Inserts a block of lines at the end of the document, separated by a blank line. */
function appendBlock(ctx: FixContext, lines: string[]): TextEdit {
  const eol = ctx.doc.lineEnding;
  const t = ctx.text;
  const body = lines.join(eol);
  if (t.length === 0) return { start: 0, end: 0, newText: body + eol };
  if (!ctx.doc.endsWithNewline) return { start: t.length, end: t.length, newText: eol + eol + body };
  const blankBefore = t.endsWith(eol + eol) ? '' : eol;
  return { start: t.length, end: t.length, newText: blankBefore + body + eol };
}

/** Inserts a block of lines before the heading that starts at `offset`. */
function insertBefore(ctx: FixContext, offset: number, lines: string[]): TextEdit {
  const eol = ctx.doc.lineEnding;
  return { start: offset, end: offset, newText: lines.join(eol) + eol + eol };
}

/**
 * A checklist built from the written steps: one task item per step with the
 * step's first sentence as written (see ./checklist). No steps, no
 * checklist: generic items would be placeholders.
 */
function addChecklist(ctx: FixContext): TextEdit[] {
  if (ctx.doc.lists.some((l) => l.taskItems > 0)) return [];
  const items = checklistSteps(ctx.text, ctx.doc, ctx.rubric).map((s) => s.item);
  if (items.length === 0) return [];
  const edits = [appendBlock(ctx, ['## Checklist', '', ...items.map((s) => `- [ ] ${s}`)])];
  return verified(ctx, edits, (d) => d.lists.some((l) => l.taskItems === items.length && l.items === items.length));
}

/** What an editing aid writes for the author to replace (RUBRIC.md: a placeholder, which never passes). */
export const TO_BE_COMPLETED = '(to be completed)';
export const OWNER_PLACEHOLDER = '<owner>';
export const CATEGORY_PLACEHOLDER = '<category>';
export const REASON_PLACEHOLDER = '<reason>';
/** The numbered steps of a section skeleton. */
const STEP_PLACEHOLDERS = [1, 2, 3].map((n) => `${n}. ${TO_BE_COMPLETED}`).join('\n');

/** Escapes what snippet syntax gives a meaning (`\`, `$`, `}`). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * The snippet form of an insertion: each occurrence of a placeholder of
 * `marks`, in the order they appear, becomes a numbered tab stop that
 * selects it; everything else is the text as inserted, escaped.
 */
export function snippetOf(newText: string, marks: readonly string[]): string {
  let out = '';
  let pos = 0;
  let stop = 0;
  for (;;) {
    let at = -1;
    let mark = '';
    for (const m of marks) {
      const i = m ? newText.indexOf(m, pos) : -1;
      if (i >= 0 && (at < 0 || i < at)) [at, mark] = [i, m];
    }
    if (at < 0) break;
    out += `${escapeSnippet(newText.slice(pos, at))}\${${++stop}:${escapeSnippet(mark)}}`;
    pos = at + mark.length;
  }
  return out + escapeSnippet(newText.slice(pos));
}

/** An edit with its snippet form, tab stops on `marks`. */
function withSnippet(edit: TextEdit, marks: readonly string[]): TextEdit {
  return { ...edit, snippet: snippetOf(edit.newText, marks) };
}

/** add-owner / add-category without a value: the key with a placeholder value, for the author to replace. */
function keyAid(ctx: FixContext, concept: 'owner' | 'category', placeholder: string): TextEdit[] {
  const edits = verified(ctx, setKey(ctx, concept, placeholder), (d) => !d.frontMatter?.error && findEntry(d.frontMatter?.entries ?? [], ctx.rubric, concept)?.value === placeholder);
  return edits.map((e) => withSnippet(e, [placeholder]));
}

/** Which heading concepts a check (or each of several checks) needs. */
function sectionsFor(check: SectionChecks, rubric: Rubric): string[] {
  if (typeof check !== 'string' && check !== undefined) return [...new Set(check.flatMap((c) => sectionsFor(c, rubric)))];
  const required = rubric.checks.find((c) => c.id === 'required-sections')?.params.sections;
  const requiredList = Array.isArray(required) ? (required as string[]) : ['purpose', 'procedure'];
  switch (check) {
    case 'required-sections':
      return requiredList;
    case 'procedure':
      return ['procedure'];
    case 'verification':
    case 'prerequisites':
    case 'metrics':
    case 'automation':
      return [check];
    default:
      return [...requiredList, 'verification', 'prerequisites'];
  }
}

/**
 * True when a numbered list stands for the procedure section: only the
 * `procedure` check asks for steps rather than a heading, so this holds when
 * no other check of `checks` needs the heading.
 */
function listWillDo(checks: SectionChecks, rubric: Rubric): boolean {
  const list = typeof checks === 'string' || checks === undefined ? [checks] : checks;
  return list.includes('procedure') && !list.some((c) => c !== 'procedure' && sectionsFor(c, rubric).includes('procedure'));
}

/** The template sections `add-sections` would add for `check` (undefined: every template section). */
export function missingSections(doc: SopDocument, rubric: Rubric, check: SectionChecks): string[] {
  const stepsWillDo = listWillDo(check, rubric) && doc.lists.some((l) => l.ordered && l.items >= 2);
  return sectionsFor(check, rubric).filter((s) => !findHeading(doc, rubric, s) && !(s === 'procedure' && stepsWillDo));
}

function addSections(ctx: FixContext): TextEdit[] {
  const { doc, rubric } = ctx;
  const eol = doc.lineEnding;
  const missing = missingSections(doc, rubric, ctx.sectionsFor);
  if (missing.length === 0) return [];
  const block = (concept: string) => [`## ${cap(headingAliases(rubric, concept)[0])}`, '', ...(concept === 'procedure' ? STEP_PLACEHOLDERS : TO_BE_COMPLETED).split('\n')];
  // Blocks that go before a heading, by the heading's offset, in the order of `missing` (Purpose before Prerequisites).
  const before = new Map<number, string[][]>();
  const atEnd: string[][] = [];
  const put = (at: number | undefined, lines: string[]) => (at === undefined ? atEnd : before.get(at) ?? before.set(at, []).get(at)!).push(lines);
  const procedureHeading = findHeading(doc, rubric, 'procedure');
  for (const concept of missing) {
    if (concept === 'purpose') put(firstSectionHeading(doc)?.range.start.offset, block(concept));
    else if (concept === 'prerequisites' && procedureHeading) put(procedureHeading.range.start.offset, block(concept));
    else atEnd.push(block(concept));
  }
  const edits = [...before].map(([at, blocks]) => insertBefore(ctx, at, blocks.map((b) => b.join(eol)).join(eol + eol).split(eol)));
  if (atEnd.length > 0) edits.push(appendBlock(ctx, atEnd.map((b) => b.join(eol)).join(eol + eol).split(eol)));
  return edits;
}

/**
 * The first section heading after the title: a skeleton goes before it, so
 * that it holds only its placeholder. Inserted under the title, it would
 * take the text a person wrote there as its content, and a click would pass
 * the check.
 */
function firstSectionHeading(doc: SopDocument): SopDocument['headings'][number] | undefined {
  const title = doc.headings.findIndex((h) => h.depth === 1);
  return doc.headings.slice(title + 1).find((h) => !h.nested && h.depth <= 6);
}

/** The skeleton's edits as snippets, a tab stop on each `(to be completed)`. */
function asSnippet(edit: TextEdit): TextEdit {
  return withSnippet(edit, [TO_BE_COMPLETED]);
}

/** Days an exemption lasts when no expiry is given, and at most. */
export const EXEMPTION_DAYS = 90;
export const EXEMPTION_MAX_DAYS = 365;

/**
 * An exemption comment: the reason (a placeholder unless given) selected
 * first, then the expiry date (90 days from today by default, never more
 * than a year out).
 */
function addExemption(ctx: FixContext): TextEdit[] {
  const { doc, text } = ctx;
  const eol = doc.lineEnding;
  const reason = (ctx.reason?.trim() || REASON_PLACEHOLDER).replace(/--+>?/g, '-');
  const from = ctx.today ?? ctx.asOf;
  const latest = addDays(from, EXEMPTION_MAX_DAYS);
  const given = ctx.until ? parseDate(ctx.until) : undefined;
  const until = given ? (given <= latest ? given : latest) : addDays(from, EXEMPTION_DAYS);
  const head = `<!-- sop-maturity-disable ${ctx.check ?? ''}${ctx.check ? ' ' : ''}-- `;
  const comment = `${head}${reason} (until ${until}) -->`;
  const snippet = `${escapeSnippet(head)}\${1:${escapeSnippet(reason)}} (until \${2:${until}}) -->`;
  const insert = (at: number, before: string, after: string): TextEdit[] => [
    { start: at, end: at, newText: before + comment + after, snippet: escapeSnippet(before) + snippet + escapeSnippet(after) },
  ];
  if (unclosedFence(ctx)) return [];
  if (!doc.frontMatter) return insert(0, '', eol);
  const at = lineEnd(text, doc.frontMatter.range.end.offset);
  if (at === text.length && !text.endsWith('\n')) return insert(at, eol, '');
  return insert(at, '', eol);
}

/** Inputs of a new SOP from the rubric's template. */
export interface TemplateInput {
  /** The title the user gave. */
  title: string;
  traits?: string[];
  tags?: string[];
  eol?: '\n' | '\r\n';
}

/** The template's sections and the prompt of each, in our words: what the author writes there. */
const TEMPLATE_PROMPTS: [heading: string, prompt: string][] = [
  ['Purpose', 'Why this procedure exists, when to run it and who runs it'],
  ['Prerequisites', 'The access, tools and approvals needed before starting'],
  ['Procedure', ''],
  ['Checklist', ''],
  ['Verification', 'How to tell that it worked: what to check and what it should show'],
  ['Metrics', 'How to tell that it goes well over time: time taken, errors, tickets reopened'],
  ['Automation', 'The script or RMM policy that runs it, or why it stays manual'],
];

/**
 * A new SOP as a draft (RUBRIC.md, "New documents start as drafts"): the
 * given title, `type: sop`, an owner and a category to fill in, no review
 * date (a review is a person's statement), and every section with a
 * `(to be completed)` prompt. Its placeholders fail the checks that need
 * written content until someone writes it, and its findings say what to
 * write.
 */
export function renderTemplate(input: TemplateInput): string {
  const eol = input.eol ?? '\n';
  const body = TEMPLATE_PROMPTS.flatMap(([heading, prompt]) => {
    const content =
      heading === 'Procedure' ? STEP_PLACEHOLDERS.split('\n') : heading === 'Checklist' ? [`- [ ] ${TO_BE_COMPLETED}`] : [`${prompt} ${TO_BE_COMPLETED}.`];
    return [`## ${heading}`, '', ...content, ''];
  });
  const lines = [
    '---',
    `title: ${yamlScalar(input.title)}`,
    'type: sop',
    `owner: ${OWNER_PLACEHOLDER}`,
    `category: ${CATEGORY_PLACEHOLDER}`,
    ...(input.tags && input.tags.length > 0 ? [`tags: [${input.tags.map(yamlScalar).join(', ')}]`] : []),
    ...(input.traits && input.traits.length > 0 ? [`traits: [${input.traits.map(yamlScalar).join(', ')}]`] : []),
    '---',
    '',
    `# ${input.title}`,
    '',
    ...body,
  ];
  return lines.join(eol);
}
