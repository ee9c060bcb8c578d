/**
 * Runs the rubric's checks over the documents: per-level statistics for
 * every check and at most one finding per check and document, for the
 * lowest level the document fails.
 */
import type { CheckLevelRule, Finding, Rubric, RubricCheck, Severity, SopConfig, SopDocument } from './types';
import type { CheckContext, DocumentVerdict, WorkspaceFacts, WorkspaceVerdict } from './checks/check';
import { getCheck } from './checks';
import { sha1 } from './text';
import type { EvaluationMemo, StoredVerdict } from './incremental';
import { mayProbe } from './incremental';

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
  /** Findings by document path. */
  findings: Map<string, Finding[]>;
  workspaceFindings: Finding[];
  /** Per check id: documents that pass only through an exemption. */
  exempted: Map<string, number>;
  /** Per check id: workspace detail sentence. */
  details: Map<string, string>;
}

/** True when an exemption of the document covers the check as of the audit date. */
export function activeExemption(doc: SopDocument, checkId: string, asOf: string): boolean {
  return doc.exemptions.some((e) => e.reason !== undefined && (e.until === undefined || e.until >= asOf) && (e.checks.length === 0 || e.checks.includes(checkId)));
}

/** The severity of a check after the configuration's overrides; undefined when turned off. */
function severityOf(check: RubricCheck, config: SopConfig): Severity | undefined {
  const o = config.severity[check.id];
  if (o === 'off') return undefined;
  return o ?? check.severity;
}

function fingerprint(check: string, path: string, message: string): string {
  return sha1(`${check}\u0000${path}\u0000${message}`).slice(0, 16);
}

/** Per procedure, whether an exemption covers the check; undefined when none does (`withExemptions`: indexes of the procedures that have any). */
function exemptions(procedures: readonly SopDocument[], withExemptions: readonly number[], checkId: string, asOf: string): boolean[] | undefined {
  let out: boolean[] | undefined;
  for (const i of withExemptions) {
    const d = procedures[i];
    if (!activeExemption(d, checkId, asOf)) continue;
    out ??= new Array<boolean>(procedures.length).fill(false);
    out[i] = true;
  }
  return out;
}

/** Runs a document check, recording the `fileExists` probes it makes (links are checked against the disk). */
function runDocumentCheck(run: (doc: SopDocument, ctx: CheckContext) => DocumentVerdict, doc: SopDocument, ctx: CheckContext, probe: boolean): StoredVerdict {
  if (!probe) return { verdict: run(doc, ctx) };
  const probes: [string, boolean][] = [];
  const exists = ctx.ws.fileExists;
  const ws: WorkspaceFacts = {
    ...ctx.ws,
    fileExists: (p) => {
      const e = exists(p);
      probes.push([p, e]);
      return e;
    },
  };
  const verdict = run(doc, { ...ctx, ws });
  return probes.length > 0 ? { verdict, probes } : { verdict };
}

