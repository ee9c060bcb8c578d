/**
 * Runs the rubric's checks over the documents: per-level statistics for
 * every check and at most one finding per check and document, for the
 * lowest level the document fails.
 *
 * An `Evaluator` belongs to one workspace and audit date and is updated
 * with what changed since its last update, so that one edit costs work in
 * proportion to the edit: per check and level it keeps the passing count
 * and the failing paths, per document its verdicts, findings and what the
 * verdicts read beyond the document (owner rules, the central folder, the
 * documents a link points at, `fileExists` answers).
 */
import type { SopConfig } from '../config/types';
import type { SopDocument } from '../parse/facts';
import type { Range } from '../position';
import type { Finding } from '../report/types';
import type { CheckLevelRule, Rubric, RubricCheck, Severity } from '../rubric/types';
import type {
  CheckContext,
  DocumentChange,
  DocumentCheck,
  DocumentVerdict,
  WorkspaceCheck,
  WorkspaceDocFinding,
  WorkspaceFacts,
  WorkspaceVerdict,
} from '../checks/check';
import { isProcedure, withDefaults } from '../checks/check';
import { PSEUDO_CHECKS, PSEUDO_CHECK_IDS, docsUrl, getCheck, type PseudoCheckId } from '../checks';
import { sha1 } from '../text';
import { SharedSortedList, sameItems } from './pathLists';
import { runRecorded, type VerdictReads } from './verdictReads';
import { WorkspaceCheckMemo } from './workspaceState';
import { activeExemption, exemptionProblem } from './exemptions';

/** The outcome of one level rule of one check. */
export interface RuleOutcome {
  check: RubricCheck;
  rule: CheckLevelRule;
  holds: boolean;
  /** Document checks: procedures passing (exemptions included) and the total. */
  passing: number;
  total: number;
  /** Paths that fail this rule (document checks) or must change (workspace checks). */
  failing: string[];
  /** Documents or topics to add/change for the rule to hold. */
  documentsToFix: number;
  /** Workspace checks: one sentence on what was found. */
  detail?: string;
}

export interface Evaluation {
  outcomes: RuleOutcome[];
  workspaceFindings: Finding[];
  /** Per check id: documents that pass only through an exemption. */
  exempted: Map<string, number>;
  /** Per check id: workspace detail sentence. */
  details: Map<string, string>;
  /** Paths whose findings (in evaluation order) changed in this update. */
  changed: Set<string>;
}

/** The severity of the findings of a check or pseudo-check after the configuration's overrides; undefined: off. */
function severityOf(id: string, severity: Severity, config: SopConfig): Severity | undefined {
  const o = config.severity[id];
  if (o === 'off') return undefined;
  return o ?? severity;
}

function fingerprint(check: string, path: string, message: string): string {
  return sha1(`${check}\u0000${path}\u0000${message}`).slice(0, 16);
}

const NOWHERE = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * Findings that stand for a check failing only because the front matter
 * could not be read (RUBRIC.md, "Front matter that cannot be read"): kept
 * with the other findings so that changes are noticed alike, but reported
 * under the document's `failingWithoutFinding`, never as a finding of their own.
 */
const UNREAD = new WeakSet<Finding>();

/**
 * True for a finding that stands for a check the document fails because its front matter could not be read (see
 * `DocumentReport.failingWithoutFinding`).
 */
export function isUnreadFailure(f: Finding): boolean {
  return UNREAD.has(f);
}

/** A document check's state on one document (a procedure, or any document for a check run on every document). */
interface DocCheckState {
  /** Counted in the check's statistics: the document is a procedure. */
  counted: boolean;
  /** Per parameter set. */
  verdicts: DocumentVerdict[];
  /** Per rule: passes, or an exemption covers it. */
  pass: boolean[];
  /** Counted among the check's `exempted`. */
  exempted: boolean;
  finding?: Finding;
}

/** What the evaluator keeps of one document. */
interface DocState {
  doc: SopDocument;
  /** Per plan (document checks: procedures, and every document for the checks run on all). */
  checks: (DocCheckState | undefined)[];
  /** Per plan (workspace checks): its findings on this document. */
  placed: (Finding[] | undefined)[];
  /** Findings about the document's exemptions and read errors. */
  own: Finding[];
  /** Every finding, in evaluation order. */
  findings: Finding[];
}

