/**
 * The shape of a check. A check is one file: its id, its default
 * parameters, what it reads beyond the document, its pure `run` and, for a
 * workspace check that keeps state between reports, that state. The
 * registry (`index.ts`) lists them; the rubric says at which levels they
 * count, with which thresholds and parameters; the rubric's `docsUrl`
 * (`{id}` replaced by the check id) is where each is documented.
 */
import type { FrontMatterEntry, Heading, SopDocument } from '../parse/facts';
import type { Range } from '../position';
import type { RelatedLocation } from '../report/types';
import type { Rubric } from '../rubric/types';
import type { FixId } from '../fixes/fix';
import { START_RANGE } from '../text';
import { findSection, readsAsSection } from '../parse/sections';
import { findEntry } from '../parse/parse';
import type { SiteInfo } from '../parse/site';

/** What the workspace knows beyond one document. */
export interface WorkspaceFacts {
  /** Every parsed Markdown document by path. */
  docs: ReadonlyMap<string, SopDocument>;
  /** Procedure documents, in path order. */
  procedures: readonly SopDocument[];
  /** Central folder, POSIX relative to the root; '' for the root itself. */
  centralFolder: string;
  /** Index page of the central folder, if any. */
  indexPage?: string;
  /** Navigation files in the workspace (`SUMMARY.md`, `_sidebar.md`), in path order. */
  navigationFiles?: readonly string[];
  /** Owner from CODEOWNERS or OWNERS files. */
  ownerOf(path: string): { value: string; source: 'codeowners' | 'owners-file'; origin: string } | undefined;
  /** True when a file or folder exists at a POSIX path relative to the root. */
  fileExists(path: string): boolean;
  /** Markdown endings of the configuration (for extensionless links). */
  markdownExtensions: readonly string[];
  /** The documentation site the files are built into, when there is one (links resolve as the site resolves them). */
  site?: SiteInfo;
  /** True for a link target (as written, or resolved from the root) that `links.ignore` leaves unchecked. */
  linkIgnored?: (path: string) => boolean;
}

/** Parameters as a rubric writes them. */
export type Params = Record<string, unknown>;

export interface CheckContext<P extends Params = Params> {
  rubric: Rubric;
  /** The check's `defaults`, each replaced by the rubric's value (the check's, then the level's: `withDefaults`). */
  params: P & Params;
  asOf: string;
  ws: WorkspaceFacts;
}

/** A document check's verdict on one document. */
export interface DocumentVerdict {
  pass: boolean;
  /** Why it fails and what to do (only when failing). */
  message?: string;
  range?: Range;
  fixes?: FixId[];
  related?: RelatedLocation[];
  /**
   * The verdict depends on front matter that could not be read: the check
   * fails, but makes no finding of its own (the front-matter error is the
   * one finding to fix); the report lists it under the document's `failingWithoutFinding`.
   */
  unread?: true;
}

/**
 * What a document check reads besides its document, its parameters and the
 * audit date, so that an incremental audit checks a document again only
 * when that changes: `document` nothing else; `owners` the owner files
 * (CODEOWNERS, OWNERS); `central` the central folder; `links` other
 * documents and the disk (what each verdict looked up is recorded); `all`
 * anything (checked again on every change).
 */
export type CheckReads = 'document' | 'owners' | 'central' | 'links' | 'all';

interface CheckBase<P extends Params> {
  /** Its id: the rubric names it by it, its findings carry it, its documentation is its anchor (see `docsUrl`). */
  id: string;
  /** Its parameters when the rubric sets none (see `withDefaults`). */
  defaults: Readonly<P>;
}

export interface DocumentCheck<P extends Params = Params> extends CheckBase<P> {
  scope: 'document';
  reads: CheckReads;
  /**
   * Run on every Markdown document that could be read, not only on
   * procedures (`links`): its findings are shown on every file, but only
   * procedures count for its thresholds.
   */
  everyDocument?: true;
  run(doc: SopDocument, ctx: CheckContext<P>): DocumentVerdict;
}

/** A finding a workspace check puts on one document. */
export interface WorkspaceDocFinding {
  path: string;
  message: string;
  range?: Range;
  related?: RelatedLocation[];
  fixes?: FixId[];
}

export interface WorkspaceVerdict {
  pass: boolean;
  /** What the check found, in one sentence (shown in the report and the panel). */
  detail: string;
  /** How many documents must be written or changed for the check to pass. */
  documentsToFix: number;
  /** Documents to change (or topics to write, as plain words, when there is no document yet). */
  paths: string[];
  findings: WorkspaceDocFinding[];
}

/** A document's place in the change of one report: what it was at the last report and what it is now. */
export interface DocumentChange {
  path: string;
  old: SopDocument | undefined;
  doc: SopDocument | undefined;
}

