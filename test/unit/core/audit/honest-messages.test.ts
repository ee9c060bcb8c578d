/**
 * Honest small messages: the parse-budget message says what was being
 * parsed (measured) and guesses no cause; a refused glob is an error that
 * says so, and the run stops with a clear line instead of "is ignored" and
 * nothing; a finding offers only the fixes that can change its document
 * (the fix layer says which); `--fix` says per finding why a fix it offered
 * made no change.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timedOutDocument } from '../../../../src/node/timeLimit';
import { fixBlocker } from '../../../../src/core/fixes/offer';
import { computeFix } from '../../../../src/core';
import { runCli } from '../../helpers/cli';
import type { Report } from '../../../../src/core/report/types';
import { AS_OF, auditFiles, rubric, workspaceOf } from '../../helpers/audit';

const projectRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const cli = path.join(projectRoot, 'dist', 'cli.js');

/** A file of 100,000 links, each one line (100,006 lines in all). */
const LINKS = `---\ntitle: Links\ntype: sop\n---\n# Links\n\n${Array.from({ length: 100_000 }, (_, i) => `- [page ${i}](page-${i}.md)`).join('\n')}\n`;
const CHARS = LINKS.length.toLocaleString('en-US');

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-honest-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const audit = (...args: string[]) => runCli(['audit', '.', '--no-cache', '--as-of', AS_OF, ...args], root);

describe('the parse budget', () => {
  it('names what was being parsed, measured, and guesses no cause', () => {
    const doc = timedOutDocument({ path: 'links.md', text: LINKS }, 10_000);
    expect(doc.skipped).toBe(
      `parsing took longer than 10000 ms (maxParseMs) on a file of ${CHARS} characters in 100,006 lines with 100,000 links, so the file was not audited: raise maxParseMs in .sopmaturity.yml to give it more time`,
    );
    expect(doc.skipped).not.toMatch(/unmatched|may hold|construct/);
  });

  it('says the same through the CLI, when the budget runs out on a worker', () => {
    if (!fs.existsSync(cli)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'pipe' });
    fs.writeFileSync(path.join(root, 'links.md'), LINKS);
    // A budget no parse of 2.9 MB can meet.
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), 'maxParseMs: 1\n');
    const r = spawnSync(process.execPath, [cli, 'audit', root, '--no-cache', '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const report = JSON.parse(r.stdout) as Report;
    const finding = report.documents[0].findings.find((f) => f.check === 'file');
    expect(finding?.message).toContain(
      `parsing took longer than 1 ms (maxParseMs) on a file of ${CHARS} characters in 100,006 lines with 100,000 links, so the file was not audited`,
    );
  }, 60_000);
});

describe('a refused glob', () => {
  it('is an error that says it is refused, and the run stops with a clear line and exit code 2', () => {
    fs.writeFileSync(path.join(root, 'a.md'), '# A\n');
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), `exclude:\n  - "${'a'.repeat(900 * 1024)}"\n`);
    const r = audit();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `.sopmaturity.yml:2:5: \`exclude\` pattern \`${'a'.repeat(40)}…\` is refused (pattern is 921600 characters long, over the limit of 1024): shorten or split it\n` +
        'sop-maturity: the audit did not run: correct the error in .sopmaturity.yml above.\n',
    );
    expect(r.stderr).not.toContain('ignored');
  });
});

describe('a finding offers only the fixes that can change its document', () => {
  const EMPTY_STEPS =
    '---\ntitle: Night backup failure\ntype: sop\nowner: ops\nlast_reviewed: 2026-10-01\n---\n# Night backup failure runbook\n\nWhat the operator does each night when the backup job of a managed client reports a failure and the on-call technician has to decide whether to escalate.\n\n## Procedure\n\n## Notes\n\nSome notes.\n';

  it('a Procedure heading without steps: the procedure finding offers no add-sections (the heading is there already)', () => {
    const report = auditFiles({ 'docs/sops/night.md': EMPTY_STEPS });
    const finding = report.documents[0].findings.find((f) => f.check === 'procedure')!;
    expect(finding.message).toMatch(/^No written steps/);
    expect(finding.fixes).toEqual([]);
    // What the check proposed, the fix layer refuses, and says why.
    const ws = workspaceOf({ 'docs/sops/night.md': EMPTY_STEPS });
    const doc = ws.document('docs/sops/night.md')!;
    expect(
      computeFix('add-sections', { text: EMPTY_STEPS, doc, rubric: rubric(), asOf: AS_OF, sectionsFor: 'procedure' }),
    ).toEqual([]);
    expect(fixBlocker('add-sections', doc, rubric(), 'procedure')).toBe('no template section for procedure is missing');
  });

  it('the fixes that remain offered do apply', () => {
    const report = auditFiles({ 'docs/sops/night.md': EMPTY_STEPS });
    const ws = workspaceOf({ 'docs/sops/night.md': EMPTY_STEPS });
    const doc = ws.document('docs/sops/night.md')!;
    for (const f of report.documents[0].findings) {
      for (const fixId of f.fixes.filter((id) =>
        ['add-checklist', 'add-sections', 'mark-reviewed', 'add-front-matter'].includes(id),
      )) {
        const edits = computeFix(fixId, {
          text: EMPTY_STEPS,
          doc,
          rubric: rubric(),
          asOf: AS_OF,
          sectionsFor: f.check,
        });
        expect(edits.length, `${f.check}: ${fixId}`).toBeGreaterThan(0);
      }
    }
  });

  it('--fix says per finding why a fix it tried made no change', () => {
    // The document ends inside an unclosed code block: anything appended would be code, not a checklist.
    const fenced =
      '---\ntitle: Fence\ntype: sop\nowner: ops\nlast_reviewed: 2026-11-01\n---\n# Fence runbook\n\nThe nightly export job is run again by hand when it failed, by the technician on duty, who notes the result in the ticket of the failed run.\n\n## Procedure\n\n1. Run the script.\n2. Check the output.\n\n```sh\n./run.sh\n';
    fs.writeFileSync(path.join(root, 'fence.md'), fenced);
    const r = audit('--fix', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      '  fence.md:11:1: add-checklist (checklist) not applied: the change would not read back as intended (an unclosed code block, HTML block or generated region where it goes, or a front-matter value in an unusual YAML form), so it is left for a person\n',
    );
    // Section skeletons are editing aids: --fix never tries them, and says they are left for a person.
    expect(r.stderr).not.toContain('add-sections (verification) not applied');
    expect(r.stderr).toMatch(
      /\nLeft for a person, one document at a time in the editor \(--fix never writes a review date or a placeholder\):\n(?: {2}[a-z-]+: 1 document\n)*? {2}add-sections: 1 document\n/,
    );
    expect(fs.readFileSync(path.join(root, 'fence.md'), 'utf8')).toBe(fenced);
  });
});