interface PlanBase {
  index: number;
  check: RubricCheck;
  severity: Severity | undefined;
  /** Where the check is documented (every finding links there). */
  url: string;
  rules: CheckLevelRule[];
  /**
   * Distinct parameter sets (the check's defaults, overridden by its rubric params, then by the level's;
   * `memoKey`: as JSON) and the set of each rule.
   */
  sets: { key: string; params: Record<string, unknown>; memoKey: string }[];
  setOf: number[];
}

interface DocumentPlan extends PlanBase {
  scope: 'document';
  impl: DocumentCheck;
  /** Run on every document, counted on procedures only (`links`). */
  everyDocument: boolean;
  /** Per procedure, what its verdicts read (checks that read other documents or the disk only). */
  reads: Map<string, VerdictReads>;
  passing: number[];
  failing: SharedSortedList<string>[];
  exempted: number;
  /** Paths of procedures to check again at the next update (a document they read changed). */
  stale: Set<string>;
  /** Per path looked up, the procedures whose verdicts looked it up. */
  readers: Map<string, Set<string>>;
  /** Per procedure whose verdicts asked `fileExists`, the answers they got. */
  probes: Map<string, [string, boolean][]>;
  /** Procedures whose verdicts went through every document. */
  wide: Set<string>;
}

interface WorkspacePlan extends PlanBase {
  scope: 'workspace';
  impl: WorkspaceCheck;
  /** The verdict and level the placed findings were made from. */
  placedFrom?: { verdict: WorkspaceVerdict; level: number; byPath: Map<string, WorkspaceDocFinding[]> };
  /** Findings made of a verdict's document findings (reused while the same finding is made again). */
  made: WeakMap<WorkspaceDocFinding, Finding>;
  /** The finding of a failing verdict without document findings, and where it went ('' : the workspace). */
  general?: { finding: Finding; path: string };
}

type Plan = DocumentPlan | WorkspacePlan;

/** Input of one update: the current facts and what changed since the last update. */
export interface EvaluationInput {
  ws: WorkspaceFacts;
  changes: readonly DocumentChange[];
  ownersChanged: boolean;
  /** Most documents changed: lists are rebuilt rather than updated. */
  bulk: boolean;
}

export class Evaluator {
  private readonly plans: Plan[] = [];
  private readonly docs = new Map<string, DocState>();
  private readonly memo = new WorkspaceCheckMemo();
  private centralFolder: string | undefined;
  /** Per pseudo-check: the severity of its findings (undefined: turned off) and where it is documented. */
  private readonly pseudo: Record<PseudoCheckId, { severity: Severity | undefined; url: string }>;

  /**
   * `retain`: keep what a later update needs to redo only what changed (the verdicts, what they read). Without it,
   * every update after the first must be a fresh evaluator's (a one-shot audit).
   */
  constructor(
    private readonly rubric: Rubric,
    config: SopConfig,
    readonly asOf: string,
    private readonly retain = true,
  ) {
    for (const check of rubric.checks) {
      if (!check.enabled) continue;
      const impl = getCheck(check.id);
      if (!impl) continue;
      const rules = [...check.levels].sort((a, b) => a.level - b.level);
      const sets: PlanBase['sets'] = [];
      const setOf = rules.map((rule) => {
        const key = JSON.stringify(rule.params ?? {});
        let i = sets.findIndex((s) => s.key === key);
        if (i < 0) {
          const params = withDefaults(impl.defaults, { ...check.params, ...(rule.params ?? {}) });
          i = sets.push({ key, params, memoKey: JSON.stringify(params) }) - 1;
        }
        return i;
      });
      const severity = severityOf(check.id, check.severity, config);
      const url = docsUrl(rubric, check.id);
      const base: PlanBase = { index: this.plans.length, check, severity, url, rules, sets, setOf };
      if (impl.scope === 'document') {
        this.plans.push({
          ...base,
          scope: 'document',
          impl,
          everyDocument: impl.everyDocument === true,
          reads: new Map(),
          passing: rules.map(() => 0),
          failing: rules.map(() => new SharedSortedList<string>((p) => p)),
          exempted: 0,
          stale: new Set(),
          readers: new Map(),
          probes: new Map(),
          wide: new Set(),
        });
      } else this.plans.push({ ...base, scope: 'workspace', impl, made: new WeakMap() });
    }
    const pseudo = PSEUDO_CHECK_IDS.map((id) => {
      const severity = severityOf(id, PSEUDO_CHECKS[id].severity, config);
      return [id, { severity, url: docsUrl(rubric, id) }];
    });
    this.pseudo = Object.fromEntries(pseudo) as Evaluator['pseudo'];
  }