/** What changed since a workspace check's state last gave a verdict. */
export interface WorkspaceChanges {
  /** One per path that changed. */
  changes: readonly DocumentChange[];
  /** Most documents changed: the state is better rebuilt than updated. */
  bulk: boolean;
}

/**
 * What a workspace check keeps between reports for one parameter set, so
 * that one edit costs work in proportion to the edit. Its `verdict` is the
 * verdict `run` would give on the same facts.
 */
export interface WorkspaceCheckState<P extends Params = Params> {
  verdict(ctx: CheckContext<P>, since: WorkspaceChanges): WorkspaceVerdict;
}

export interface WorkspaceCheck<P extends Params = Params> extends CheckBase<P> {
  scope: 'workspace';
  /** Its verdict from the facts alone (a workspace check reads all of them). */
  run(ctx: CheckContext<P>): WorkspaceVerdict;
  /** Its state between reports, when it keeps one (without: `run` on every report). */
  createState?(params: P & Params): WorkspaceCheckState<P>;
}

export type Check = DocumentCheck | WorkspaceCheck;

/** True for the documents the checks grade (procedures that could be read). */
export function isProcedure(doc: SopDocument | undefined): doc is SopDocument {
  return doc !== undefined && doc.kind === 'procedure' && !doc.skipped;
}

/**
 * A check's parameters: each of its `defaults`, replaced by the value in
 * `params` (the rubric's) when that value has the default's type (a list for
 * a list); parameters without a default pass as they are.
 */
export function withDefaults<P extends Params>(defaults: Readonly<P>, params: Params): P & Params {
  const out: Params = { ...params };
  for (const [name, fallback] of Object.entries(defaults)) out[name] = param(params, name, fallback);
  return out as P & Params;
}

/** Reads a parameter with a fallback of the same type. */
export function param<T>(params: Record<string, unknown>, name: string, fallback: T): T {
  const v = params[name];
  if (v === undefined || v === null) return fallback;
  if (Array.isArray(fallback) !== Array.isArray(v)) return fallback;
  if (typeof v !== typeof fallback) return fallback;
  return v as T;
}

/** Where a document-wide finding of a workspace check points: its title, else its front matter, else the first line. */
export function docRange(doc: SopDocument): Range {
  if (doc.titleRange) return doc.titleRange;
  if (doc.frontMatter) return doc.frontMatter.range;
  return START_RANGE;
}

/**
 * The message of a check that cannot tell because the front matter could not be read (RUBRIC.md, "Front matter that
 * cannot be read").
 */
export const FRONT_MATTER_UNREAD = 'front matter could not be read';

/**
 * The verdict of a check that reads the front matter when the front matter
 * could not be read: it fails, without a finding of its own (the one
 * front-matter error says what to fix); undefined when it was read.
 */
export function unreadFrontMatter(doc: SopDocument): DocumentVerdict | undefined {
  return doc.frontMatter?.error ? { pass: false, message: FRONT_MATTER_UNREAD, unread: true } : undefined;
}

/*
 * Where findings go: where a person makes the fix (RUBRIC.md, "Findings where
 * the fix goes"). A front-matter key that is missing: the front matter's
 * opening fence, else line 1; a key with a bad value: the key. A section or
 * the steps that are missing: the steps section's heading (checklist,
 * procedure) or the title heading, else line 1. A link: the link.
 */

/** The front matter's opening fence (`---`, `+++`), when there is front matter. */
export function frontMatterFence(doc: SopDocument): Range | undefined {
  const fm = doc.frontMatter;
  if (!fm) return undefined;
  const s = fm.range.start;
  return { start: s, end: { line: s.line, column: s.column + 3, offset: s.offset + 3 } };
}

/** Where a finding about a front-matter key that is not written goes: the opening fence, else line 1. */
export function frontMatterPlace(doc: SopDocument): Range {
  return frontMatterFence(doc) ?? lineOne(doc);
}

/**
 * Line 1: the heading written there when there is one (its range covers the line), else the empty range at its start.
 */
function lineOne(doc: SopDocument): Range {
  const first = doc.headings[0];
  return first && first.range.start.offset === 0 && first.depth <= 6 ? first.range : START_RANGE;
}

/**
 * Where a front-matter entry with a bad value is written: from its key to
 * the end of its value (the key alone when the value runs over more lines);
 * the front-matter place when there is no such entry.
 */
export function entryPlace(doc: SopDocument, entry: FrontMatterEntry | undefined): Range {
  if (!entry || doc.frontMatter?.error) return frontMatterPlace(doc);
  const { keyRange, valueRange } = entry;
  const end =
    valueRange.end.line === keyRange.start.line && valueRange.end.offset > keyRange.end.offset
      ? valueRange.end
      : keyRange.end;
  return { start: keyRange.start, end };
}

/** The front-matter entry written under `key` (as written), if any. */
export function entryOf(doc: SopDocument, key: string | undefined): FrontMatterEntry | undefined {
  return key === undefined ? undefined : doc.frontMatter?.entries.find((e) => e.key === key);
}

