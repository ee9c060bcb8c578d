/**
 * The review queue and owners section kept between reports (`ReviewsState`) equal those of a fresh audit after
 * random edits to the example repository: owners changed or removed, review dates moved, checklists and sections
 * taken out (so a procedure starts or stops failing a level), documents added and removed.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, defaultConfig, loadBuiltinRubric } from '../../../../src/core';
import { isOwnerFile } from '../../../../src/core/parse/owners';
import { ReviewsState } from '../../../../src/core/audit/reviewState';
import { ownersReport } from '../../../../src/core/audit/reviews';
import type { RuleOutcome } from '../../../../src/core/audit/evaluate';
import type { DocumentReport } from '../../../../src/core/report/types';

const rubric = loadBuiltinRubric();
const root = 'examples';
// With findings of `links` turned off, a procedure can start failing (a link target removed) while its document report
// stays the same: the owners' shares must follow the failing lists, not only the document reports.
const config = { ...defaultConfig(), asOf: '2026-11-01', severity: { links: 'off' as const } };

const EXAMPLES = new Map<string, string>();
(function walk(abs: string) {
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    const p = join(abs, e.name);
    const rel = relative(root, p).split('\\').join('/');
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.md') || isOwnerFile(rel)) EXAMPLES.set(rel, readFileSync(p, 'utf8'));
  }
})(root);
const MARKDOWN = [...EXAMPLES.keys()].filter((p) => p.endsWith('.md')).sort();

function fill(ws: Workspace, files: Map<string, string>): Workspace {
  for (const [p, t] of files) {
    if (isOwnerFile(p)) ws.setOwnerFile(p, t);
    else ws.setFile(p, t);
  }
  return ws;
}

const make = () => new Workspace({ root: '/repo', config, rubric, fileExists: (p) => EXAMPLES.has(p) });

/** What an edit does to a text. */
const EDITS: ((text: string) => string)[] = [
  (t) => t.replace(/^owner:.*$/m, 'owner: someone-else'),
  (t) => t.replace(/^owner:.*\n/m, ''),
  (t) => t.replace(/^(last_reviewed|reviewed|last-reviewed):.*$/m, '$1: 2026-10-20'),
  (t) => t.replace(/^(last_reviewed|reviewed|last-reviewed):.*$/m, '$1: 2024-01-02'),
  (t) => t.replace(/- \[[ x]\]/g, '-'),
  (t) => t.replace(/^## (Verification|Rollback|Prerequisites).*$/gm, '## Notes'),
];

const step = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), i: fc.nat(MARKDOWN.length - 1), e: fc.nat(EDITS.length - 1) }),
  fc.record({ kind: fc.constant('remove' as const), i: fc.nat(MARKDOWN.length - 1) }),
  fc.record({ kind: fc.constant('restore' as const), i: fc.nat(MARKDOWN.length - 1) }),
);

describe('the review queue and owners, kept between reports', () => {
  it('equal a fresh audit after every random edit', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const files = new Map(EXAMPLES);
        const ws = fill(make(), files);
        ws.report();
        for (const s of steps) {
          const path = MARKDOWN[s.i];
          if (s.kind === 'remove') {
            files.delete(path);
            ws.removeFile(path);
          } else {
            const text =
              s.kind === 'edit'
                ? EDITS[s.e](files.get(path) ?? (EXAMPLES.get(path) as string))
                : (EXAMPLES.get(path) as string);
            files.set(path, text);
            ws.setFile(path, text);
          }
          const kept = ws.report();
          const fresh = fill(make(), files).report();
          expect(JSON.stringify(kept.reviews)).toBe(JSON.stringify(fresh.reviews));
          expect(JSON.stringify(kept.owners)).toBe(JSON.stringify(fresh.owners));
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('ReviewsState.owners', () => {
  it('follows a path that starts or stops failing a level while its review item stays the same', () => {
    const docs: DocumentReport[] = ['a.md', 'b.md', 'c.md', 'd.md'].map((path, i) => ({
      path,
      kind: 'procedure',
      kindReason: 'test',
      ...(i < 3 ? { owner: i < 2 ? 'ops' : 'noc', ownerSource: 'front-matter' as const, ownerOrigin: 'owner' } : {}),
      exemptions: [],
      findings: [],
    }));
    const outcome = (level: number, failing: string[]) =>
      ({ check: { id: `c${level}`, scope: 'document' }, rule: { level }, failing }) as unknown as RuleOutcome;
    const state = new ReviewsState(rubric, '2026-11-01', 30);
    const reviews = state.queue(docs, () => undefined);
    const steps: RuleOutcome[][] = [
      [outcome(2, ['a.md']), outcome(4, ['c.md'])],
      [outcome(2, []), outcome(4, ['a.md', 'c.md'])],
      [outcome(2, ['b.md', 'd.md']), outcome(4, ['c.md'])],
      [outcome(2, ['b.md', 'd.md']), outcome(4, ['c.md'])],
    ];
    for (const outcomes of steps) {
      expect(state.queue(docs, () => undefined)).toBe(reviews);
      expect(state.owners(reviews, outcomes, 3, 4)).toEqual(ownersReport(reviews, outcomes, 3, 4));
    }
  });
});