  /** Every finding of a document, in evaluation order (empty for unknown paths). */
  findingsOf(path: string): Finding[] {
    return this.docs.get(path)?.findings ?? [];
  }

  /** Brings every check up to date with `input` and returns the outcomes. */
  update(input: EvaluationInput): Evaluation {
    const { ws, changes, bulk } = input;
    const changed = new Set<string>();
    // Documents: new states for changed ones (their verdicts are made below).
    for (const c of changes) {
      const st = this.docs.get(c.path);
      if (st && st.doc === c.doc) continue;
      for (const plan of this.plans)
        if (plan.scope === 'document') for (const reader of plan.readers.get(c.path) ?? []) plan.stale.add(reader);
      if (!c.doc) {
        if (st)
          for (const plan of this.plans)
            if (plan.scope === 'document') this.drop(plan, c.path, st.checks[plan.index], bulk);
        this.docs.delete(c.path);
        continue;
      }
      this.docs.set(c.path, {
        doc: c.doc,
        checks: st?.checks ?? [],
        placed: st?.placed ?? [],
        own: this.ownFindings(c.doc),
        findings: st?.findings ?? [],
      });
      changed.add(c.path);
    }
    const centralMoved = this.centralFolder !== ws.centralFolder;
    this.centralFolder = ws.centralFolder;
    const anything = changes.length > 0 || input.ownersChanged || centralMoved;

    const outcomes: RuleOutcome[] = [];
    const exempted = new Map<string, number>();
    const details = new Map<string, string>();
    const workspaceFindings: Finding[] = [];
    this.memo.begin(changes, bulk);
    for (const plan of this.plans) {
      if (plan.scope === 'document') {
        const reads = plan.impl.reads;
        const all =
          (reads === 'owners' && input.ownersChanged) ||
          (reads === 'central' && centralMoved) ||
          (reads === 'all' && anything) ||
          (plan.wide.size > 0 && changes.length > 0);
        const paths = this.staleOf(plan, ws, changes);
        if (all) for (const d of plan.everyDocument ? ws.docs.values() : ws.procedures) paths.add(d.path);
        this.updateDocumentPlan(plan, ws, paths, bulk, changed);
        outcomes.push(...this.documentOutcomes(plan, ws.procedures.length));
        exempted.set(plan.check.id, plan.exempted);
      } else {
        outcomes.push(...this.updateWorkspacePlan(plan, ws, changes, changed, details, workspaceFindings));
        exempted.set(plan.check.id, 0);
      }
    }
    for (const path of changed) {
      const st = this.docs.get(path);
      if (!st) {
        changed.delete(path);
        continue;
      }
      const findings = this.assemble(st);
      if (sameItems(findings, st.findings)) changed.delete(path);
      else st.findings = findings;
    }
    return { outcomes, workspaceFindings, exempted, details, changed };
  }

  /**
   * The procedures a document check must check again: changed ones, readers of changed documents, changed `fileExists`
   * answers.
   */
  private staleOf(plan: DocumentPlan, ws: WorkspaceFacts, changes: readonly DocumentChange[]): Set<string> {
    const out = plan.stale;
    plan.stale = new Set();
    for (const c of changes)
      if (plan.everyDocument || isProcedure(c.doc) || isProcedure(c.old) || this.docs.get(c.path)?.checks[plan.index])
        out.add(c.path);
    // The disk may have changed since: a verdict that asked `fileExists` holds while the answers do.
    const answers = new Map<string, boolean>();
    for (const [path, probes] of plan.probes) {
      for (const [p, e] of probes) {
        let now = answers.get(p);
        if (now === undefined) answers.set(p, (now = ws.fileExists(p)));
        if (now !== e) {
          out.add(path);
          break;
        }
      }
    }
    return out;
  }

