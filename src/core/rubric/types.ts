/** A rubric as the loader returns it: levels, checks with their level rules, traits and settings. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

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
