/**
 * A workspace index: every Markdown file's facts by path (re-parsed only
 * when its content changes), the owner files, and the report built from
 * them. The extension keeps one per folder and feeds it edits; the CLI
 * fills one and asks for a single report.
 */
import type { CheckReport, DocumentReport, Report, ReportError, Rubric, SopConfig, SopDocument, TraitEvidence, TraitReport } from './types';
import type { WorkspaceFacts } from './checks/check';
import { parseDocument } from './parse';
import { OwnerRules, isOwnerFile } from './owners';
import { defaultCentralFolder } from './central';
import { findIndexPage } from './links';
import { evaluate, activeExemption } from './evaluate';
import { areaLevels, inferLevels, nextSteps, points, traitCoverage } from './infer';
import { today } from './dates';
import { sha1 } from './text';
import { ENGINE_ID, ENGINE_VERSION } from './version';
import { IncrementalState } from './incremental';


/** A store of parsed facts that outlives one audit (keyed by content hash and rubric). */
export interface FactCache {
  get(key: string): SopDocument | undefined;
  set(key: string, doc: SopDocument): void;
}

export interface WorkspaceOptions {
  /** Absolute path of the audited root (reported only). */
  root: string;
  config: SopConfig;
  rubric: Rubric;
  /** ISO day of the audit; default: config.asOf, else today. */
  asOf?: string;
  /** True when a file or folder exists at a POSIX path relative to the root; default: known Markdown files and their folders. */
  fileExists?: (path: string) => boolean;
  cache?: FactCache;
}

/** The label every report carries: what the level means, and what it cannot see. */
export const REPORT_LABEL = 'Documentation and process maturity, aligned to the OML ladder';

export class Workspace {
  private readonly docs = new Map<string, SopDocument>();
  private readonly ownerTexts = new Map<string, string>();
  private ownerRules: OwnerRules | undefined;
  private readonly extraErrors = new Map<string, ReportError[]>();
  private folders: Set<string> | undefined;
  /** Paths in order, kept until a path is added or removed (an edit only replaces a document). */
  private sortedPaths: string[] | undefined;
  /** Per document, the traits it is evidence for (by index in the rubric): word matching is most of a report's cost otherwise. */
  private readonly traitHits = new WeakMap<SopDocument, [number, TraitEvidence[]][]>();
  /** Central folder and index page, kept while no path is added or removed and no document changes kind. */
  private layout: { centralFolder: string; indexPage: string | undefined } | undefined;
  /** Per document, its last document report and what it was made from (reused while all of it is the same). */
  private readonly docReports = new WeakMap<SopDocument, { asOf: string; rules: OwnerRules | undefined; findings: DocumentReport['findings']; report: DocumentReport }>();
  /** Verdicts, fingerprints and the one-version index kept between reports. */
  private readonly incremental = new IncrementalState();

  constructor(readonly options: WorkspaceOptions) {}

  /** The audit date of this workspace's reports. */
  get asOf(): string {
    return this.options.asOf ?? this.options.config.asOf ?? today();
  }

  /** Key of a document's facts in a cache: content, path and the rubric and engine they were made with. */
  cacheKey(path: string, text: string): string {
    return sha1(`${ENGINE_ID}\u0000${this.options.rubric.fingerprint}\u0000${this.options.config.maxFileBytes}\u0000${path}\u0000${text}`);
  }

  /** Parses (or takes from the cache) one Markdown file and stores its facts. */
  setFile(path: string, text: string): SopDocument {
    const old = this.docs.get(path);
    if (old && !old.skipped && old.length === text.length && old.hash === sha1(text)) return old;
    const key = this.options.cache ? this.cacheKey(path, text) : '';
    let doc = this.options.cache?.get(key);
    if (!doc) {
      doc = parseDocument(path, text, this.options.rubric, { maxFileBytes: this.options.config.maxFileBytes });
      this.options.cache?.set(key, doc);
    }
    this.putDocument(doc);
    return doc;
  }

  /** Stores facts parsed elsewhere (a worker thread, a cache). */
  putDocument(doc: SopDocument): void {
    const old = this.docs.get(doc.path);
    if (!old) this.pathsChanged();
    else if (old.kind !== doc.kind || old.skipped !== doc.skipped) this.layout = undefined;
    this.incremental.documentChanged(old, doc);
    this.docs.set(doc.path, doc);
    this.extraErrors.delete(doc.path);
  }

  removeFile(path: string): void {
    const old = this.docs.get(path);
    if (this.docs.delete(path)) {
      this.pathsChanged();
      this.incremental.documentChanged(old, undefined);
    }
    this.extraErrors.delete(path);
    if (this.ownerTexts.delete(path)) {
      this.ownerRules = undefined;
      this.incremental.ownersChanged();
    }
  }

