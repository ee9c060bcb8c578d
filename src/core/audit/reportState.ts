/**
 * What a workspace keeps between reports of one audit date (`ReportState`): the paths in order,
 * the procedures, counts, the layout, the evaluator, trait evidence, document reports and errors,
 * each updated by what changed since the last report. `workspace.ts` owns one per audit date.
 */
import type { WorkspaceOptions } from './workspace';
import type { SopDocument } from '../parse/facts';
import type { DocumentReport, Finding, ReportError, TraitEvidence, TraitReport } from '../report/types';
import type { Rubric } from '../rubric/types';
import type { DocumentChange, WorkspaceFacts } from '../checks/check';
import { isProcedure } from '../checks/check';
import { OwnerRules } from '../parse/owners';
import { CentralFolderCounts } from './central';
import { findIndexPage } from './links';
import { compileGlobs } from '../config/glob';
import { isNavigationFile } from '../checks/kb-index';
import { isIndexPath } from '../parse/classify';
import { Evaluator, isUnreadFailure, type Evaluation } from './evaluate';
import { exemptionProblem } from './exemptions';
import { traitCoverage } from './infer';
import { withApplicableFixes } from '../fixes/offer';
import { SharedSortedList, comparePaths, lowerBound, sameItems, withPath } from './pathLists';

/** A document's report and what it was made from (reused while all of it is the same). */
interface KeptDocumentReport {
  doc: SopDocument;
  rules: OwnerRules | undefined;
  findings: readonly Finding[];
  report: DocumentReport;
}

/**
 * What a workspace keeps between reports of one audit date: the paths in
 * order, the procedures, counts, the layout (central folder and index
 * page), the evaluator, trait evidence, document reports and errors, each
 * updated by what changed since the last report.
 */
export class ReportState {
  readonly evaluator: Evaluator;
  /** Every path, in order. */
  paths: string[] = [];
  readonly procedures = new SharedSortedList<SopDocument>((d) => d.path);
  readonly counts = { index: 0, other: 0, skipped: 0, exempted: 0, stubs: 0 };
  /** Navigation files (SUMMARY.md, _sidebar.md) in path order. */
  navigationFiles: string[] = [];
  /** True for a link target `links.ignore` leaves unchecked; undefined when it is empty. */
  readonly linkIgnored: ((path: string) => boolean) | undefined;
  layout: { centralFolder: string; indexPage: string | undefined };
  /** Procedures per folder named like a knowledge base (the default rule of the central folder). */
  private readonly central: CentralFolderCounts;
  /** Documents as of the last `apply`. */
  private readonly seen = new Map<string, SopDocument>();
  /** The documents among them named like index pages (where the index page of the central folder is looked for). */
  private readonly indexPages = new Map<string, SopDocument>();
  /** Per path changed since the last `take`, its document then. */
  private readonly unevaluated = new Map<string, SopDocument | undefined>();
  /** Most documents changed since the last `take` (lists are then rebuilt rather than updated). */
  private bulk = false;
  /** Per folder, how many documents lie below it (only when the workspace answers `fileExists` itself). */
  private readonly folders: Map<string, number> | undefined;
  private readonly evidence: SharedSortedList<TraitEvidence>[];
  private readonly hits = new WeakMap<SopDocument, [number, TraitEvidence][]>();
  private traitReports: TraitReport[] | undefined;
  private readonly kept = new Map<string, KeptDocumentReport>();
  private readonly documents = new SharedSortedList<DocumentReport>((d) => d.path);
  findingCount = 0;
  /** Paths of documents with errors, in order. */
  private errorPaths: string[] = [];
  private readonly docErrors = new WeakMap<SopDocument, ReportError[]>();
  errorsChanged = true;
  private errorList: ReportError[] = [];

