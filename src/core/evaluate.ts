/**
 * Runs the rubric's checks over the documents: per-level statistics for
 * every check and at most one finding per check and document, for the
 * lowest level the document fails.
 */
import type { CheckLevelRule, Finding, Rubric, RubricCheck, Severity, SopConfig, SopDocument } from './types';
import type { CheckContext, DocumentVerdict, WorkspaceFacts, WorkspaceVerdict } from './checks/check';
import { getCheck } from './checks';
import { sha1 } from './text';

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

/** Runs every enabled check of the rubric. */
export function evaluate(rubric: Rubric, config: SopConfig, ws: WorkspaceFacts, asOf: string): Evaluation {
  const ev: Evaluation = { outcomes: [], findings: new Map(), workspaceFindings: [], exempted: new Map(), details: new Map() };
  const add = (path: string, f: Finding) => {
    const list = ev.findings.get(path);
    if (list) list.push(f);
    else ev.findings.set(path, [f]);
  };

  for (const check of rubric.checks) {
    if (!check.enabled) continue;
    const impl = getCheck(check.id);
    if (!impl) continue;
    const severity = severityOf(check, config);
    const rules = [...check.levels].sort((a, b) => a.level - b.level);
    const ctxFor = (rule: CheckLevelRule): CheckContext => ({ rubric, asOf, ws, params: { ...check.params, ...(rule.params ?? {}) } });

    if (impl.scope === 'document') {
      // Levels with the same parameters share one verdict per document.
      const verdicts = new Map<string, Map<string, DocumentVerdict>>();
      const verdictsFor = (rule: CheckLevelRule) => {
        const key = JSON.stringify(rule.params ?? {});
        let v = verdicts.get(key);
        if (!v) {
          const ctx = ctxFor(rule);
          v = new Map(ws.procedures.map((d) => [d.path, impl.run(d, ctx)]));
          verdicts.set(key, v);
        }
        return v;
      };
      const firstFail = new Map<string, { rule: CheckLevelRule; verdict: DocumentVerdict }>();
      let exempted = 0;
      for (const rule of rules) {
        const v = verdictsFor(rule);
        const failing: string[] = [];
        let passing = 0;
        for (const d of ws.procedures) {
          const verdict = v.get(d.path) as DocumentVerdict;
          if (verdict.pass || activeExemption(d, check.id, asOf)) passing++;
          else {
            failing.push(d.path);
            if (!firstFail.has(d.path)) firstFail.set(d.path, { rule, verdict });
          }
        }
        const total = ws.procedures.length;
        const threshold = rule.threshold ?? 1;
        const needed = Math.ceil(threshold * total - 1e-9);
        ev.outcomes.push({ check, rule, passing, total, failing, holds: total > 0 && passing >= needed, documentsToFix: Math.max(0, needed - passing) });
      }
      for (const d of ws.procedures) {
        if (rules.some((r) => !verdictsFor(r).get(d.path)?.pass) && activeExemption(d, check.id, asOf)) exempted++;
      }
      ev.exempted.set(check.id, exempted);
      if (severity) {
        for (const [path, { rule, verdict }] of firstFail) {
          const message = verdict.message ?? check.hint;
          add(path, {
            check: check.id,
            level: rule.level,
            severity,
            message,
            range: verdict.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
            fixes: verdict.fixes ?? [],
            ...(verdict.related && verdict.related.length > 0 ? { related: verdict.related } : {}),
            fingerprint: fingerprint(check.id, path, message),
          });
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
        verdict = impl.run(ctxFor(rule));
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