/** Runs every enabled check of the rubric; a memo (kept by a workspace) lets verdicts of unchanged documents be reused. */
export function evaluate(rubric: Rubric, config: SopConfig, ws: WorkspaceFacts, asOf: string, memo?: EvaluationMemo): Evaluation {
  const ev: Evaluation = { outcomes: [], findings: new Map(), workspaceFindings: [], exempted: new Map(), details: new Map() };
  const add = (path: string, f: Finding) => {
    const list = ev.findings.get(path);
    if (list) list.push(f);
    else ev.findings.set(path, [f]);
  };

  const withExemptions: number[] = [];
  ws.procedures.forEach((d, i) => {
    if (d.exemptions.length > 0) withExemptions.push(i);
  });

  for (const check of rubric.checks) {
    if (!check.enabled) continue;
    const impl = getCheck(check.id);
    if (!impl) continue;
    const severity = severityOf(check, config);
    const rules = [...check.levels].sort((a, b) => a.level - b.level);
    const ctxFor = (rule: CheckLevelRule): CheckContext => ({ rubric, asOf, ws, params: { ...check.params, ...(rule.params ?? {}) } });

    if (impl.scope === 'document') {
      // Levels with the same parameters share one verdict per document (an array in procedure order).
      const procedures = ws.procedures;
      const total = procedures.length;
      const verdicts = new Map<string, DocumentVerdict[]>();
      const verdictsFor = (rule: CheckLevelRule): DocumentVerdict[] => {
        const key = JSON.stringify(rule.params ?? {});
        let v = verdicts.get(key);
        if (!v) {
          const ctx = ctxFor(rule);
          const kept = memo?.verdicts(check.id, JSON.stringify(ctx.params), ws, asOf);
          const store = kept?.store ?? new WeakMap<SopDocument, StoredVerdict>();
          // The last report's procedures and verdicts: a document at the same place is found without the WeakMap.
          const prev = kept?.last;
          const same = prev !== undefined && prev.procedures.length === total;
          const run = impl.run.bind(impl);
          const probe = mayProbe(check.id);
          v = new Array<DocumentVerdict>(total);
          const probed: boolean[] = [];
          for (let i = 0; i < total; i++) {
            const d = procedures[i];
            if (same && prev.procedures[i] === d && !prev.probed[i]) {
              v[i] = prev.verdicts[i];
              continue;
            }
            let stored = store.get(d);
            // The disk may have changed since: a verdict that asked `fileExists` holds while the answers do.
            if (stored?.probes && stored.probes.some(([p, e]) => ws.fileExists(p) !== e)) stored = undefined;
            if (!stored) {
              stored = runDocumentCheck(run, d, ctx, probe);
              store.set(d, stored);
            }
            v[i] = stored.verdict;
            if (stored.probes) probed[i] = true;
          }
          if (kept) kept.last = { procedures, verdicts: v, probed };
          verdicts.set(key, v);
        }
        return v;
      };
      const exempt = exemptions(procedures, withExemptions, check.id, asOf);
      const firstFailAt = new Uint8Array(total);
      const firstFail: { rule: CheckLevelRule; verdicts: DocumentVerdict[]; at: number[] }[] = [];
      let exempted = 0;
      for (const rule of rules) {
        const v = verdictsFor(rule);
        const failing: string[] = [];
        const at: number[] = [];
        let passing = 0;
        for (let i = 0; i < total; i++) {
          if (v[i].pass || (exempt !== undefined && exempt[i])) passing++;
          else {
            failing.push(procedures[i].path);
            if (firstFailAt[i] === 0) {
              firstFailAt[i] = 1;
              at.push(i);
            }
          }
        }
        firstFail.push({ rule, verdicts: v, at });
        const threshold = rule.threshold ?? 1;
        const needed = Math.ceil(threshold * total - 1e-9);
        ev.outcomes.push({ check, rule, passing, total, failing, holds: total > 0 && passing >= needed, documentsToFix: Math.max(0, needed - passing) });
      }
      if (exempt !== undefined) {
        for (let i = 0; i < total; i++) if (exempt[i] && rules.some((r) => !verdictsFor(r)[i].pass)) exempted++;
      }
      ev.exempted.set(check.id, exempted);
      if (severity) {
        for (const { rule, verdicts: v, at } of firstFail) for (const i of at) {
          const path = procedures[i].path;
          const verdict = v[i];
          const cached = memo?.findings.get(verdict);
          if (cached && cached.check === check.id && cached.path === path && cached.level === rule.level && cached.severity === severity && cached.hint === check.hint) {
            add(path, cached.finding);
            continue;
          }
          const message = verdict.message ?? check.hint;
          const finding: Finding = {
            check: check.id,
            level: rule.level,
            severity,
            message,
            range: verdict.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
            fixes: verdict.fixes ?? [],
            ...(verdict.related && verdict.related.length > 0 ? { related: verdict.related } : {}),
            fingerprint: fingerprint(check.id, path, message),
          };
          memo?.findings.set(verdict, { check: check.id, path, level: rule.level, severity, hint: check.hint, finding });
          add(path, finding);
        }
      }
      continue;
    }

    // Workspace checks: one verdict per distinct parameter set.
    const cache = new Map<string, WorkspaceVerdict>();
    let firstFailing: { rule: CheckLevelRule; verdict: WorkspaceVerdict } | undefined;
    for (const rule of rules) {
      const key = JSON.stringify(rule.params ?? {});
      let verdict = cache.get(key);
      if (!verdict) {
        const ctx = ctxFor(rule);
        verdict = memo ? memo.workspaceVerdict(check.id, JSON.stringify(ctx.params), ctx, (c) => impl.run(c)) : impl.run(ctx);
        cache.set(key, verdict);
      }
      ev.outcomes.push({
        check,
        rule,
        holds: verdict.pass,
        passing: verdict.pass ? 1 : 0,
        total: 1,
        failing: verdict.paths,
        documentsToFix: verdict.documentsToFix,
        detail: verdict.detail,
      });
      ev.details.set(check.id, verdict.detail);
      if (!verdict.pass && !firstFailing) firstFailing = { rule, verdict };
    }
    ev.exempted.set(check.id, 0);
    if (!severity) continue;
    // Per-document findings of a workspace check (twins, unreachable pages) are shown even when
    // the check holds overall: they are still worth fixing.
    const anyVerdict = firstFailing ?? (cache.size > 0 ? { rule: rules[0], verdict: [...cache.values()][0] } : undefined);
    if (!anyVerdict) continue;
    const level = anyVerdict.rule.level;
    for (const f of anyVerdict.verdict.findings) {
      const doc = ws.docs.get(f.path);
      if (doc && activeExemption(doc, check.id, asOf)) continue;
      add(f.path, {
        check: check.id,
        level,
        severity,
        message: f.message,
        range: f.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        fixes: f.fixes ?? [],
        ...(f.related ? { related: f.related } : {}),
        fingerprint: fingerprint(check.id, f.path, f.message),
      });
    }
    if (firstFailing && firstFailing.verdict.findings.length === 0) {
      const wf: Finding = {
        check: check.id,
        level,
        severity,
        message: firstFailing.verdict.detail,
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        fixes: [],
        fingerprint: fingerprint(check.id, '', firstFailing.verdict.detail),
      };
      if (ws.indexPage) add(ws.indexPage, wf);
      else ev.workspaceFindings.push(wf);
    }
  }

  exemptionFindings(ws, asOf, add);
  return ev;
}

