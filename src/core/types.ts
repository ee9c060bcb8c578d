/**
 * Shared types of the audit engine. Everything here is plain data: it is
 * what the parser produces, what checks read, what the rubric loader returns
 * and what the report (the JSON contract of DESIGN.md) contains.
 *
 * Positions are 1-based (unist convention) with a 0-based UTF-16 `offset`
 * into the text the engine was given. The extension converts them to VS Code
 * positions in exactly one function.
 */

/** A place in a text: 1-based line and column, 0-based UTF-16 offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A span of text; `end` is exclusive. */
export interface Range {
  start: Point;
  end: Point;
}

/** A text edit on one document: replace `[start, end)` (UTF-16 offsets) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /**
   * For an editing aid (a fix that inserts something for the author to
   * complete): the same insertion as a VS Code snippet, with tab stops on
   * what the author must write (`owner: \${1:<owner>}`). `newText` is what
   * the text reads if the snippet is inserted and left as it is.
   */
  snippet?: string;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type DocumentKind = 'procedure' | 'index' | 'other';

/** One key of the front matter, with where its key and value stand. */
export interface FrontMatterEntry {
  /** The key as written. */
  key: string;
  /** Lower case, `-`, `_` and spaces folded to `_`. */
  normalizedKey: string;
  value: unknown;
  keyRange: Range;
  valueRange: Range;
}

export interface FrontMatter {
  format: 'yaml' | 'toml';
  /** The whole block including its fences. */
  range: Range;
  /** Offset where the first line inside the block starts (after the opening fence's line break). */
  contentStart: number;
  /** Offset where the closing fence starts. */
  contentEnd: number;
  /** Top-level entries in document order (empty when the block is invalid). */
  entries: FrontMatterEntry[];
  /** Set when the block could not be read; the entries are then empty. */
  error?: { message: string; range: Range };
  /** Problems that leave the block readable, such as a key written twice (the last value is read). */
  warnings?: { message: string; range: Range }[];
}

export interface Heading {
  depth: number;
  text: string;
  /** Lower case, punctuation folded to spaces, trimmed. */
  normalized: string;
  /** GitHub-style anchor slug (duplicates get `-1`, `-2`, ...). */
  slug: string;
  range: Range;
  /** True when any block follows before the next heading of the same or higher rank. */
  hasContent: boolean;
  /** The step number the heading starts with (`Step 4`, `4.`, `4)`), if any. */
  step?: number;
  /** True when the heading's text is nothing but a link (navigation, never an instruction). */
  linkOnly?: boolean;
  /**
   * A line such as `##Process` (no space after the marks): a paragraph to
   * CommonMark and GitHub, a heading to Redcarpet (Middleman) and to its
   * author. It reads as a section; its anchor exists only on a Middleman site.
   */
  loose?: true;
  /** A heading inside a list item or a block quote (often a setext underline by accident: `**Impact**:` over `  -`): not a section of the document. */
  nested?: true;
  /**
   * True when the section (the heading and what follows it up to the next
   * heading of the same or a higher rank) holds placeholder content and
   * nothing else: `(to be completed)`, `TBD`, `First step.` (the rubric's
   * `sectionPlaceholders`). Such a section does not count for the checks.
   */
  placeholderOnly?: true;
}

export interface ListFact {
  ordered: boolean;
  /** Number of direct items. */
  items: number;
  /** Number of direct items that are GFM task items. */
  taskItems: number;
  /** Plain text of each direct item's first paragraph. */
  itemTexts: string[];
  range: Range;
  /** Index into `headings` of the closest heading before the list, or -1. */
  headingIndex: number;
  /** Nesting depth: 0 for a top-level list. */
  depth: number;
  /** True inside a block quote (a quoted list is not the document's own steps). */
  quoted?: boolean;
  /** The number of an ordered list's first item when it is not 1 (a list interrupted by a code block goes on numbering). */
  start?: number;
  /** True for a top-level list that follows a list of the same kind with only code blocks between them: to a reader, one list. */
  continues?: true;
  /** True when every item is only a link, optionally with a short description: navigation, never steps. */
  navigation?: boolean;
  /** Direct items whose content is only placeholders (`(to be completed)`, `First step.`), when there are any. */
  placeholderItems?: number;
  /** Of those, the task items (`- [ ] (to be completed)`), when there are any. */
  placeholderTasks?: number;
}