  constructor(
    private readonly options: WorkspaceOptions,
    readonly asOf: string,
    ownFolders: boolean,
  ) {
    this.evaluator = new Evaluator(options.rubric, options.config, asOf, !options.oneShot);
    this.evidence = options.rubric.traits.map(() => new SharedSortedList<TraitEvidence>((e) => e.path));
    if (ownFolders) this.folders = new Map([['', 1]]);
    this.central = new CentralFolderCounts(options.rubric.settings.centralFolderNames);
    this.layout = this.findLayout();
    const ignore = options.config.links?.ignore ?? [];
    if (ignore.length > 0) {
      const { match } = compileGlobs(ignore.map((g) => g.replace(/^\/+/, '')));
      this.linkIgnored = (p) => match(p.replace(/^\/+/, ''));
    }
  }

  /**
   * The central folder (configured, or by the default rule) and its index page; the same layout while neither
   * changed (`indexPaths`: whether an index page came or went since the last).
   */
  private findLayout(indexPaths = true): ReportState['layout'] {
    const { config } = this.options;
    const centralFolder =
      config.centralFolder !== undefined ? config.centralFolder.replace(/^\.?\/?|\/$/g, '') : this.central.folder;
    const last = this.layout as ReportState['layout'] | undefined;
    if (last && !indexPaths && last.centralFolder === centralFolder) return last;
    return { centralFolder, indexPage: findIndexPage(centralFolder, this.indexPages) };
  }

  hasFolder(path: string): boolean {
    return this.folders?.has(path) ?? false;
  }

  /** Takes in the current documents at `changed` paths (`total`: documents in the workspace). */
  apply(changed: { path: string; doc: SopDocument | undefined }[], total: number): void {
    const changes: DocumentChange[] = [];
    for (const { path, doc } of changed) {
      const old = this.seen.get(path);
      if (old !== doc) changes.push({ path, old, doc });
    }
    if (changes.length === 0) return;
    const bulk = isBulk(changes.length, total);
    this.bulk ||= bulk;
    let layout = false;
    let indexPaths = false;
    let pathsChanged = false;
    for (const c of changes) {
      const { path, old, doc } = c;
      if (!this.unevaluated.has(path)) this.unevaluated.set(path, old);
      if (doc) this.seen.set(path, doc);
      else this.seen.delete(path);
      if (isIndexPath(path)) {
        if (doc) this.indexPages.set(path, doc);
        else this.indexPages.delete(path);
        if (!old !== !doc) indexPaths = true;
      }
      if (isNavigationFile(path) && !old !== !doc)
        this.navigationFiles = withPath(this.navigationFiles, path, doc !== undefined);
      this.countDocument(old, -1);
      this.countDocument(doc, 1);
      if (old?.errors.length || doc?.errors.length) {
        this.errorsChanged = true;
        if (!bulk) this.errorPaths = withPath(this.errorPaths, path, (doc?.errors.length ?? 0) > 0);
      }
      if (!old || !doc) {
        pathsChanged = true;
        this.countFolders(path, doc ? 1 : -1);
        if (!bulk && doc)
          this.paths.splice(
            lowerBound(this.paths, path, (p) => p),
            0,
            path,
          );
        if (!bulk && !doc)
          this.paths.splice(
            lowerBound(this.paths, path, (p) => p),
            1,
          );
      }
      if (isProcedure(old) !== isProcedure(doc)) {
        layout = true;
        if (isProcedure(old)) this.central.add(path, -1);
        else this.central.add(path, 1);
      }
      if (!bulk) {
        if (isProcedure(doc)) this.procedures.put(doc);
        else if (isProcedure(old)) this.procedures.delete(path);
      }
    }
    if (bulk) {
      if (pathsChanged) this.paths = [...this.seen.keys()].sort(comparePaths);
      const procedures: SopDocument[] = [];
      for (const p of this.paths) {
        const d = this.seen.get(p) as SopDocument;
        if (isProcedure(d)) procedures.push(d);
      }
      this.procedures.reset(procedures);
      this.errorPaths = this.paths.filter((p) => (this.seen.get(p) as SopDocument).errors.length > 0);
    }
    if (layout || indexPaths) this.layout = this.findLayout(indexPaths);
  }