  private updateDocumentPlan(
    plan: DocumentPlan,
    ws: WorkspaceFacts,
    paths: Iterable<string>,
    bulk: boolean,
    changed: Set<string>,
  ): void {
    const ctxs = plan.sets.map((s): CheckContext => ({ rubric: this.rubric, asOf: this.asOf, ws, params: s.params }));
    const recording = this.retain && (plan.impl.reads === 'links' || plan.impl.reads === 'all');
    for (const path of paths) {
      const st = this.docs.get(path);
      const old = st?.checks[plan.index];
      if (!st || !checked(plan, st.doc)) {
        if (old) {
          this.drop(plan, path, old, bulk);
          if (st) st.checks[plan.index] = undefined;
          changed.add(path);
        }
        continue;
      }
      const reads: VerdictReads | undefined = recording ? { paths: [], wide: false, probes: [] } : undefined;
      const next = this.check(plan, st.doc, isProcedure(st.doc), ctxs, old, reads);
      this.count(plan, path, old, next, bulk);
      if (reads) this.track(plan, path, reads);
      // A one-shot evaluation never compares verdicts again: the finding made of one is all that is kept.
      if (!this.retain) next.verdicts = [];
      st.checks[plan.index] = next;
      if (next.finding !== old?.finding) changed.add(path);
    }
    if (bulk) {
      const lists: string[][] = plan.rules.map(() => []);
      for (const d of ws.procedures) {
        const pass = this.docs.get(d.path)?.checks[plan.index]?.pass;
        if (pass) for (let r = 0; r < pass.length; r++) if (!pass[r]) lists[r].push(d.path);
      }
      lists.forEach((l, r) => plan.failing[r].reset(l));
    }
  }

  /**
   * A document's verdicts, pass states and finding for one check (parts of `old` that say the same are kept);
   * `counted`: a procedure.
   */
  private check(
    plan: DocumentPlan,
    doc: SopDocument,
    counted: boolean,
    ctxs: CheckContext[],
    old: DocCheckState | undefined,
    reads: VerdictReads | undefined,
  ): DocCheckState {
    const verdicts: DocumentVerdict[] = [];
    for (let s = 0; s < ctxs.length; s++) {
      const verdict = reads ? runRecorded(plan.impl, doc, ctxs[s], reads) : plan.impl.run(doc, ctxs[s]);
      const before = old?.verdicts[s];
      verdicts.push(before && sameVerdict(before, verdict) ? before : verdict);
    }
    const exempt = doc.exemptions.length > 0 && activeExemption(doc, plan.check.id, this.asOf, this.rubric);
    const pass: boolean[] = [];
    let first = -1;
    let failsAny = false;
    for (let r = 0; r < plan.rules.length; r++) {
      const ok = verdicts[plan.setOf[r]].pass;
      pass.push(ok || exempt);
      if (!ok) failsAny = true;
      if (!ok && !exempt && first < 0) first = r;
    }
    const state: DocCheckState = { counted, verdicts, pass, exempted: exempt && failsAny };
    // A check that fails because the front matter could not be read is listed under the document's
    // `failingWithoutFinding` even when its findings are turned off.
    if (first >= 0 && (plan.severity || verdicts[plan.setOf[first]].unread)) {
      const verdict = verdicts[plan.setOf[first]];
      const kept = old?.finding;
      const same =
        kept &&
        kept.level === plan.rules[first].level &&
        old?.verdicts[plan.setOf[first]] === verdict &&
        old.counted === counted;
      state.finding = same ? kept : this.documentFinding(plan, plan.rules[first], doc.path, verdict, counted);
    }
    return state;
  }

  private documentFinding(
    plan: DocumentPlan,
    rule: CheckLevelRule,
    path: string,
    verdict: DocumentVerdict,
    counted: boolean,
  ): Finding {
    const message = verdict.message ?? plan.check.hint;
    const finding: Finding = {
      check: plan.check.id,
      url: plan.url,
      level: rule.level,
      severity: plan.severity ?? plan.check.severity,
      message,
      range: verdict.range ?? NOWHERE,
      fixes: verdict.fixes ?? [],
      ...(verdict.related && verdict.related.length > 0 ? { related: verdict.related } : {}),
      ...(counted ? {} : { counted: false as const }),
      fingerprint: fingerprint(plan.check.id, path, message),
    };
    if (verdict.unread) UNREAD.add(finding);
    return finding;
  }