  /** Sets (or, with undefined, removes) a CODEOWNERS or OWNERS file. */
  setOwnerFile(path: string, text: string | undefined): void {
    if (!isOwnerFile(path)) return;
    if (text === undefined) this.ownerTexts.delete(path);
    else this.ownerTexts.set(path, text);
    this.ownerRules = undefined;
    this.incremental.ownersChanged();
  }

  /** Records a file the engine could not read; the audit goes on without it. */
  addError(path: string, message: string): void {
    const old = this.docs.get(path);
    if (this.docs.delete(path)) {
      this.pathsChanged();
      this.incremental.documentChanged(old, undefined);
    }
    this.extraErrors.set(path, [...(this.extraErrors.get(path) ?? []), { path, message }]);
  }

  document(path: string): SopDocument | undefined {
    return this.docs.get(path);
  }

  /** Every document, in path order. */
  documents(): SopDocument[] {
    this.sortedPaths ??= [...this.docs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sortedPaths.map((p) => this.docs.get(p) as SopDocument);
  }

  private pathsChanged(): void {
    this.folders = undefined;
    this.sortedPaths = undefined;
    this.layout = undefined;
  }

  /** The same as `traitCoverage(rubric, procedures)`, matching only documents not seen before. */
  private traitCoverage(procedures: readonly SopDocument[]): TraitReport[] {
    const { rubric } = this.options;
    const evidence: TraitEvidence[][] = rubric.traits.map(() => []);
    for (const d of procedures) {
      let hits = this.traitHits.get(d);
      if (!hits) {
        hits = [];
        for (const [i, t] of traitCoverage(rubric, [d]).entries()) if (t.evidence.length > 0) hits.push([i, t.evidence]);
        this.traitHits.set(d, hits);
      }
      for (const [i, e] of hits) evidence[i].push(...e);
    }
    return rubric.traits.map((t, i) => ({ id: t.id, title: t.title, level: t.level, area: t.area, covered: evidence[i].length > 0, evidence: evidence[i] }));
  }

  /** The facts the checks see. */
  facts(): WorkspaceFacts {
    const docs = this.documents();
    const byPath = new Map(docs.map((d) => [d.path, d]));
    const procedures = docs.filter((d) => d.kind === 'procedure' && !d.skipped);
    const { config, rubric } = this.options;
    if (!this.layout) {
      const centralFolder = config.centralFolder !== undefined ? config.centralFolder.replace(/^\.?\/?|\/$/g, '') : defaultCentralFolder(procedures, rubric.settings.centralFolderNames);
      this.layout = { centralFolder, indexPage: findIndexPage(centralFolder, byPath) };
    }
    const { centralFolder, indexPage } = this.layout;
    this.ownerRules ??= new OwnerRules(this.ownerTexts);
    const rules = this.ownerRules;
    return {
      docs: byPath,
      procedures,
      centralFolder,
      indexPage,
      ownerOf: (p) => rules.ownerOf(p),
      fileExists: this.options.fileExists ?? ((p) => byPath.has(p) || this.folderSet().has(p)),
      markdownExtensions: config.markdownExtensions,
    };
  }

  private folderSet(): Set<string> {
    if (!this.folders) {
      this.folders = new Set(['']);
      for (const p of this.docs.keys()) {
        const parts = p.split('/');
        for (let i = 1; i < parts.length; i++) this.folders.add(parts.slice(0, i).join('/'));
      }
    }
    return this.folders;
  }

  /** The full report (workspace aggregates recomputed from the stored facts). */
  report(): Report {
    const { rubric, config, root } = this.options;
    const asOf = this.asOf;
    const ws = this.facts();
    const ev = evaluate(rubric, config, ws, asOf, this.incremental);
    const procedures = ws.procedures.length;
    const traits = this.traitCoverage(ws.procedures);
    const levels = inferLevels(rubric, ev.outcomes, traits, procedures);
    const { steps, blocking } = nextSteps(rubric, ev.outcomes, traits, levels, procedures);
    const shadow = inferLevels(rubric, ev.outcomes, traits, procedures, blocking).overall;

    const checks: CheckReport[] = [];
    for (const c of rubric.checks) {
      if (!c.enabled) continue;
      const mine = ev.outcomes.filter((o) => o.check.id === c.id);
      if (mine.length === 0) continue;
      checks.push({
        id: c.id,
        title: c.title,
        description: c.description,
        hint: c.hint,
        area: c.area,
        scope: c.scope,
        severity: config.severity[c.id] ?? c.severity,
        docsUrl: rubric.docsUrl.replace('{id}', c.id),
        levels: mine.map((o) => ({ level: o.rule.level, ...(c.scope === 'document' ? { threshold: o.rule.threshold } : {}), passing: o.passing, total: o.total, holds: o.holds })),
        exempted: ev.exempted.get(c.id) ?? 0,
        ...(ev.details.has(c.id) ? { detail: ev.details.get(c.id) } : {}),
      });
    }

    const documents: DocumentReport[] = ws.docs.size === 0 ? [] : [...ws.docs.values()].map((d) => this.documentReport(d, ws, ev.findings.get(d.path) ?? [], asOf));
    const errors: ReportError[] = [];
    for (const d of ws.docs.values()) {
      for (const e of d.errors) errors.push({ path: d.path, message: e.message, ...(e.range ? { line: e.range.start.line, column: e.range.start.column } : {}) });
    }
    for (const list of this.extraErrors.values()) errors.push(...list);
    errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

    const counts = { procedure: 0, index: 0, other: 0 };
    for (const d of ws.docs.values()) if (!d.skipped) counts[d.kind]++;
    const findingCount = documents.reduce((n, d) => n + d.findings.length, 0) + ev.workspaceFindings.length;

    return {
      schemaVersion: 1,
      tool: { name: 'sop-maturity', version: ENGINE_VERSION },
      root,
      asOf,
      rubric: { id: rubric.id, title: rubric.title, source: rubric.source },
      label: REPORT_LABEL,
      centralFolder: ws.centralFolder,
      centralFolderSource: config.centralFolder !== undefined ? 'config' : ws.centralFolder === '' ? 'root' : 'default-rule',
      levelNames: Object.fromEntries(rubric.levels.map((l) => [String(l.level), l.name])),
      levels: {
        overall: levels.overall,
        documentation: levels.documentation,
        process: levels.process,
        ...areaLevels(rubric, ev.outcomes, traits, procedures),
        shadow,
        points: Math.round(points(ev.outcomes, traits) * 1000) / 1000,
        ...(levels.guard ? { guard: levels.guard } : {}),
      },
      summary: {
        documents: ws.docs.size - [...ws.docs.values()].filter((d) => d.skipped).length,
        procedures,
        indexes: counts.index,
        other: counts.other,
        findings: findingCount,
        exemptedDocuments: ws.procedures.filter((d) => d.exemptions.some((e) => e.reason !== undefined && (e.until === undefined || e.until >= asOf))).length,
        skipped: [...ws.docs.values()].filter((d) => d.skipped).length + this.extraErrors.size,
      },
      checks,
      traits,
      documents,
      nextSteps: steps,
      workspaceFindings: ev.workspaceFindings,
      errors,
    };
  }

  private documentReport(d: SopDocument, ws: WorkspaceFacts, findings: DocumentReport['findings'], asOf: string): DocumentReport {
    const rules = d.kind === 'procedure' && !d.owner ? this.ownerRules : undefined;
    const last = this.docReports.get(d);
    if (last && last.asOf === asOf && last.rules === rules && sameItems(last.findings, findings)) return last.report;
    const report = this.makeDocumentReport(d, ws, [...findings], asOf);
    this.docReports.set(d, { asOf, rules, findings, report });
    return report;
  }

  private makeDocumentReport(d: SopDocument, ws: WorkspaceFacts, findings: DocumentReport['findings'], asOf: string): DocumentReport {
    const external = d.kind === 'procedure' && !d.owner ? ws.ownerOf(d.path) : undefined;
    const owner = d.owner ?? (external ? { value: external.value, source: external.source, origin: external.origin } : undefined);
    findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.check.localeCompare(b.check));
    return {
      path: d.path,
      kind: d.skipped ? 'other' : d.kind,
      kindReason: d.kindReason,
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(owner ? { owner: owner.value, ownerSource: owner.source, ownerOrigin: owner.origin } : {}),
      ...(d.review?.date ? { reviewed: d.review.date } : {}),
      exemptions: d.exemptions.map((e) => ({ checks: e.checks, reason: e.reason, until: e.until, active: activeExemption({ ...d, exemptions: [e] }, e.checks[0] ?? '', asOf) })),
      findings,
    };
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Input of a one-shot audit. */
export interface AuditInput extends WorkspaceOptions {
  files: { path: string; text: string }[];
  ownerFiles?: { path: string; text: string }[];
}

/** Audits a set of files in one go. */
export function audit(input: AuditInput): Report {
  const ws = new Workspace(input);
  for (const f of input.ownerFiles ?? []) ws.setOwnerFile(f.path, f.text);
  for (const f of input.files) ws.setFile(f.path, f.text);
  return ws.report();
}