  /** The changes since the last `take` (one per path: the document then and now). */
  take(): { changes: DocumentChange[]; bulk: boolean } {
    const changes: DocumentChange[] = [];
    for (const [path, old] of this.unevaluated) {
      const doc = this.seen.get(path);
      if (old !== doc) changes.push({ path, old, doc });
    }
    // Many small batches add up: the evaluation goes by all the changes since the last report.
    const bulk = this.bulk || isBulk(changes.length, this.seen.size);
    this.unevaluated.clear();
    this.bulk = false;
    return { changes, bulk };
  }

  private countDocument(d: SopDocument | undefined, sign: 1 | -1): void {
    if (!d) return;
    if (d.skipped) this.counts.skipped += sign;
    else if (d.kind === 'index') this.counts.index += sign;
    else if (d.kind === 'other') this.counts.other += sign;
    else if (d.stub) this.counts.stubs += sign;
    if (isProcedure(d) && d.exemptions.some((e) => exemptionProblem(e, this.asOf, this.options.rubric) === undefined))
      this.counts.exempted += sign;
  }

  private countFolders(path: string, sign: 1 | -1): void {
    const folders = this.folders;
    if (!folders) return;
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      const folder = path.slice(0, i);
      const n = (folders.get(folder) ?? 0) + sign;
      if (n > 0) folders.set(folder, n);
      else folders.delete(folder);
    }
  }

  /** Trait coverage of the procedures (the same as `traitCoverage(rubric, procedures)`), updated by the changes. */
  traits(changes: readonly DocumentChange[], bulk: boolean): TraitReport[] {
    const { rubric } = this.options;
    const touched = new Set<number>();
    if (bulk || !this.traitReports) {
      const lists: TraitEvidence[][] = rubric.traits.map(() => []);
      for (const d of this.procedures.current) for (const [i, e] of this.hitsOf(d)) lists[i].push(e);
      lists.forEach((l, i) => {
        this.evidence[i].reset(l);
        touched.add(i);
      });
    } else {
      for (const c of changes) {
        if (isProcedure(c.old))
          for (const [i] of this.hitsOf(c.old)) {
            this.evidence[i].delete(c.path);
            touched.add(i);
          }
        if (isProcedure(c.doc))
          for (const [i, e] of this.hitsOf(c.doc)) {
            this.evidence[i].put(e);
            touched.add(i);
          }
      }
    }
    if (touched.size === 0 && this.traitReports) return this.traitReports;
    this.traitReports = rubric.traits.map((t, i) => {
      const kept = this.traitReports?.[i];
      if (kept && !touched.has(i)) return kept;
      const evidence = this.evidence[i].share();
      return { id: t.id, title: t.title, level: t.level, area: t.area, covered: evidence.length > 0, evidence };
    });
    return this.traitReports;
  }

  /** Per trait (by index in the rubric), a procedure's evidence for it. */
  private hitsOf(d: SopDocument): [number, TraitEvidence][] {
    let hits = this.hits.get(d);
    if (!hits) {
      hits = [];
      for (const [i, t] of traitCoverage(this.options.rubric, [d]).entries())
        for (const e of t.evidence) hits.push([i, e]);
      this.hits.set(d, hits);
    }
    return hits;
  }

  /**
   * The documents' reports, in path order: made again for changed documents,
   * documents whose findings changed and, when the owner rules changed
   * (`rules`), documents that take their owner from them.
   */
  documentReports(
    ws: WorkspaceFacts,
    ev: Evaluation,
    changes: readonly DocumentChange[],
    bulk: boolean,
    rules: OwnerRules,
    ownersChanged: boolean,
  ): DocumentReport[] {
    const paths = new Set(ev.changed);
    for (const c of changes) {
      if (c.doc) paths.add(c.path);
      else {
        const gone = this.kept.get(c.path);
        if (gone) this.findingCount -= gone.report.findings.length;
        this.kept.delete(c.path);
        if (!bulk) this.documents.delete(c.path);
      }
    }
    if (ownersChanged) for (const [path, d] of this.seen) if (d.kind === 'procedure' && !d.owner) paths.add(path);
    for (const path of paths) {
      const d = this.seen.get(path);
      if (!d) continue;
      const report = this.documentReport(d, ws, this.evaluator.findingsOf(path), rules);
      if (!bulk) this.documents.put(report);
    }
    if (bulk) this.documents.reset(this.paths.map((p) => (this.kept.get(p) as KeptDocumentReport).report));
    return this.documents.share();
  }

  private documentReport(d: SopDocument, ws: WorkspaceFacts, findings: Finding[], current: OwnerRules): DocumentReport {
    const last = this.kept.get(d.path);
    // Only a procedure without an owner of its own takes one from the owner files.
    const rules = d.kind === 'procedure' && !d.owner ? current : undefined;
    if (last && last.doc === d && last.rules === rules && sameItems(last.findings, findings)) return last.report;
    // A finding offers only the fixes that can change this document (the fix layer says which).
    // Checks that fail because the front matter could not be read are check results, not findings: its one error
    // finding stands for them.
    const shown = findings
      .filter((f) => !isUnreadFailure(f))
      .map((f) => withApplicableFixes(f, d, this.options.rubric));
    const unread = findings
      .filter(isUnreadFailure)
      .map((f) => ({ check: f.check, level: f.level, message: f.message }));
    const report = makeDocumentReport(d, ws, shown, unread, this.asOf, this.options.rubric);
    this.findingCount += report.findings.length - (last?.report.findings.length ?? 0);
    this.kept.set(d.path, { doc: d, rules, findings, report });
    return report;
  }

  /** Read errors of documents (in path order) and of files never read, sorted by path. */
  errors(extra: ReadonlyMap<string, ReportError[]>): ReportError[] {
    if (!this.errorsChanged) return this.errorList;
    this.errorsChanged = false;
    const errors: ReportError[] = [];
    for (const p of this.errorPaths) errors.push(...this.errorsOf(this.seen.get(p) as SopDocument));
    for (const list of extra.values()) errors.push(...list);
    if (extra.size > 0) errors.sort((a, b) => comparePaths(a.path, b.path));
    this.errorList = errors;
    return errors;
  }

  private errorsOf(d: SopDocument): ReportError[] {
    let list = this.docErrors.get(d);
    if (!list) {
      list = d.errors.map((e) => ({
        path: d.path,
        message: e.message,
        ...(e.range ? { line: e.range.start.line, column: e.range.start.column } : {}),
      }));
      this.docErrors.set(d, list);
    }
    return list;
  }
}