  /**
   * Moves a document's part of a plan's statistics from its `old` state to its `next` one (undefined, or not a
   * procedure: not counted).
   */
  private count(
    plan: DocumentPlan,
    path: string,
    old: DocCheckState | undefined,
    next: DocCheckState | undefined,
    bulk: boolean,
  ): void {
    for (let r = 0; r < plan.rules.length; r++) {
      const before = old?.counted ? (old.pass[r] ? 1 : -1) : 0;
      const now = next?.counted ? (next.pass[r] ? 1 : -1) : 0;
      if (before === now) continue;
      plan.passing[r] += (now > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
      if (bulk) continue;
      if (now < 0) plan.failing[r].put(path);
      else if (before < 0) plan.failing[r].delete(path);
    }
    plan.exempted += (next?.counted && next.exempted ? 1 : 0) - (old?.counted && old.exempted ? 1 : 0);
  }

  /**
   * Keeps the reverse indexes (readers of paths, probes, wide readers) in step with what a procedure's verdicts read
   * (`next`; undefined: nothing any more).
   */
  private track(plan: DocumentPlan, path: string, next: VerdictReads | undefined): void {
    const old = plan.reads.get(path);
    for (const p of old?.paths ?? []) {
      const set = plan.readers.get(p);
      set?.delete(path);
      if (set?.size === 0) plan.readers.delete(p);
    }
    plan.probes.delete(path);
    plan.wide.delete(path);
    plan.reads.delete(path);
    if (!next) return;
    plan.reads.set(path, next);
    if (next.probes.length > 0) plan.probes.set(path, next.probes);
    if (next.wide) plan.wide.add(path);
    for (const p of next.paths) {
      let set = plan.readers.get(p);
      if (!set) plan.readers.set(p, (set = new Set()));
      set.add(path);
    }
  }

  private drop(plan: DocumentPlan, path: string, state: DocCheckState | undefined, bulk: boolean): void {
    this.count(plan, path, state, undefined, bulk);
    this.track(plan, path, undefined);
  }

  private documentOutcomes(plan: DocumentPlan, total: number): RuleOutcome[] {
    return plan.rules.map((rule, r) => {
      const passing = plan.passing[r];
      const needed = Math.ceil((rule.threshold ?? 1) * total - 1e-9);
      return {
        check: plan.check,
        rule,
        passing,
        total,
        failing: plan.failing[r].share(),
        holds: total > 0 && passing >= needed,
        documentsToFix: Math.max(0, needed - passing),
      };
    });
  }

  private updateWorkspacePlan(
    plan: WorkspacePlan,
    ws: WorkspaceFacts,
    changes: readonly DocumentChange[],
    changed: Set<string>,
    details: Map<string, string>,
    workspaceFindings: Finding[],
  ): RuleOutcome[] {
    const verdicts = plan.sets.map((s) => {
      const ctx: CheckContext = { rubric: this.rubric, asOf: this.asOf, ws, params: s.params };
      return this.memo.verdict(plan.impl, s.memoKey, ctx);
    });
    const outcomes: RuleOutcome[] = [];
    let firstFailing: { rule: CheckLevelRule; verdict: WorkspaceVerdict } | undefined;
    plan.rules.forEach((rule, r) => {
      const verdict = verdicts[plan.setOf[r]];
      outcomes.push({
        check: plan.check,
        rule,
        holds: verdict.pass,
        passing: verdict.pass ? 1 : 0,
        total: 1,
        failing: verdict.paths,
        documentsToFix: verdict.documentsToFix,
        detail: verdict.detail,
      });
      details.set(plan.check.id, verdict.detail);
      if (!verdict.pass && !firstFailing) firstFailing = { rule, verdict };
    });
    if (!plan.severity || plan.rules.length === 0) return outcomes;
    // Per-document findings of a workspace check (twins, unreachable pages) are shown even when
    // the check holds overall: they are still worth fixing.
    const shown = firstFailing ?? { rule: plan.rules[0], verdict: verdicts[plan.setOf[0]] };
    const level = shown.rule.level;
    const from = plan.placedFrom;
    let paths: Iterable<string>;
    if (!from || from.verdict !== shown.verdict || from.level !== level) {
      const byPath = new Map<string, WorkspaceDocFinding[]>();
      for (const f of shown.verdict.findings) {
        const list = byPath.get(f.path);
        if (list) list.push(f);
        else byPath.set(f.path, [f]);
      }
      paths = from ? new Set([...from.byPath.keys(), ...byPath.keys()]) : byPath.keys();
      plan.placedFrom = { verdict: shown.verdict, level, byPath };
    } else paths = changes.map((c) => c.path);
    const byPath = plan.placedFrom?.byPath ?? new Map<string, WorkspaceDocFinding[]>();
    for (const path of paths) {
      const st = this.docs.get(path);
      if (!st) continue;
      const before = st.placed[plan.index] ?? [];
      const active = activeExemption(st.doc, plan.check.id, this.asOf, this.rubric);
      const now = active ? [] : (byPath.get(path) ?? []).map((f) => this.placedFinding(plan, level, f, before));
      if (!sameItems(before, now)) {
        st.placed[plan.index] = now.length > 0 ? now : undefined;
        changed.add(path);
      }
    }

    const general = firstFailing && firstFailing.verdict.findings.length === 0 ? firstFailing.verdict : undefined;
    const kept = plan.general;
    let next: WorkspacePlan['general'];
    if (general) {
      const same = kept && kept.finding.level === level && kept.finding.message === general.detail;
      next = {
        finding: same ? kept.finding : this.generalFinding(plan, level, general.detail),
        path: ws.indexPage ?? '',
      };
    }
    if (kept?.finding !== next?.finding || kept?.path !== next?.path) {
      if (kept?.path) changed.add(kept.path);
      if (next?.path) changed.add(next.path);
    }
    plan.general = next;
    if (next && next.path === '') workspaceFindings.push(next.finding);
    return outcomes;
  }

  /** The finding of a workspace check's document finding: the one made before when it says the same. */
  private placedFinding(
    plan: WorkspacePlan,
    level: number,
    f: WorkspaceDocFinding,
    before: readonly Finding[],
  ): Finding {
    const made = plan.made.get(f);
    if (made && made.level === level) return made;
    const finding: Finding = {
      check: plan.check.id,
      url: plan.url,
      level,
      severity: plan.severity as Severity,
      message: f.message,
      range: f.range ?? NOWHERE,
      fixes: f.fixes ?? [],
      ...(f.related ? { related: f.related } : {}),
      fingerprint: '',
    };
    const same = before.find((b) => b.message === finding.message && sameFinding(b, finding));
    const out = same ?? { ...finding, fingerprint: fingerprint(plan.check.id, f.path, f.message) };
    plan.made.set(f, out);
    return out;
  }

  private generalFinding(plan: WorkspacePlan, level: number, detail: string): Finding {
    const { id } = plan.check;
    return {
      check: id,
      url: plan.url,
      level,
      severity: plan.severity as Severity,
      message: detail,
      range: NOWHERE,
      fixes: [],
      fingerprint: fingerprint(id, '', detail),
    };
  }

  /** A document's findings in evaluation order: checks in rubric order, then its exemptions and read errors. */
  private assemble(st: DocState): Finding[] {
    const out: Finding[] = [];
    for (const plan of this.plans) {
      if (plan.scope === 'document') {
        const f = st.checks[plan.index]?.finding;
        if (f) out.push(f);
      } else {
        const placed = st.placed[plan.index];
        if (placed) out.push(...placed);
        if (plan.general && plan.general.path === st.doc.path) out.push(plan.general.finding);
      }
    }
    out.push(...st.own);
    return out;
  }

  /**
   * Exemptions that do not count (no reason or a placeholder, no date or too far, expired, unreadable) are
   * findings themselves (pseudo-check `exemption`), and so are read errors (`front-matter`, `file`); a
   * pseudo-check whose severity the configuration turns off makes none.
   */
  private ownFindings(doc: SopDocument): Finding[] {
    if (doc.badExemptions.length === 0 && doc.exemptions.length === 0 && doc.errors.length === 0) return [];
    const out: Finding[] = [];
    const add = (check: PseudoCheckId, message: string, range: Range | undefined) => {
      const { severity, url } = this.pseudo[check];
      if (!severity) return;
      const print = fingerprint(check, doc.path, message);
      out.push({ check, url, level: 0, severity, message, range: range ?? NOWHERE, fixes: [], fingerprint: print });
    };
    const problems = doc.badExemptions.map((b) => ({ range: b.range, message: b.message }));
    for (const e of doc.exemptions) {
      const message = exemptionProblem(e, this.asOf, this.rubric);
      if (message) problems.push({ range: e.range, message });
    }
    for (const p of problems) add('exemption', p.message, p.range);
    for (const err of doc.errors) add(err.check ?? (doc.skipped ? 'file' : 'front-matter'), err.message, err.range);
    return out;
  }
}

/**
 * True when a document check runs on a document: a procedure, or any document that could be read for a check of every
 * document.
 */
function checked(plan: DocumentPlan, doc: SopDocument): boolean {
  return !doc.skipped && (plan.everyDocument || doc.kind === 'procedure');
}

/** True when two verdicts say the same (so findings made of the first stand for the second). */
function sameVerdict(a: DocumentVerdict, b: DocumentVerdict): boolean {
  return a === b || (a.pass === b.pass && a.message === b.message && JSON.stringify(a) === JSON.stringify(b));
}

/** True when two findings of the same check and path say the same, fingerprints aside. */
function sameFinding(a: Finding, b: Finding): boolean {
  return JSON.stringify({ ...a, fingerprint: '' }) === JSON.stringify(b);
}
