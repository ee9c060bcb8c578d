/**
 * The report: the JSON contract of DESIGN.md (documented field by field in API.md). Both shells
 * and every formatter read it; a change here is a change of the contract.
 */
import type { DocumentKind, OwnerSource } from '../parse/facts';
import type { Range } from '../position';
import type { RubricCheck, Severity } from '../rubric/types';
import type { FixId } from '../fixes/fix';

export interface RelatedLocation {
  path: string;
  range?: Range;
  message: string;
}

export interface Finding {
  /** The check, or the pseudo-check (`front-matter`, `file`, `exemption`), that made it. */
  check: string;
  /**
   * Where its check (or pseudo-check) is documented: the rubric's `docsUrl` with `{id}` replaced by the
   * check id. Every finding the engine makes has one; absent in reports written before it existed.
   */
  url?: string;
  /** The lowest rubric level whose bar the document fails. */
  level: number;
  /** After the configuration's `severity` overrides (a finding turned `off` is not reported). */
  severity: Severity;
  message: string;
  range: Range;
  /** Ids of fixes that apply (see src/core/fixes). */
  fixes: FixId[];
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
  /**
   * The audited folder: absolute in the engine; shareable outputs write only its name unless asked
   * (`--absolute-paths`).
   */
  root: string;
  asOf: string;
  rubric: { id: string; title: string; source: string };
  label: string;
  centralFolder: string;
  centralFolderSource: 'config' | 'default-rule' | 'root';
  /**
   * The documentation site the files are built into, when the audit found one: links and navigation were read as the
   * site reads them.
   */
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
  /**
   * The distance to the next overall level; absent at the top of the ladder (and in reports written before it existed).
   */
  nextLevel?: NextLevelReport;
  /** The review queue (issue 18); absent in reports written before it existed. */
  reviews?: ReviewsReport;
  /** Procedures per owner and the unowned ones (issue 18). */
  owners?: OwnersReport;
  /** The `.sopmaturity.yml` targets and where the workspace stands (issue 18); absent without targets. */
  targets?: TargetReport[];
  /** Findings of workspace checks that belong to no document (for example, no index page yet). */
  workspaceFindings: Finding[];
  errors: ReportError[];
}

/* ------------------------------------------------------------------ reviews, owners, targets (issue 18) */

/** Where a procedure stands in the review queue as of the audit date. */
export type ReviewState = 'overdue' | 'due-soon' | 'ok' | 'never-reviewed';

/** One procedure in the review queue. */
export interface ReviewItem {
  path: string;
  title?: string;
  /** The accountable owner; null when unowned (no owner, or only a placeholder). */
  owner: string | null;
  /** Where the owner came from, when there is one. */
  ownerSource?: OwnerSource;
  /** The front-matter key, `Owner:` line or owner file that named the owner. */
  ownerOrigin?: string;
  state: ReviewState;
  /** ISO date of the last review; null when never reviewed (or the date cannot be read). */
  lastReviewed: string | null;
  /** ISO date the next review is due; null when never reviewed and the document declares no due date. */
  due: string | null;
  /** Where `due` came from: the document's own `review_in`/`review_by`/`next_review`, or the rubric's review age. */
  dueFrom?: 'document' | 'rubric';
  /** Days late (overdue), days left (due-soon, ok); null when there is no due date. */
  days: number | null;
}

/**
 * The review queue: every procedure, unowned first, then by owner; in each group overdue (most days late first),
 * due soon, never reviewed, ok.
 */
export interface ReviewsReport {
  asOf: string;
  /** The due-soon window in days (`reviewWindowDays`, default 30). */
  within: number;
  items: ReviewItem[];
  counts: Record<ReviewState, number>;
}

/** One owner's procedures. */
export interface OwnerReport {
  owner: string;
  procedures: number;
  overdue: number;
  dueSoon: number;
  /** Share (0..1) of their procedures that pass every document check counted up to the current overall level. */
  passingCurrent: number;
  /** The same up to the next overall level (equal to `passingCurrent` at the top of the ladder). */
  passingNext: number;
  /** Their procedures' paths, in path order. */
  paths: string[];
}

export interface OwnersReport {
  /** Owners by number of procedures, most first, then by name. */
  owners: OwnerReport[];
  /** Procedures without an owner, in path order. */
  unowned: string[];
}

/** A target of `.sopmaturity.yml` and where the workspace stands against it. */
export interface TargetReport {
  /** The target's `title`, or one made from it ("Level 4 by 2027-03-31"). */
  title: string;
  kind: 'level' | 'check';
  /** `kind: level`: the overall level to reach. */
  level?: number;
  /** `kind: check`: the check and the share (0..1) of procedures that must pass it. */
  check?: string;
  share?: number;
  /** ISO date. */
  by: string;
  owner?: string;
  met: boolean;
  /** The overall level, or the check's passing share (0..1), now. */
  current: number;
  /**
   * What remains: documents to fix (for a check, procedures that must start passing) and, for a level, documents to
   * write and the ids of the traits to document (summed as `nextLevel` sums its steps; all zero once met).
   */
  remaining: { documentsToFix: number; documentsToWrite?: number; traits?: string[] };
  /** Days until `by`; negative once it has passed. */
  daysLeft: number;
  /** `by` has passed and the target is not met. */
  missed: boolean;
  /**
   * From the git history engine, when the shell ran it (weekly over the last 90 days): whether the linear trend
   * reaches the target by `by`, the first sampled day, and one sentence saying so.
   */
  trend?: { onTrack: boolean; since: string; sentence: string };
}