/** True when `changed` documents of `total` are so many that lists are better rebuilt than updated one by one. */
function isBulk(changed: number, total: number): boolean {
  return changed > Math.max(32, total / 8);
}

function makeDocumentReport(
  d: SopDocument,
  ws: WorkspaceFacts,
  findings: DocumentReport['findings'],
  failingWithoutFinding: NonNullable<DocumentReport['failingWithoutFinding']>,
  asOf: string,
  rubric: Rubric,
): DocumentReport {
  const external = d.kind === 'procedure' && !d.owner ? ws.ownerOf(d.path) : undefined;
  const owner =
    d.owner ?? (external ? { value: external.value, source: external.source, origin: external.origin } : undefined);
  findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.check.localeCompare(b.check));
  return {
    path: d.path,
    kind: d.skipped ? 'other' : d.kind,
    kindReason: d.kindReason,
    ...(d.stub && !d.skipped ? { stub: true as const } : {}),
    ...(d.title !== undefined ? { title: d.title } : {}),
    ...(owner ? { owner: owner.value, ownerSource: owner.source, ownerOrigin: owner.origin } : {}),
    ...(d.review?.date ? { reviewed: d.review.date } : {}),
    exemptions: d.exemptions.map((e) => ({
      checks: e.checks,
      reason: e.reason,
      until: e.until,
      active: exemptionProblem(e, asOf, rubric) === undefined,
    })),
    findings,
    ...(failingWithoutFinding.length > 0 ? { failingWithoutFinding } : {}),
  };
}
