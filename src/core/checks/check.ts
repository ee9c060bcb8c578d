/**
 * The shape of a check. A check is a small pure function from facts to a
 * verdict; the registry (`index.ts`) lists them and the rubric says at which
 * levels they count, with which thresholds and parameters.
 */
import type { Heading, Range, RelatedLocation, Rubric, SopDocument } from '../types';
import { findSection, readsAsSection } from '../sections';
import type { SiteInfo } from '../site';

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

export interface CheckContext {
  rubric: Rubric;
  /** The check's parameters merged with the level's. */
  params: Record<string, unknown>;
  asOf: string;
  ws: WorkspaceFacts;
}

/** A document check's verdict on one document. */
export interface DocumentVerdict {
  pass: boolean;
  /** Why it fails and what to do (only when failing). */
  message?: string;
  range?: Range;
  fixes?: string[];
  related?: RelatedLocation[];
}

export interface DocumentCheck {
  id: string;
  scope: 'document';
  run(doc: SopDocument, ctx: CheckContext): DocumentVerdict;
}

/** A finding a workspace check puts on one document. */
export interface WorkspaceDocFinding {
  path: string;
  message: string;
  range?: Range;
  related?: RelatedLocation[];
  fixes?: string[];
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

export interface WorkspaceCheck {
  id: string;
  scope: 'workspace';
  run(ctx: CheckContext): WorkspaceVerdict;
}

export type Check = DocumentCheck | WorkspaceCheck;

/** Reads a parameter with a fallback of the same type. */
export function param<T>(params: Record<string, unknown>, name: string, fallback: T): T {
  const v = params[name];
  if (v === undefined || v === null) return fallback;
  if (Array.isArray(fallback) !== Array.isArray(v)) return fallback;
  if (typeof v !== typeof fallback) return fallback;
  return v as T;
}

/** Where a document-wide finding points: its title, else its front matter, else the first line. */
export function docRange(doc: SopDocument): Range {
  if (doc.titleRange) return doc.titleRange;
  if (doc.frontMatter) return doc.frontMatter.range;
  return { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
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
export function writtenSection(doc: SopDocument, rubric: Rubric, concept: string): { written?: Heading; placeholder?: Heading } {
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
export function headingCheck(id: string, concept: string, label: string, metaKey?: 'automation' | 'metrics'): DocumentCheck {
  return {
    id,
    scope: 'document',
    run(doc, ctx) {
      const { written, placeholder } = writtenSection(doc, ctx.rubric, concept);
      if (written) return { pass: true };
      const metaPlaceholder = metaKey ? doc.meta.placeholders?.[metaKey] : undefined;
      if (metaKey && doc.meta[metaKey] && !metaPlaceholder) return { pass: true };
      if (placeholder) return { pass: false, message: placeholderSectionMessage(placeholder, concept), range: placeholder.range, fixes: [] };
      if (metaKey && metaPlaceholder) {
        return { pass: false, message: placeholderValueMessage(metaKey, doc.meta[metaKey] ?? '', whatToWrite(concept)), range: metaPlaceholder, fixes: [] };
      }
      const [first, ...others] = headingAliases(ctx.rubric, concept);
      const also = others.length > 0 ? ` (or one of: ${others.slice(0, 4).join(', ')})` : '';
      const orMeta = metaKey ? `, or set \`${metaKey}:\` in the front matter` : '';
      return {
        pass: false,
        message: `No ${label} section: add a \`## ${cap(first)}\` heading${also}${orMeta}`,
        range: docRange(doc),
        fixes: ['add-sections'],
      };
    },
  };
}

/** Capitalises the first letter. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