/**
 * The document's title heading: its first level-1 heading, else its first heading (headings inside lists and quotes
 * aside).
 */
export function titleHeading(doc: SopDocument): Heading | undefined {
  let first: Heading | undefined;
  for (const h of doc.headings) {
    if (h.depth > 6 || h.nested) continue;
    if (h.depth === 1) return h;
    first ??= h;
  }
  return first;
}

/**
 * Where a finding about the document's structure goes (a section, the steps,
 * the checklist): `heading` when given (the steps section), else the title
 * heading, else line 1 (the front matter's fence when there is front matter).
 */
export function structurePlace(doc: SopDocument, heading?: Heading): Range {
  return heading?.range ?? titleHeading(doc)?.range ?? frontMatterPlace(doc);
}

/** The heading aliases of a concept (lower case). */
export function headingAliases(rubric: Rubric, concept: string): string[] {
  return rubric.aliases.headings[concept] ?? [concept];
}

/** The first heading that reads as a section of a concept (RUBRIC.md, "Reading headings"). */
export function findHeading(doc: SopDocument, rubric: Rubric, concept: string) {
  return findSection(doc, rubric, concept);
}

/**
 * The first heading of a concept whose section holds something a person
 * wrote (`written`), else the first one whose section holds only a
 * placeholder (`placeholder`), which does not count (RUBRIC.md, "A level is
 * earned, never clicked").
 */
export function writtenSection(
  doc: SopDocument,
  rubric: Rubric,
  concept: string,
): { written?: Heading; placeholder?: Heading } {
  let placeholder: Heading | undefined;
  for (const h of doc.headings) {
    if (!readsAsSection(h, rubric, concept)) continue;
    if (!h.placeholderOnly) return { written: h };
    placeholder ??= h;
  }
  return { placeholder };
}

/** What the author of each section concept is asked to write in place of a placeholder. */
const TO_WRITE: Record<string, string> = {
  purpose: 'write why this procedure exists and when to use it',
  procedure: 'write the steps a technician follows',
  verification: 'write how to confirm the procedure worked',
  prerequisites: 'write what a technician needs before starting',
  metrics: 'write how the outcome of this procedure is measured',
  automation: 'write what runs this procedure automatically, or link its script',
};

/** What to write in a section of `concept` (or its front-matter value) in place of a placeholder. */
export function whatToWrite(concept: string): string {
  return TO_WRITE[concept] ?? 'write its content';
}

/** The finding's message for a section that holds only a placeholder. */
export function placeholderSectionMessage(heading: Heading, concept: string): string {
  return `Section "${heading.text}" holds only a placeholder: ${whatToWrite(concept)}`;
}

/** The finding's message for a front-matter value that is a placeholder (`category: <category>`). */
export function placeholderValueMessage(key: string, value: string, ask: string): string {
  return `${cap(key)} "${value}" is a placeholder: ${ask}`;
}

/** A document check that passes when a section of one concept (or a front-matter value) holds what a person wrote. */
export function headingCheck(
  id: string,
  concept: string,
  label: string,
  metaKey?: 'automation' | 'metrics',
): DocumentCheck {
  return {
    id,
    scope: 'document',
    reads: 'document',
    defaults: {},
    run(doc, ctx) {
      const { written, placeholder } = writtenSection(doc, ctx.rubric, concept);
      if (written) return { pass: true };
      const metaPlaceholder = metaKey ? doc.meta.placeholders?.[metaKey] : undefined;
      if (metaKey && doc.meta[metaKey] && !metaPlaceholder) return { pass: true };
      // The unread front matter may hold the value that passes.
      const unread = metaKey ? unreadFrontMatter(doc) : undefined;
      if (unread) return unread;
      if (placeholder)
        return {
          pass: false,
          message: placeholderSectionMessage(placeholder, concept),
          range: placeholder.range,
          fixes: [],
        };
      if (metaKey && metaPlaceholder) {
        return {
          pass: false,
          message: placeholderValueMessage(metaKey, doc.meta[metaKey] ?? '', whatToWrite(concept)),
          range: entryPlace(doc, findEntry(doc.frontMatter?.entries ?? [], ctx.rubric, metaKey)),
          fixes: [],
        };
      }
      const [first, ...others] = headingAliases(ctx.rubric, concept);
      const also = others.length > 0 ? ` (or one of: ${others.slice(0, 4).join(', ')})` : '';
      const orMeta = metaKey ? `, or set \`${metaKey}:\` in the front matter` : '';
      return {
        pass: false,
        message: `No ${label} section: add a \`## ${cap(first)}\` heading${also}${orMeta}`,
        range: structurePlace(doc),
        fixes: ['add-sections'],
      };
    },
  };
}

/** Capitalises the first letter. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
