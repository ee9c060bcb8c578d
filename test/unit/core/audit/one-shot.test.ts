/**
 * `oneShot` (the CLI's workspace) keeps none of the bookkeeping of later updates: its reports must be the reports of
 * an ordinary workspace, for the example repository and after random edits, additions and removals (each report
 * after the first is then evaluated afresh).
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, defaultConfig, loadBuiltinRubric } from '../../../../src/core';
import { isOwnerFile } from '../../../../src/core/parse/owners';

const rubric = loadBuiltinRubric();
const root = 'examples';

function files(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      const rel = relative(root, p).split('\\').join('/');
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md') || isOwnerFile(rel)) out.set(rel, readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}

const EXAMPLES = files();
const MARKDOWN = [...EXAMPLES.keys()].filter((p) => p.endsWith('.md')).sort();

function workspace(oneShot: boolean): Workspace {
  const config = { ...defaultConfig(), asOf: '2026-11-01' };
  const ws = new Workspace({ root: '/repo', config, rubric, oneShot, fileExists: (p) => EXAMPLES.has(p) });
  for (const [p, t] of EXAMPLES) {
    if (isOwnerFile(p)) ws.setOwnerFile(p, t);
    else ws.setFile(p, t);
  }
  return ws;
}

const edit = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), i: fc.nat(MARKDOWN.length - 1) }),
  fc.record({
    kind: fc.constant('copy' as const),
    i: fc.nat(MARKDOWN.length - 1),
    to: fc.constantFrom('docs/x.md', 'y.md'),
  }),
  fc.record({ kind: fc.constant('strip' as const), i: fc.nat(MARKDOWN.length - 1) }),
);

describe('Workspace oneShot', () => {
  it('gives the report of an ordinary workspace, and again after random changes', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const plain = workspace(false);
        const once = workspace(true);
        expect(JSON.stringify(once.report())).toBe(JSON.stringify(plain.report()));
        for (const e of edits) {
          const path = MARKDOWN[e.i];
          for (const ws of [plain, once]) {
            if (e.kind === 'remove') ws.removeFile(path);
            else if (e.kind === 'copy') ws.setFile(e.to, EXAMPLES.get(path) as string);
            // Without its front matter and checklists: owner, review date and checklist findings change.
            else
              ws.setFile(
                path,
                (EXAMPLES.get(path) as string).replace(/^---[\s\S]*?---\n/, '').replace(/- \[[ x]\]/g, '-'),
              );
          }
          expect(JSON.stringify(once.report())).toBe(JSON.stringify(plain.report()));
        }
      }),
      { numRuns: 15 },
    );
  });
});
