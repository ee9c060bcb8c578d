/**
 * A workspace index: every Markdown file's facts by path (re-parsed only
 * when its content changes), the owner files, and the report built from
 * them. The extension keeps one per folder and feeds it edits; the CLI
 * fills one and asks for a single report.
 */
import type { SopConfig } from '../config/types';
import type { SopDocument } from '../parse/facts';
import type { CheckReport, Report, ReportError } from '../report/types';
import type { Rubric } from '../rubric/types';
import type { WorkspaceFacts } from '../checks/check';
import { docsUrl } from '../checks';
import { OwnerRules, isOwnerFile } from '../parse/owners';
import { isStubKind, parseDocument } from '../parse/parse';
import { describeSite, inside, type SiteInfo } from '../parse/site';
import { areaLevels, documentsWithFindings, inferLevels, nextSteps, points } from './infer';
import { today } from '../dates';
import { sha1 } from '../text';
import { ENGINE_ID, ENGINE_VERSION } from '../version';
import { ReportState } from './reportState';
import { evaluateTargets } from './targets';
import { DEFAULT_REVIEW_WINDOW_DAYS } from './reviews';
import { ReviewsState } from './reviewState';

/** A store of parsed facts that outlives one audit (keyed by content hash and rubric). */
export interface FactCache {
  get(key: string): SopDocument | undefined;
  set(key: string, doc: SopDocument): void;
}

/** The limits a workspace parses a file with (its configuration's). */
export interface ParseFileLimits {
  maxFileBytes: number;
  maxParseMs: number;
}

/**
 * Turns one file's text into facts for `Workspace.setFile`. The default,
 * `parseDocument` on the calling thread, enforces `maxFileBytes` but not
 * `maxParseMs` (a synchronous parse cannot be interrupted): the CLI injects
 * `parseWithTimeLimit` (src/node), and the extension parses long texts off
 * its thread (`parseWithTimeLimitAsync`) and hands the facts to `setFile`.
 */
export type ParseFile = (file: { path: string; text: string }, rubric: Rubric, limits: ParseFileLimits) => SopDocument;

/** `parseDocument` with the size limit: the default `ParseFile`. */
export const parseInline: ParseFile = (file, rubric, limits) =>
  parseDocument(file.path, file.text, rubric, { maxFileBytes: limits.maxFileBytes });

export interface WorkspaceOptions {
  /** Absolute path of the audited root (reported only). */
  root: string;
  config: SopConfig;
  rubric: Rubric;
  /** ISO day of the audit; default: config.asOf, else today. */
  asOf?: string;
  /**
   * True when a file or folder exists at a POSIX path relative to the root; default: known Markdown files and their
   * folders.
   */
  fileExists?: (path: string) => boolean;
  cache?: FactCache;
  /** The configuration file read, relative to the root (reported only, as the place of project-wide findings). */
  configFile?: string;
  /** How `setFile` parses a text it has no facts of; default: `parseInline` (no time budget). */
  parse?: ParseFile;
  /** The documentation site the files are built into (`detectSite`); undefined: a plain repository. */
  site?: SiteInfo;
  /**
   * One report of many documents, as the CLI makes: the evaluation keeps none of the bookkeeping that lets a later
   * report redo only what changed (what each verdict read, the verdicts themselves), which saves memory and time. The
   * reports are the same; a report after another is then evaluated afresh.
   */
  oneShot?: boolean;
}

/** The label every report carries: what the level means, and what it cannot see. */
export const REPORT_LABEL = 'Documentation and process maturity, aligned to the OML ladder';

export class Workspace {
  private readonly docs = new Map<string, SopDocument>();
  private readonly ownerTexts = new Map<string, string>();
  private ownerRules: OwnerRules | undefined;
  private readonly extraErrors = new Map<string, ReportError[]>();
  /** Paths whose document was set or removed since the report state last looked. */
  private readonly pending = new Set<string>();
  private ownersChanged = false;
  private extraErrorsChanged = false;
  /** Everything kept between reports of one audit date. */
  private state: ReportState | undefined;
  /** The state made a report (with `oneShot`, the next one starts afresh). */
  private reported = false;
  /** The review queue and owners kept for the report state. */
  private reviews: { state: ReportState; queue: ReviewsState } | undefined;

  constructor(readonly options: WorkspaceOptions) {}

  /** The audit date of this workspace's reports. */
  get asOf(): string {
    return this.options.asOf ?? this.options.config.asOf ?? today();
  }

  /** Key of a document's facts in a cache: content, path and the rubric and engine they were made with. */
  cacheKey(path: string, text: string): string {
    return sha1(
      `${ENGINE_ID}\u0000${this.options.rubric.fingerprint}\u0000${this.options.config.maxFileBytes}\u0000${path}\u0000${text}`,
    );
  }

