/**
 * Fixes are pure functions from a document's text and facts to text edits.
 * The extension turns the edits into a WorkspaceEdit; the CLI's `--fix`
 * applies them. An edit only inserts or replaces what it means to change,
 * in the document's own line ending.
 */
import { stringify as yamlStringify } from 'yaml';
import type { Rubric, SopDocument, TextEdit } from '../types';
import { findEntry, parseDocument } from '../parse';
import { findHeading, headingAliases, cap } from '../checks/check';
import { enclosingSection } from '../sections';
import { addDays, daysBetween, parseDate } from '../dates';
import { KIND_FIX_TYPES, kindFixApplies, setTypeEdits, type KindFixId } from './kind';

export interface FixContext {
  text: string;
  doc: SopDocument;
  rubric: Rubric;
  /** The audit date: for expiry defaults, never written as a review date. */
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
  switch (fixId as FixId) {
    case 'add-owner':
      return ctx.owner ? verified(ctx, setKey(ctx, 'owner', ctx.owner), (d) => d.owner?.value === ctx.owner && !d.frontMatter?.error) : [];
    case 'add-category':
      return ctx.category ? verified(ctx, setKey(ctx, 'category', ctx.category), (d) => d.meta.category === ctx.category && !d.frontMatter?.error) : [];
    case 'add-front-matter':
      return addFrontMatter(ctx);
    case 'mark-reviewed': {
      const today = ctx.today;
      if (!today) return [];
      return verified(ctx, markReviewed(ctx, today), (d) => d.review?.date === today && !(d.review.nextReview && d.review.nextReview <= today) && !d.frontMatter?.error);
    }
    case 'add-checklist':
      return verified(ctx, addChecklist(ctx), (d) => d.lists.some((l) => l.taskItems > 0));
    case 'add-sections':
      return verified(ctx, addSections(ctx), (d) => sectionsFor(ctx.sectionsFor, ctx.rubric).every((s) => findHeading(d, ctx.rubric, s) || (s === 'procedure' && listWillDo(ctx.sectionsFor, ctx.rubric) && d.lists.some((l) => l.ordered && l.items >= 2))));
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
  if (fm?.error) return [];
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

function addFrontMatter(ctx: FixContext): TextEdit[] {
  const { doc } = ctx;
  if (doc.frontMatter) return [];
  const eol = doc.lineEnding;
  const lines = ['---'];
  if (doc.title) lines.push(`title: ${yamlScalar(doc.title)}`);
  lines.push('type: sop', '---');
  return [{ start: 0, end: 0, newText: lines.join(eol) + eol }];
}

function markReviewed(ctx: FixContext, asOf: string): TextEdit[] {
  const { doc } = ctx;
  const r = doc.review;
  const fm = doc.frontMatter;
  if (fm?.error) return [];
  let value = asOf;
  if (r && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(r.raw.trim())) {
    const [y, m, d] = asOf.split('-');
    value = `${m}/${d}/${y}`;
  }
  const edits = setKey(ctx, 'reviewed', value);
  // A declared next review that is already past would keep the document failing: move it on by the same interval.
  const next = fm ? findEntry(fm.entries, ctx.rubric, 'nextReview') : undefined;
  const due = next ? parseDate(next.value) : undefined;
  if (fm && next && (due === undefined || due <= asOf)) {
    // Same interval as before when it is known, else half a year.
    const interval = r?.date && due && due > r.date ? daysBetween(r.date, due) : 182;
    const day = addDays(asOf, interval);
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

/**
 * Inserts a block of lines after the line that contains `offset`, separated
 * by a blank line. On a last line without a line break, the block follows
 * after one and the text still ends without one.
 */
function insertAfterLine(ctx: FixContext, offset: number, lines: string[]): TextEdit {
  const eol = ctx.doc.lineEnding;
  const at = lineEnd(ctx.text, offset);
  const body = lines.join(eol);
  if (at === ctx.text.length && !ctx.text.endsWith('\n')) return { start: at, end: at, newText: eol + eol + body };
  return { start: at, end: at, newText: eol + body + eol };
}

/** Inserts a block of lines before the heading that starts at `offset`. */
function insertBefore(ctx: FixContext, offset: number, lines: string[]): TextEdit {
  const eol = ctx.doc.lineEnding;
  return { start: offset, end: offset, newText: lines.join(eol) + eol + eol };
}

/** The ordered steps of the procedure: the numbered list under a Procedure heading, else the first long numbered list. */
function procedureSteps(ctx: FixContext): string[] {
  const lists = ctx.doc.lists.filter((l) => l.ordered && l.depth === 0 && !l.navigation);
  const underHeading = lists.find((l) => enclosingSection(ctx.doc, l, ctx.rubric, 'procedure') !== undefined);
  const list = underHeading ?? lists.find((l) => l.items >= 2);
  return (list?.itemTexts ?? []).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function shorten(text: string): string {
  const first = text.split(/(?<=[.!?])\s/)[0];
  return first.length > 120 ? `${first.slice(0, 117).trimEnd()}...` : first;
}

function addChecklist(ctx: FixContext): TextEdit[] {
  if (ctx.doc.lists.some((l) => l.taskItems > 0)) return [];
  const steps = procedureSteps(ctx).map(shorten);
  const items = steps.length > 0 ? steps : ['Followed every step of the procedure', 'Confirmed the expected result', 'Recorded the outcome in the ticket'];
  return [appendBlock(ctx, ['## Checklist', '', ...items.map((s) => `- [ ] ${s}`)])];
}

const SECTION_TEXT: Record<string, string> = {
  purpose: 'What this procedure achieves, when to use it and who runs it (to be completed).',
  procedure: '1. First step (to be completed).\n2. Second step (to be completed).',
  verification: 'How to confirm the procedure worked: what to check and the expected result (to be completed).',
  prerequisites: 'Access, tools and approvals needed before starting (to be completed).',
  metrics: 'How success is measured, for example time to complete or error rate (to be completed).',
  automation: 'The script or RMM policy that runs this procedure, or why it stays manual (to be completed).',
};

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
  const block = (concept: string) => [`## ${cap(headingAliases(rubric, concept)[0])}`, '', ...(SECTION_TEXT[concept] ?? '(to be completed)').split('\n')];
  const edits: TextEdit[] = [];
  const atEnd: string[][] = [];
  const procedureHeading = findHeading(doc, rubric, 'procedure');
  for (const concept of missing) {
    if (concept === 'purpose') {
      const h1 = doc.headings.find((h) => h.depth === 1);
      const after = h1 ? h1.range.end.offset : doc.frontMatter ? doc.frontMatter.range.end.offset : undefined;
      edits.push(after === undefined ? { start: 0, end: 0, newText: block(concept).join(eol) + eol + eol } : insertAfterLine(ctx, after, block(concept)));
    } else if (concept === 'prerequisites' && procedureHeading) {
      edits.push(insertBefore(ctx, procedureHeading.range.start.offset, block(concept)));
    } else {
      atEnd.push(block(concept));
    }
  }
  if (atEnd.length > 0) edits.push(appendBlock(ctx, atEnd.map((b) => b.join(eol)).join(eol + eol).split(eol)));
  return edits;
}

function addExemption(ctx: FixContext): TextEdit[] {
  const { doc, text } = ctx;
  const eol = doc.lineEnding;
  const reason = (ctx.reason ?? 'reason to be written').replace(/--+>?/g, '-');
  const until = ctx.until ?? addDays(ctx.asOf, 90);
  const comment = `<!-- sop-maturity-disable ${ctx.check ?? ''}${ctx.check ? ' ' : ''}-- ${reason} (until ${until}) -->`;
  if (!doc.frontMatter) return [{ start: 0, end: 0, newText: comment + eol }];
  const at = lineEnd(text, doc.frontMatter.range.end.offset);
  if (at === text.length && !text.endsWith('\n')) return [{ start: at, end: at, newText: eol + comment }];
  return [{ start: at, end: at, newText: comment + eol }];
}

/** Inputs of a new SOP from the rubric's template. */
export interface TemplateInput {
  title: string;
  asOf: string;
  owner: string;
  category: string;
  traits?: string[];
  tags?: string[];
  eol?: '\n' | '\r\n';
}

/**
 * A complete new SOP that passes every document check of the default
 * rubric: owner, category, review date, purpose, prerequisites, numbered
 * steps, a checklist, verification, metrics and automation.
 */
export function renderTemplate(input: TemplateInput): string {
  const eol = input.eol ?? '\n';
  const lines = [
    '---',
    `title: ${yamlScalar(input.title)}`,
    'type: sop',
    `owner: ${yamlScalar(input.owner)}`,
    `category: ${yamlScalar(input.category)}`,
    `last_reviewed: ${input.asOf}`,
    'review_in: 6 months',
    ...(input.tags && input.tags.length > 0 ? [`tags: [${input.tags.map(yamlScalar).join(', ')}]`] : []),
    ...(input.traits && input.traits.length > 0 ? [`traits: [${input.traits.map(yamlScalar).join(', ')}]`] : []),
    'automation: manual for now; see the Automation section',
    '---',
    '',
    `# ${input.title}`,
    '',
    '## Purpose',
    '',
    'What this procedure achieves, when to use it and who runs it.',
    '',
    '## Prerequisites',
    '',
    '- Access and tools needed before starting.',
    '',
    '## Procedure',
    '',
    '1. First step.',
    '2. Second step.',
    '3. Third step.',
    '',
    '## Checklist',
    '',
    '- [ ] First step done',
    '- [ ] Second step done',
    '- [ ] Third step done',
    '',
    '## Verification',
    '',
    'How to confirm the procedure worked, and the expected result.',
    '',
    '## Metrics',
    '',
    'How success is measured (time to complete, error rate).',
    '',
    '## Automation',
    '',
    'The script or RMM policy that runs this procedure, or why it stays manual.',
    '',
  ];
  return lines.join(eol);
}
