/**
 * The example repository is the demo and the golden report: `npm start`
 * shows it, and this test pins what the CLI infers for it. To accept an
 * intended change: UPDATE_GOLDEN=1 npx vitest run test/unit/examples.test.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core';

const GOLDEN = 'test/fixtures/golden/examples.json';

function auditExamples(): Report {
  const out = execFileSync(process.execPath, ['dist/cli.js', 'audit', 'examples', '--format', 'json', '--no-cache'], {
    encoding: 'utf8',
    maxBuffer: 32 << 20,
  });
  const report = JSON.parse(out) as Report;
  // The version differs between releases (the root is the folder's name: reports carry no absolute path).
  report.tool.version = '<version>';
  return report;
}

describe('examples/ (the sample MSP repository)', () => {
  const report = auditExamples();

  it('sits at level 3 (Scaling), documentation and process alike, with level 4 in sight', () => {
    expect(report.asOf).toBe('2026-11-01');
    expect(report.levels).toMatchObject({ overall: 3, documentation: 3, process: 3, shadow: 4 });
    expect(report.summary).toMatchObject({ procedures: 34, indexes: 11, other: 2 });
    expect(report.centralFolder).toBe('docs');
    expect(report.root).toBe('examples');
  });

  it('names the blockers of level 4 on both sides, fewest documents first', () => {
    expect(report.nextSteps.map((s) => [s.side, s.level, s.id, s.documentsToFix])).toEqual([
      // Revision 2 added "lessons learned" to continuous-improvement: the major incident review's tag now covers it.
      ['documentation', 4, 'links', 1],
      ['process', 4, 'traits-level-4', 1],
      ['documentation', 4, 'review-date', 8],
      ['documentation', 4, 'checklist', 9],
    ]);
    // Both sides are at 3: nothing holds the overall level back.
    expect(report.levels.heldBack).toBeUndefined();
  });

  it('grades an area only where it has checks: Automation (level-5 checks only, failing) is "not yet"', () => {
    expect(report.levels.areas).toEqual({
      'Knowledge base': 3,
      Ownership: 3,
      Structure: 3,
      Coverage: 5,
      Automation: 0,
    });
  });

  it('shows its deliberate flaws: invalid front matter, a competing version, an exemption without a reason', () => {
    expect(report.errors.map((e) => e.path)).toEqual(['docs/service-desk/password-reset-mfa.md']);
    const oneVersion = report.documents
      .filter((d) => d.findings.some((f) => f.check === 'one-version'))
      .map((d) => d.path);
    expect(oneVersion).toEqual(['docs/operations/vpn-troubleshooting.md', 'notes/old-vpn-runbook.md']);
    const vendor = report.documents.find((d) => d.path === 'docs/vendors/vendor-management.md');
    expect(vendor?.findings.some((f) => f.check === 'exemption')).toBe(true);
  });

  it('matches the golden report', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(report, null, 2)}\n`);
    expect(report).toEqual(JSON.parse(readFileSync(resolve(GOLDEN), 'utf8')));
  });
});