export interface LinkFact {
  kind: 'link' | 'image' | 'definition' | 'html';
  url: string;
  range: Range;
  /** True for a link to a path of this repository (no scheme, not protocol-relative, not a pure anchor or mailto). */
  relative: boolean;
  /** Path part of a relative URL, decoded, without query or fragment ('' for a pure `#anchor`). */
  path: string;
  /** Fragment without `#`, decoded, or undefined. */
  anchor?: string;
}

export type OwnerSource = 'front-matter' | 'body' | 'codeowners' | 'owners-file';

export interface OwnerFact {
  /** The owner as written (several owners joined with ", "). */
  value: string;
  source: OwnerSource;
  /** Where the owner is written, when it is in this document. */
  range?: Range;
  /** The front-matter key or the rules file that gave the owner. */
  origin: string;
  /** True when the value is a placeholder such as TBD or everyone. */
  placeholder: boolean;
}

export interface ReviewFact {
  /** The front-matter key that held the date. */
  key: string;
  raw: string;
  /** ISO date `YYYY-MM-DD` when the value is a valid date. */
  date?: string;
  range: Range;
  /** ISO date of the next review the document declares (review_by, next_review, or last review + review_in). */
  nextReview?: string;
}

export interface Exemption {
  /** Check ids; empty means all checks. */
  checks: string[];
  reason?: string;
  /** ISO date `YYYY-MM-DD`. */
  until?: string;
  range: Range;
}

/** A problem the engine met while reading a document (not a rubric finding). */
export interface DocumentError {
  message: string;
  range?: Range;
  /** The finding's check: `file` for a problem of the file itself (its encoding, a change on disk); default by the document. */
  check?: 'file';
}

/** Everything the checks need to know about one Markdown document. */
export interface SopDocument {
  /** POSIX path relative to the audited root. */
  path: string;
  kind: DocumentKind;
  /** Why the document got its kind, in a few words ("front matter type: sop", "folder runbooks/"). */
  kindReason: string;
  /**
   * For files named like index pages (README, index, _index): the kind the
   * file would have as an ordinary page, which it is inside a documentation
   * site's source root (the workspace applies it; facts do not know the site).
   */
  asPage?: { kind: DocumentKind; reason: string };
  /** Words of the body outside front matter, headings, HTML, link targets and placeholder content (`(to be completed)`, `TBD`): the author's own words. */
  words: number;
  /** A procedure with fewer than 30 words of its own: an empty template copy (graded, but covers nothing). */
  stub?: true;
  title?: string;
  titleRange?: Range;
  frontMatter?: FrontMatter;
  headings: Heading[];
  lists: ListFact[];
  links: LinkFact[];
  /** Owner written in the document itself; CODEOWNERS/OWNERS are resolved at workspace level. */
  owner?: OwnerFact;
  review?: ReviewFact;
  exemptions: Exemption[];
  /** Malformed exemption comments (no reason, bad date). */
  badExemptions: { range: Range; message: string }[];
  /** Normalised values of selected front-matter concepts (category, tags, type, traits, automation, metrics). */
  meta: {
    type?: string;
    category?: string;
    tags: string[];
    traits: string[];
    automation?: string;
    metrics?: string;
    /** Values of these concepts that are placeholders (`<category>`, `TBD`, `n/a`), with where they are written: they do not count. */
    placeholders?: { category?: Range; automation?: Range; metrics?: Range };
  };
  /** Hashes of the word 5-gram shingles of the body (front matter excluded), for `one-version`. */
  shingles: number[];
  /** The body's distinct content words: how many, and the smallest of their hashes (`one-version` compares the subjects of same-titled documents). */
  vocabulary: { size: number; sketch: number[] };
  /** Content hash (hex) of the whole text. */
  hash: string;
  lineEnding: '\n' | '\r\n';
  /** Length of the text in UTF-16 code units. */
  length: number;
  /** True when the text ends with a line break. */
  endsWithNewline: boolean;
  errors: DocumentError[];
  /** Set when the document was not parsed at all (too large, too slow, unreadable). */
  skipped?: string;
  /** Set when parsing ran out of its time budget (`maxParseMs`): a verdict of this machine's load, never cached. */
  timedOut?: true;
  /** Set (to the reason) when no fix may write the file: not valid in its encoding, or changed on disk during `--fix`. */
  readOnly?: string;
}

