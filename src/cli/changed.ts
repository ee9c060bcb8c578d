/**
 * `audit --changed-since REV`: the findings of the documents a change
 * touches, for pull-request checks. The levels stay those of the whole
 * repository, because maturity is a property of the repository, not of a diff.
 */
import { changedFilesSince } from '../node/git';
import type { Report } from '../core/report/types';

/**
 * The report with findings kept only for documents changed since `rev`
 * (see `changedFilesSince`); findings of the whole workspace are dropped,
 * since no single change owns them.
 * @throws GitError outside a git repository or for an unknown revision.
 */
export function limitToChangedSince(report: Report, root: string, rev: string): Report {
  return limitFindings(report, changedFilesSince(root, rev));
}

/** The report with findings only for the documents in `paths`; the summary's finding count follows. */
export function limitFindings(report: Report, paths: ReadonlySet<string>): Report {
  const documents = report.documents.map((d) => (paths.has(d.path) ? d : { ...d, findings: [] }));
  const findings = documents.reduce((n, d) => n + d.findings.length, 0);
  return { ...report, documents, workspaceFindings: [], summary: { ...report.summary, findings } };
}