  /**
   * Parses (or takes from the cache) one Markdown file and stores its facts.
   * `parsed`: the facts of exactly this text, parsed elsewhere (a worker
   * thread); they are used, and cached, where `setFile` would parse. Unchanged
   * text keeps its facts, and cached facts win, either way.
   */
  setFile(path: string, text: string, parsed?: SopDocument): SopDocument {
    const old = this.unchanged(path, text);
    if (old) return old;
    const key = this.options.cache ? this.cacheKey(path, text) : '';
    let doc = this.options.cache?.get(key);
    if (!doc) {
      const { config, rubric, parse = parseInline } = this.options;
      const { maxFileBytes, maxParseMs } = config;
      doc = parsed ?? parse({ path, text }, rubric, { maxFileBytes, maxParseMs });
      this.options.cache?.set(key, doc);
    }
    this.putDocument(doc);
    return doc;
  }

  /**
   * The facts `setFile` would take without parsing: the stored ones when the
   * text is unchanged, else the cache's; undefined when it would parse.
   */
  factsAtHand(path: string, text: string): SopDocument | undefined {
    return this.unchanged(path, text) ?? this.options.cache?.get(this.cacheKey(path, text));
  }

  /** The stored facts of `path` when they are of `text`. */
  private unchanged(path: string, text: string): SopDocument | undefined {
    const old = this.docs.get(path);
    // A file that ran out of time is tried again only when its text changes (each try may take the whole budget).
    const same = old && (!old.skipped || old.timedOut) && old.length === text.length && old.hash === sha1(text);
    return same ? old : undefined;
  }

  /** Stores facts parsed elsewhere (a worker thread, a cache). */
  putDocument(parsed: SopDocument): void {
    const doc = this.asSitePage(parsed);
    this.docs.set(doc.path, doc);
    this.pending.add(doc.path);
    if (this.extraErrors.delete(doc.path)) this.extraErrorsChanged = true;
  }

  /**
   * Inside a documentation site's source root an index file (README, index)
   * is an ordinary page, `x/index.md` being the source of `x/` (RUBRIC.md):
   * it takes the kind it would have as a page. Facts stay independent of the
   * site (they are cached by content), so the workspace applies it here.
   */
  private asSitePage(doc: SopDocument): SopDocument {
    const site = this.options.site;
    if (!doc.asPage || !site || !inside(doc.path, site.root)) return doc;
    const { kind, reason } = doc.asPage;
    const page: SopDocument = {
      ...doc,
      kind,
      kindReason: `${reason} (an index file is an ordinary page of the documentation site)`,
    };
    if (isStubKind(doc, kind, this.options.rubric)) page.stub = true;
    else delete page.stub;
    return page;
  }

  removeFile(path: string): void {
    if (this.docs.delete(path)) this.pending.add(path);
    if (this.extraErrors.delete(path)) this.extraErrorsChanged = true;
    if (this.ownerTexts.delete(path)) {
      this.ownerRules = undefined;
      this.ownersChanged = true;
    }
  }

  /** Sets (or, with undefined, removes) a CODEOWNERS or OWNERS file. */
  setOwnerFile(path: string, text: string | undefined): void {
    if (!isOwnerFile(path)) return;
    if (text === undefined) this.ownerTexts.delete(path);
    else this.ownerTexts.set(path, text);
    this.ownerRules = undefined;
    this.ownersChanged = true;
  }

  /** Records a file the engine could not read; the audit goes on without it. */
  addError(path: string, message: string): void {
    if (this.docs.delete(path)) this.pending.add(path);
    this.extraErrors.set(path, [...(this.extraErrors.get(path) ?? []), { path, message }]);
    this.extraErrorsChanged = true;
  }

  document(path: string): SopDocument | undefined {
    return this.docs.get(path);
  }

  /** Every document, in path order. */
  documents(): SopDocument[] {
    return this.sync().paths.map((p) => this.docs.get(p) as SopDocument);
  }

  /** The facts the checks see. */
  facts(): WorkspaceFacts {
    const state = this.sync();
    this.ownerRules ??= new OwnerRules(this.ownerTexts);
    const rules = this.ownerRules;
    const { centralFolder, indexPage } = state.layout;
    return {
      docs: this.docs,
      procedures: state.procedures.share(),
      centralFolder,
      indexPage,
      navigationFiles: state.navigationFiles,
      ownerOf: (p) => rules.ownerOf(p),
      fileExists: this.options.fileExists ?? ((p) => this.docs.has(p) || state.hasFolder(p)),
      markdownExtensions: this.options.config.markdownExtensions,
      ...(this.options.site ? { site: this.options.site } : {}),
      ...(state.linkIgnored ? { linkIgnored: state.linkIgnored } : {}),
    };
  }

  /** The report state, brought up to date with the documents set and removed since it last looked. */
  private sync(): ReportState {
    const asOf = this.asOf;
    if (!this.state || this.state.asOf !== asOf || (this.options.oneShot && this.reported)) {
      this.reported = false;
      this.state = new ReportState(this.options, asOf, !this.options.fileExists);
      for (const p of this.docs.keys()) this.pending.add(p);
      this.ownersChanged = false;
      this.extraErrorsChanged = true;
    }
    if (this.pending.size > 0) {
      this.state.apply(
        [...this.pending].map((p) => ({ path: p, doc: this.docs.get(p) })),
        this.docs.size,
      );
      this.pending.clear();
    }
    return this.state;
  }