/* ------------------------------------------------------------------ rubric */

export interface RubricLevel {
  level: number;
  name: string;
  summary: string;
}

export interface CheckLevelRule {
  level: number;
  /** Share of procedure documents that must pass (document checks only). */
  threshold?: number;
  /** Parameters for this level, merged over the check's parameters. */
  params?: Record<string, unknown>;
}

export interface RubricCheck {
  id: string;
  title: string;
  description: string;
  /** What to do to pass, in one sentence. */
  hint: string;
  area: string;
  /** Documentation area or process; every check of the default rubric is documentation. */
  scope: 'document' | 'workspace';
  severity: Severity;
  params: Record<string, unknown>;
  levels: CheckLevelRule[];
  enabled: boolean;
}

export interface RubricTrait {
  id: string;
  title: string;
  level: number;
  area: string;
  words: string[];
}

/** Alias lists (all lower case) that the parser and the checks use. */
export interface RubricAliases {
  frontMatter: Record<string, string[]>;
  headings: Record<string, string[]>;
}

export interface RubricSettings {
  /** Share of the traits of a level that must be covered for the process level. */
  traitShare: number;
  /** Procedure documents needed for any level above 2. */
  minDocumentsAbove2: number;
  procedureTypes: string[];
  procedureFolders: string[];
  procedureTitleWords: string[];
  /** Phrases a title may start with to make the document a procedure ("how to"). */
  procedureTitlePrefixes?: string[];
  /** Front-matter `type` values that make a document not a procedure; other unknown types are ignored. */
  nonProcedureTypes?: string[];
  /** Verbs a section heading may start with to be an instruction (`Install`, `Log in`, ...). */
  instructionVerbs?: string[];
  /** Words a step may open with before its verb ("then", "finally", "you need to"). */
  instructionLeads?: string[];
  /** Section headings of a command or API reference page; three of them make a document never a procedure. */
  referenceHeadings?: string[];
  /** Headings that never read as a section, also as their start ("next steps", "see also", "related"). */
  ignoredHeadings?: string[];
  /** Heading aliases that read as their section only as the whole heading (`process`). */
  wholeHeadingAliases?: string[];
  /** Fewest words of its own a procedure needs not to be a stub (an empty template copy). */
  stubWords?: number;
  /**
   * Whole values (owner, category, metrics, automation) that are
   * placeholders, compared ignoring case, spaces and punctuation (`tbd`,
   * `n/a`, `your name`); a value wholly in angle or square brackets is one too.
   */
  placeholderValues?: string[];
  /** The older name of `placeholderValues`, still read: its words are placeholders too. */
  ownerPlaceholders?: string[];
  /**
   * Placeholder content of a section, a list item or a task item: `*text*`
   * anywhere in it (`*(to be completed)*`), `text*` at its start
   * (`describe*`), else the whole text (`tbd`, `first step`).
   */
  sectionPlaceholders?: string[];
  /** Exemption reasons that say nothing (`reason`, `because`), besides the placeholder values. */
  reasonPlaceholders?: string[];
  /** Days after the audit date an exemption may run at most (default 365). */
  exemptionMaxDays?: number;
  /** Folder names the default central-folder rule counts. */
  centralFolderNames: string[];
  /** Start/end markers of generated regions (regular-expression sources are not allowed: plain prefixes). */
  generatedMarkers: { start: string; end: string }[];
}

export interface Rubric {
  id: string;
  title: string;
  description: string;
  /** 'builtin' or the rubric file's path. */
  source: string;
  /** Base of the documentation links of checks; `{id}` is replaced by the check id. */
  docsUrl: string;
  levels: RubricLevel[];
  checks: RubricCheck[];
  traits: RubricTrait[];
  aliases: RubricAliases;
  settings: RubricSettings;
  /** Stable fingerprint of the effective rubric (for caches). */
  fingerprint: string;
}

