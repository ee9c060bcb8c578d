/**
 * The shape of a fix. A fix is one file: its id, its class, its title, the
 * pure function from a document's text and facts to text edits, and why it
 * cannot change a document when the facts already say so. The registry
 * (`index.ts`) lists them.
 */
import type { SopDocument } from '../parse/facts';
import type { TextEdit } from '../position';
import type { Rubric } from '../rubric/types';

/**
 * Every fix id, in the order `--fix` applies the safe ones and lists the
 * others: a move first (the other fixes edit the document where it lands).
 */
export const FIX_IDS = [
  'move-to-central',
  'add-owner',
  'add-front-matter',
  'add-checklist',
  'mark-reviewed',
  'add-sections',
  'add-category',
  'add-exemption',
  'treat-as-sop',
  'not-an-sop',
] as const;
export type FixId = (typeof FIX_IDS)[number];

/** True for a fix id (ids from outside the engine, such as a command's arguments, are strings). */
export function isFixId(id: string): id is FixId {
  return (FIX_IDS as readonly string[]).includes(id);
}

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
 *   one document at a time;
 * - `move`: moves the file and rewrites the links to it and in it; the
 *   shells perform it (it has no text edits of its own), one document at a time.
 */
export type FixClass = 'safe' | 'aid' | 'statement' | 'kind' | 'move';

/** The check, or checks, whose template sections `add-sections` adds; undefined: every template section. */
export type SectionChecks = string | readonly string[] | undefined;

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

export interface Fix {
  id: FixId;
  class: FixClass;
  /** What the quick fix menu and `--fix` call it. */
  title: string;
  /** Its edits; empty when it does not apply or lacks a value it needs (the document is writable). */
  edits(ctx: FixContext): TextEdit[];
  /**
   * Why it cannot change `doc` for a finding of `check`, judged from the
   * facts (see `fixBlocker`); undefined when it can.
   */
  blocker?(doc: SopDocument, rubric: Rubric, check: SectionChecks): string | undefined;
}