  /** The full report (workspace aggregates brought up to date with what changed since the last one). */
  report(): Report {
    const { rubric, config, root } = this.options;
    const ownersChanged = this.ownersChanged;
    const ws = this.facts();
    const state = this.state as ReportState;
    this.reported = true;
    const asOf = state.asOf;
    this.ownersChanged = false;
    const { changes, bulk } = state.take();
    const ev = state.evaluator.update({ ws, changes, ownersChanged, bulk });
    const procedures = ws.procedures.length;
    const traits = state.traits(changes, bulk);
    const documents = state.documentReports(ws, ev, changes, bulk, this.ownerRules as OwnerRules, ownersChanged);
    if (this.extraErrorsChanged) state.errorsChanged = true;
    this.extraErrorsChanged = false;
    const errors = state.errors(this.extraErrors);

    const levels = inferLevels(rubric, ev.outcomes, traits, procedures);
    const { steps, blocking, heldBack, nextLevel } = nextSteps(rubric, ev.outcomes, traits, levels, procedures);
    const withFindings = documentsWithFindings(documents);
    const shadow = inferLevels(rubric, ev.outcomes, traits, procedures, blocking).overall;
    // The review queue and owners follow the document reports: only what changed is placed again.
    const within = config.reviewWindowDays ?? DEFAULT_REVIEW_WINDOW_DAYS;
    if (this.reviews?.state !== state) this.reviews = { state, queue: new ReviewsState(rubric, asOf, within) };
    const reviews = this.reviews.queue.queue(documents, (p) => this.docs.get(p));
    const top = Math.max(0, ...rubric.levels.map((l) => l.level));
    const owners = this.reviews.queue.owners(reviews, ev.outcomes, levels.overall, Math.min(levels.overall + 1, top));

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
        docsUrl: docsUrl(rubric, c.id),
        levels: mine.map((o) => ({
          level: o.rule.level,
          ...(c.scope === 'document' ? { threshold: o.rule.threshold } : {}),
          passing: o.passing,
          total: o.total,
          holds: o.holds,
          failing: o.failing.length,
        })),
        exempted: ev.exempted.get(c.id) ?? 0,
        ...(ev.details.has(c.id) ? { detail: ev.details.get(c.id) } : {}),
        documentsWithFindings: withFindings.get(c.id) ?? 0,
      });
    }

    const { counts } = state;
    const targets = config.targets?.length
      ? evaluateTargets(config.targets, { rubric, outcomes: ev.outcomes, traits, levels, procedures, checks, asOf })
      : undefined;
    return {
      schemaVersion: 1,
      tool: { name: 'sop-maturity', version: ENGINE_VERSION },
      root,
      asOf,
      rubric: { id: rubric.id, title: rubric.title, source: rubric.source },
      label: REPORT_LABEL,
      centralFolder: ws.centralFolder,
      centralFolderSource:
        config.centralFolder !== undefined ? 'config' : ws.centralFolder === '' ? 'root' : 'default-rule',
      ...(ws.indexPage !== undefined ? { indexPage: ws.indexPage } : {}),
      ...(this.options.configFile !== undefined ? { configFile: this.options.configFile } : {}),
      levelNames: Object.fromEntries(rubric.levels.map((l) => [String(l.level), l.name])),
      levels: {
        overall: levels.overall,
        documentation: levels.documentation,
        process: levels.process,
        ...areaLevels(rubric, ev.outcomes, traits, procedures),
        shadow,
        points: Math.round(points(ev.outcomes, traits) * 1000) / 1000,
        ...(levels.guard ? { guard: levels.guard } : {}),
        ...(heldBack ? { heldBack } : {}),
      },
      ...(this.options.site ? { site: siteReport(this.options.site) } : {}),
      summary: {
        documents: this.docs.size - counts.skipped,
        procedures,
        stubs: counts.stubs,
        indexes: counts.index,
        other: counts.other,
        findings: state.findingCount + ev.workspaceFindings.length,
        exemptedDocuments: counts.exempted,
        skipped: counts.skipped + this.extraErrors.size,
      },
      checks,
      traits,
      documents,
      nextSteps: steps,
      ...(nextLevel ? { nextLevel } : {}),
      reviews,
      owners,
      ...(targets ? { targets } : {}),
      workspaceFindings: ev.workspaceFindings,
      errors,
    };
  }
}

/** What a report says of the documentation site. */
function siteReport(site: SiteInfo): NonNullable<Report['site']> {
  return {
    root: site.root,
    ...(site.generator ? { generator: site.generator } : {}),
    source: site.source,
    description: describeSite(site),
    navigation: site.nav ? 'nav' : site.generatedNav ? 'generated' : 'index pages',
  };
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
