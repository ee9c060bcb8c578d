/** Test helpers: audit a few in-memory documents with the built-in rubric. */
import { audit, defaultConfig, loadBuiltinRubric, Workspace } from '../../../src/core';
import type { Finding, Report, Rubric, SopConfig } from '../../../src/core';

export const AS_OF = '2026-11-01';

export function rubric(): Rubric {
  return loadBuiltinRubric();
}

/** Audits files given as path → text. */
export function auditFiles(
  files: Record<string, string>,
  opts: { config?: Partial<SopConfig>; rubric?: Rubric; asOf?: string; ownerFiles?: Record<string, string> } = {},
): Report {
  return audit({
    root: '/repo',
    config: { ...defaultConfig(), ...opts.config },
    rubric: opts.rubric ?? rubric(),
    asOf: opts.asOf ?? AS_OF,
    files: Object.entries(files).map(([path, text]) => ({ path, text })),
    ownerFiles: Object.entries(opts.ownerFiles ?? {}).map(([path, text]) => ({ path, text })),
  });
}

/** A workspace holding the given files. */
export function workspaceOf(files: Record<string, string>, asOf = AS_OF): Workspace {
  const ws = new Workspace({ root: '/repo', config: defaultConfig(), rubric: rubric(), asOf });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return ws;
}

/** Findings of one document. */
export function findingsOf(report: Report, path: string): Finding[] {
  return report.documents.find((d) => d.path === path)?.findings ?? [];
}

/** The finding of one check on one document, if any. */
export function finding(report: Report, path: string, check: string): Finding | undefined {
  return findingsOf(report, path).find((f) => f.check === check);
}

/** A complete SOP that passes every document check (as of AS_OF). */
export function goodSop(title: string, extra: string[] = []): string {
  return [
    '---',
    `title: ${title}`,
    'type: sop',
    'owner: Dana Whitfield',
    'category: Service desk',
    'last_reviewed: 2026-09-01',
    'automation: rmm policy',
    'metrics: time to complete',
    ...extra,
    '---',
    '',
    `# ${title}`,
    '',
    '## Purpose',
    '',
    // Words enough of its own (30 or more) not to be a stub, an empty template copy; the title recurs so that two good SOPs do not read as one text.
    `Why ${title} matters: ${title} keeps the service running for each client, and the technician who runs ${title} records the outcome before the ${title} ticket is closed.`,
    '',
    '## Prerequisites',
    '',
    '- Admin access.',
    '',
    '## Procedure',
    '',
    '1. Open the ticket.',
    '2. Do the work.',
    '3. Close the ticket.',
    '',
    '## Checklist',
    '',
    '- [ ] Ticket opened',
    '- [ ] Work done',
    '',
    '## Verification',
    '',
    'The ticket is closed.',
    '',
  ].join('\n');
}
