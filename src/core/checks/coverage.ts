import type { WorkspaceCheck } from './check';
import { param } from './check';
import { topicCoverage } from '../audit/match';

/** A workspace check that passes when procedure documents cover at least `minTopics` of its topics. */
function coverageCheck(id: string, what: string): WorkspaceCheck {
  return {
    id,
    scope: 'workspace',
    run(ctx) {
      const topics = param<Record<string, string[]>>(ctx.params, 'topics', {});
      const cov = topicCoverage(ctx.ws.procedures, topics);
      const min = param(ctx.params, 'minTopics', cov.length);
      const covered = cov.filter((c) => c.path);
      const missing = cov.filter((c) => !c.path).map((c) => c.topic);
      const pass = covered.length >= min;
      const have = covered.map((c) => `${c.topic} (${c.path})`).join(', ') || 'none';
      const detail = pass
        ? `${what}: ${covered.length} of ${cov.length} topics covered: ${have}`
        : `${what}: ${covered.length} of ${cov.length} topics covered, ${min} needed; write procedures for: ${missing.join(', ')}`;
      return { pass, detail, documentsToFix: Math.max(0, min - covered.length), paths: [], findings: [] };
    },
  };
}

/** `recurring-coverage`: procedures for the recurring operational work (patching, monitoring, backup, ...). */
export const recurringCoverage = coverageCheck('recurring-coverage', 'Recurring work');

/** `assurance-coverage`: procedures that test backups, endpoint protection and threat detection. */
export const assuranceCoverage = coverageCheck('assurance-coverage', 'Assurance');