/* ------------------------------------------------------------------ config */

export interface SopConfig {
  include: string[];
  exclude: string[];
  /** Central folder, POSIX relative to the root; undefined means the default rule. */
  centralFolder?: string;
  /** Rubric file relative to the root, or undefined for the built-in one. */
  rubric?: string;
  /** ISO date the audit is made as of; undefined means today. */
  asOf?: string;
  /** File name endings that are Markdown (".md", ".markdown", ...). */
  markdownExtensions: string[];
  /** Severity overrides by check id. */
  severity: Record<string, Severity | 'off'>;
  /** Per-file budget. */
  maxFileBytes: number;
  maxParseMs: number;
  /** The documentation site's source root, POSIX relative to the root; undefined: detected from the site generator's files. */
  siteRoot?: string;
  /** Link checking: globs of link targets (as written, or resolved from the root) that are never checked, such as pages a site builds from data. */
  links: { ignore: string[] };
  /** Leave out what `.gitignore` files (and `.git/info/exclude`) ignore; undefined means true. */
  gitignore?: boolean;
}

/** A located configuration or rubric error. */
export interface LocatedError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/* ------------------------------------------------------------------ findings */

export interface RelatedLocation {
  path: string;
  range?: Range;
  message: string;
}

export interface Finding {
  check: string;
  /** The lowest rubric level whose bar the document fails. */
  level: number;
  severity: Severity;
  message: string;
  range: Range;
  /** Ids of fixes that apply (see src/core/fixes). */
  fixes: string[];
  related?: RelatedLocation[];
  /**
   * `false` on a finding of a document that is not graded: a link finding of
   * an index page or an other document (links are checked in every Markdown
   * document). It is shown like any finding, but no level counts it.
   */
  counted?: false;
  /** Stable fingerprint for baselines: check, path and the text around the finding, not its line. */
  fingerprint?: string;
  /** Set when the audit was compared with a baseline: whether the baseline already had this finding. */
  baseline?: 'new' | 'known';
}

/* ------------------------------------------------------------------ report */

export interface CheckLevelStats {
  level: number;
  threshold?: number;
  passing: number;
  total: number;
  holds: boolean;
  /**
   * Documents failing this level: for a document check, the procedures that
   * fail its bar (an exemption counts as passing), the same documents its
   * next step lists; for a workspace check, the documents that fail its
   * per-document condition (kb-index: not reachable), even when the check
   * passes. Absent in reports written before it existed.
   */
  failing?: number;
}

export interface CheckReport extends Pick<RubricCheck, 'id' | 'title' | 'description' | 'hint' | 'area' | 'scope'> {
  /** Severity of its findings after the configuration's overrides ('off': findings hidden, still graded). */
  severity: Severity | 'off';
  docsUrl: string;
  levels: CheckLevelStats[];
  /** Documents that pass only through an exemption. */
  exempted: number;
  /** For workspace checks: what the check found, in one sentence. */
  detail?: string;
  /**
   * Distinct documents of any kind with a finding of this check (at any
   * level): what the panel lists for the check and what "fix all" for it
   * works through. Can exceed a level's `failing` (a finding at a higher
   * level only, or links in a document that is not a procedure).
   */
  documentsWithFindings?: number;
}

export interface TraitEvidence {
  path: string;
  matched: string;
  /** Where the word was found: title, path, tags, category, or traits (front matter). */
  field: string;
}

export interface TraitReport {
  id: string;
  title: string;
  level: number;
  area: string;
  covered: boolean;
  evidence: TraitEvidence[];
}

export interface DocumentReport {
  path: string;
  kind: DocumentKind;
  kindReason: string;
  /** Set on a procedure that is an empty template copy. */
  stub?: true;
  title?: string;
  owner?: string;
  ownerSource?: OwnerSource;
  ownerOrigin?: string;
  reviewed?: string;
  exemptions: { checks: string[]; reason?: string; until?: string; active: boolean }[];
  findings: Finding[];
  /**
   * Checks the document fails without a finding of their own, with the
   * lowest level failed and why: the checks that read the front matter when
   * it could not be read ("front matter could not be read"; its one
   * `front-matter` finding says what to fix). Absent when there are none.
   */
  failingWithoutFinding?: { check: string; level: number; message: string }[];
}