/** Exemptions that do not count (no reason, expired, unreadable) are findings themselves. */
function exemptionFindings(ws: WorkspaceFacts, asOf: string, add: (path: string, f: Finding) => void): void {
  for (const doc of ws.docs.values()) {
    if (doc.badExemptions.length === 0 && doc.exemptions.length === 0 && doc.errors.length === 0) continue;
    const problems = doc.badExemptions.map((b) => ({ range: b.range, message: b.message }));
    for (const e of doc.exemptions) {
      if (e.reason === undefined) problems.push({ range: e.range, message: 'Exemption without a reason does not count: write `-- REASON (until YYYY-MM-DD)` after the check ids' });
      else if (e.until !== undefined && e.until < asOf) problems.push({ range: e.range, message: `Exemption expired on ${e.until}: fix the document or renew the exemption with a new reason and date` });
    }
    for (const p of problems) {
      add(doc.path, { check: 'exemption', level: 0, severity: 'warning', message: p.message, range: p.range, fixes: [], fingerprint: fingerprint('exemption', doc.path, p.message) });
    }
    for (const err of doc.errors) {
      const check = doc.skipped ? 'file' : 'front-matter';
      add(doc.path, {
        check,
        level: 0,
        severity: doc.skipped ? 'warning' : 'error',
        message: err.message,
        range: err.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        fixes: [],
        fingerprint: fingerprint(check, doc.path, err.message),
      });
    }
  }
}
