/**
 * Baselines: the findings a repository had when it adopted the tool, so CI
 * can fail on new findings only. A finding is "known" when the baseline holds
 * one with the same check, document and fingerprint. Fingerprints never
 * include a line, so inserting text above a finding does not make it new.
 *
 * Some messages quote numbers that drift by themselves (the age of a review
 * in days, the audit date, "and 2 more"); a second pass therefore also
 * matches findings whose messages agree once every number is ignored.
 */
import type { Finding, Report } from './types';
import { sha1 } from '../text';

/** Marks files written by `sop-maturity baseline`; bumped when the layout changes. */
export const BASELINE_FORMAT = 'sop-maturity-baseline';
export const BASELINE_VERSION = 1;

/** One finding as the baseline remembers it. */
export interface BaselineEntry {
  check: string;
  /** Document path relative to the root; `""` for a finding of the whole workspace. */
  path: string;
  fingerprint: string;
  /** Kept for people reading the file, and for the number-blind second match. */
  message: string;
}

export interface Baseline {
  format: typeof BASELINE_FORMAT;
  version: typeof BASELINE_VERSION;
  /** The as-of day of the audit the baseline was taken from. */
  asOf: string;
  findings: BaselineEntry[];
}

/** The baseline of a report: every finding, sorted so the file diffs well. */
export function createBaseline(report: Report): Baseline {
  const findings = locatedFindings(report).map(({ path, finding }) => ({
    check: finding.check,
    path,
    fingerprint: fingerprintOf(path, finding),
    message: finding.message,
  }));
  findings.sort(
    (a, b) => compare(a.path, b.path) || compare(a.check, b.check) || compare(a.fingerprint, b.fingerprint),
  );
  return { format: BASELINE_FORMAT, version: BASELINE_VERSION, asOf: report.asOf, findings };
}

/** Reads a baseline file's text; the error says what is wrong with it. */
export function parseBaseline(text: string): { baseline: Baseline } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  const b = data as Partial<Baseline> | null;
  if (!b || typeof b !== 'object' || b.format !== BASELINE_FORMAT)
    return {
      error: `not a baseline file: expected "format": "${BASELINE_FORMAT}" (write one with \`sop-maturity baseline\`)`,
    };
  if (b.version !== BASELINE_VERSION)
    return {
      error: `baseline version ${String(b.version)} is not supported: expected ${BASELINE_VERSION} (write it again with \`sop-maturity baseline\`)`,
    };
  if (!Array.isArray(b.findings) || !b.findings.every(isEntry))
    return { error: '"findings" must be a list of { check, path, fingerprint, message }' };
  return { baseline: b as Baseline };
}

/**
 * A copy of the report in which every finding carries `baseline: 'new'` or
 * `'known'`. Each baseline entry vouches for at most one finding, so a second
 * identical problem in the same document is new.
 */
export function markBaseline(report: Report, baseline: Baseline): Report {
  const exact = new Multiset(baseline.findings.map((e) => `${e.check}\u0000${e.path}\u0000${e.fingerprint}`));
  const loose = new Multiset(baseline.findings.map((e) => looseKey(e.check, e.path, e.message)));
  // Copies, marked in place below: the caller's report stays as it was.
  const marked: Report = {
    ...report,
    documents: report.documents.map((d) => ({ ...d, findings: d.findings.map((f) => ({ ...f })) })),
    workspaceFindings: report.workspaceFindings.map((f) => ({ ...f })),
  };
  const all = locatedFindings(marked);
  // Exact matches first, so a number-blind match never takes the entry an exact match needs.
  for (const { path, finding } of all) {
    if (exact.take(`${finding.check}\u0000${path}\u0000${fingerprintOf(path, finding)}`)) {
      finding.baseline = 'known';
      loose.take(looseKey(finding.check, path, finding.message));
    }
  }
  for (const { path, finding } of all) {
    finding.baseline ??= loose.take(looseKey(finding.check, path, finding.message)) ? 'known' : 'new';
  }
  return marked;
}

/** How many findings of a marked report are new and how many known. */
export function baselineCounts(report: Pick<Report, 'documents' | 'workspaceFindings'>): {
  new: number;
  known: number;
} {
  const counts = { new: 0, known: 0 };
  for (const { finding } of locatedFindings(report)) if (finding.baseline) counts[finding.baseline]++;
  return counts;
}

function locatedFindings(
  report: Pick<Report, 'documents' | 'workspaceFindings'>,
): { path: string; finding: Finding }[] {
  return [
    ...report.workspaceFindings.map((finding) => ({ path: '', finding })),
    ...report.documents.flatMap((d) => d.findings.map((finding) => ({ path: d.path, finding }))),
  ];
}

/** The engine's fingerprint; computed the same way for a finding made without one. */
function fingerprintOf(path: string, f: Finding): string {
  return f.fingerprint ?? sha1(`${f.check}\u0000${path}\u0000${f.message}`).slice(0, 16);
}

function looseKey(check: string, path: string, message: string): string {
  return `${check}\u0000${path}\u0000${message.replace(/\d+/g, '#')}`;
}

function isEntry(x: unknown): x is BaselineEntry {
  const e = x as Partial<BaselineEntry> | null;
  return (
    !!e &&
    typeof e.check === 'string' &&
    typeof e.path === 'string' &&
    typeof e.fingerprint === 'string' &&
    typeof e.message === 'string'
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts of keys; `take` uses one up. */
class Multiset {
  private readonly counts = new Map<string, number>();
  constructor(keys: Iterable<string>) {
    for (const k of keys) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  take(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n === 0) return false;
    this.counts.set(key, n - 1);
    return true;
  }
}