/** Which level a next step raises: the documentation level (checks, the guard) or the process level (traits). */
export type NextStepSide = 'documentation' | 'process';

export interface NextStep {
  /** The side whose next level this step blocks. */
  side: NextStepSide;
  /** The level it blocks: documentation + 1 or process + 1. */
  level: number;
  kind: 'check' | 'trait' | 'guard';
  /** Check or trait id. */
  id: string;
  check?: string;
  title: string;
  hint: string;
  documentsToFix: number;
  /** Current share and the threshold to reach (document checks). */
  passing?: number;
  total?: number;
  threshold?: number;
  paths: string[];
  /** For trait steps: the ids of the uncovered traits of that level. */
  traits?: string[];
  /**
   * True when the step stands between the overall level and the next one
   * (its side holds the overall level) and so counts in `Report.nextLevel`;
   * false for the other side's steps, shown but not enough on their own.
   */
  blocksOverall?: boolean;
}

/**
 * What stands between the overall level and the next one, summed over the
 * next steps that block it (`NextStep.blocksOverall`). Every view that
 * prints a distance to the next level reads these numbers.
 */
export interface NextLevelReport {
  /** The overall level + 1. */
  level: number;
  /**
   * Existing documents to fix: the sum of the blocking check steps'
   * `documentsToFix` (a document that fails two of those checks counts
   * once per check).
   */
  documentsToFix: number;
  /** Documents to write: uncovered processes, workspace checks without documents to change, the five-document guard. */
  documentsToWrite: number;
  /** Distinct documents that fail at least one blocking check today (any of them may be among those to fix). */
  failingDocuments: number;
}

export interface ReportError {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'sop-maturity'; version: string };
  /** The audited folder: absolute in the engine; shareable outputs write only its name unless asked (`--absolute-paths`). */
  root: string;
  asOf: string;
  rubric: { id: string; title: string; source: string };
  label: string;
  centralFolder: string;
  centralFolderSource: 'config' | 'default-rule' | 'root';
  /** The documentation site the files are built into, when the audit found one: links and navigation were read as the site reads them. */
  site?: {
    /** The site's source root, relative to the audited root ('' for the root). */
    root: string;
    generator?: string;
    /** Where the site was found: `siteRoot` in the configuration or the generator's file. */
    source: string;
    description: string;
    /** How the site navigates: its generator's `nav` list, navigation generated from the pages, or index pages. */
    navigation: 'nav' | 'generated' | 'index pages';
  };
  /** The knowledge base's index page (README/index of the central folder), when there is one. */
  indexPage?: string;
  /** The configuration file the audit read, relative to the root, when it lies inside the audited folder. */
  configFile?: string;
  levelNames: Record<string, string>;
  levels: {
    overall: number;
    documentation: number;
    process: number;
    /** Level of each documentation area (gating over that area's checks). */
    areas: Record<string, number>;
    /** Level of each business area (Service, Sales, ...: gating over that area's traits). */
    processAreas: Record<string, number>;
    /**
     * The level "within reach": reached if only the steps that block the next
     * overall level were done. (Named `shadow` in the JSON for compatibility.)
     */
    shadow: number;
    /** Share (0..1) of all requirements met. */
    points: number;
    /** Set when the 5-document guard held the level at 2. */
    guard?: string;
    /** Set when one side holds the overall level below the other: which side and why, in one sentence. */
    heldBack?: string;
  };
  summary: {
    documents: number;
    procedures: number;
    /** Procedures that are empty template copies (stubs). */
    stubs: number;
    indexes: number;
    other: number;
    findings: number;
    exemptedDocuments: number;
    skipped: number;
  };
  checks: CheckReport[];
  traits: TraitReport[];
  documents: DocumentReport[];
  nextSteps: NextStep[];
  /** The distance to the next overall level; absent at the top of the ladder (and in reports written before it existed). */
  nextLevel?: NextLevelReport;
  /** Findings of workspace checks that belong to no document (for example, no index page yet). */
  workspaceFindings: Finding[];
  errors: ReportError[];
}
