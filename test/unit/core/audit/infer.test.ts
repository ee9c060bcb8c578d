import { describe, expect, it } from 'vitest';
import { auditFiles, finding, goodSop, rubric } from '../../helpers/audit';

const ALL_TRAITS = rubric().traits.map((t) => t.id);

/** A perfect repository of `n` SOPs (plus an index linking them) whose front matter declares `traits`. */
function perfectRepo(
  n: number,
  traits: string[] = ALL_TRAITS,
  mutate: (i: number, text: string) => string = (_, t) => t,
): Record<string, string> {
  const topics = [
    'Patching',
    'Monitoring',
    'Backup restore test',
    'Antivirus',
    'Threat detection',
    'Onboarding',
    'Maintenance',
  ];
  const files: Record<string, string> = {
    'docs/README.md': '# KB\n\n' + Array.from({ length: n }, (_, i) => `- [S${i}](sops/s${i}.md)`).join('\n') + '\n',
  };
  for (let i = 0; i < n; i++) {
    const title = `${topics[i % topics.length]} ${i}`;
    files[`docs/sops/s${i}.md`] = mutate(
      i,
      goodSop(title, [`traits: [${traits.join(', ')}]`, `tags: [${topics.join(', ')}]`]) +
        `\nUnique words for document number ${i} ${'x'.repeat(i + 1)}.\n`,
    );
  }
  return files;
}

describe('inference', () => {
  it('a perfect repository of 7 documents covering every trait is level 5 with full points', () => {
    const r = auditFiles(perfectRepo(7));
    expect(r.levels).toMatchObject({ overall: 5, documentation: 5, process: 5, shadow: 5 });
    expect(r.levels.points).toBe(1);
    expect(r.nextSteps).toEqual([]);
    for (const area of Object.values(r.levels.areas)) expect(area).toBe(5);
  });

  it('the 5-document guard holds a repository of 4 perfect documents at level 2', () => {
    const r = auditFiles(perfectRepo(4));
    expect(r.levels.documentation).toBe(2);
    expect(r.levels.overall).toBe(2);
    expect(r.levels.guard).toMatch(/at least 5 procedure documents \(found 4\)/);
    expect(r.nextSteps.find((s) => s.kind === 'guard')?.documentsToFix).toBe(1);
    expect(auditFiles(perfectRepo(5)).levels.guard).toBeUndefined();
  });

  it('a threshold reached exactly holds; one document fewer does not', () => {
    // checklist: level 4, threshold 0.8. 10 documents, 8 with a checklist = 0.8 exactly.
    const strip = (k: number) => (i: number, t: string) => (i < k ? t.replace(/- \[ \] /g, '- ') : t);
    const at = auditFiles(perfectRepo(10, ALL_TRAITS, strip(2)));
    const cl = at.checks.find((c) => c.id === 'checklist')?.levels[0];
    expect(cl).toMatchObject({ passing: 8, total: 10, threshold: 0.8, holds: true });
    expect(at.levels.documentation).toBe(5);
    const below = auditFiles(perfectRepo(10, ALL_TRAITS, strip(3)));
    expect(below.checks.find((c) => c.id === 'checklist')?.levels[0]).toMatchObject({ passing: 7, holds: false });
    expect(below.levels.documentation).toBe(3);
    const step = below.nextSteps.find((s) => s.id === 'checklist');
    expect(step).toMatchObject({ level: 4, documentsToFix: 1, passing: 7, total: 10, threshold: 0.8 });
    expect(step?.paths).toHaveLength(3);
  });

  it('gating: a failing level-2 rule caps the level at 1 even when higher rules hold', () => {
    const noOwner = (_: number, t: string) => t.replace(/^owner:.*\n/m, '');
    const r = auditFiles(perfectRepo(6, ALL_TRAITS, noOwner));
    expect(r.levels.documentation).toBe(1);
    expect(r.levels.overall).toBe(1);
    expect(r.levels.areas.Ownership).toBe(0); // "not yet": its first check (owner, level 2) fails
    expect(r.levels.areas.Structure).toBe(5);
    // Fixing only the blocking rules of level 2 (owner) would not unlock 3..5 alone: owner is also a level-3 rule.
    expect(r.levels.shadow).toBe(2);
    expect(r.nextSteps.map((s) => s.id)).toEqual(['owner']);
  });

  it('process level: at least 60% of the traits of each level, in order; overall is the lower level', () => {
    const byLevel = (l: number) =>
      rubric()
        .traits.filter((t) => t.level === l)
        .map((t) => t.id);
    // The tags already cover three level-4 traits (backup testing, antivirus, threat detection); declare one more.
    const some = [...byLevel(1), ...byLevel(2), ...byLevel(3), 'forecasting'];
    const r = auditFiles(perfectRepo(6, some));
    expect(byLevel(4).length).toBe(7);
    expect(r.levels.process).toBe(3); // 4 of 7 level-4 traits = 57% < 60%
    expect(r.levels.documentation).toBeGreaterThanOrEqual(4);
    expect(r.levels.overall).toBe(3);
    const step = r.nextSteps.find((s) => s.kind === 'trait');
    expect(step).toMatchObject({ level: 4, documentsToFix: 1, passing: 4, total: 7 });
    expect(step?.traits).toHaveLength(3);
    expect(r.levels.shadow).toBe(4);
  });

  it('trait evidence names the document, the word and the field', () => {
    const r = auditFiles({
      'docs/sops/time.md': goodSop('Weekly timesheet approval').replace(
        'category: Service desk',
        'category: Budget attainment',
      ),
    });
    const t = (id: string) => r.traits.find((x) => x.id === id);
    expect(t('time-tracking')?.evidence).toEqual([{ path: 'docs/sops/time.md', matched: 'timesheet', field: 'title' }]);
    expect(t('budget-attainment')?.evidence[0]).toMatchObject({ matched: 'budget attainment', field: 'category' });
    // A longer phrase does not hide a shorter word.
    expect(t('budgeting')?.covered).toBe(true);
    expect(t('forecasting')?.covered).toBe(false);
  });
});

describe('exemptions', () => {
  const noChecklist = (extra: string) => goodSop('Vendor portal runbook').replace(/- \[ \] /g, '- ') + extra;

  it('a valid exemption makes the document pass that check, and is counted', () => {
    const r = auditFiles({
      'docs/sops/a.md': noChecklist(
        '\n<!-- sop-maturity-disable checklist -- steps change weekly (until 2027-03-31) -->\n',
      ),
    });
    expect(finding(r, 'docs/sops/a.md', 'checklist')).toBeUndefined();
    expect(r.checks.find((c) => c.id === 'checklist')).toMatchObject({ exempted: 1 });
    expect(r.summary.exemptedDocuments).toBe(1);
    expect(r.documents[0].exemptions).toEqual([
      { checks: ['checklist'], reason: 'steps change weekly', until: '2027-03-31', active: true },
    ]);
  });

  it('an exemption without a reason, or past its date, does not count and is a finding itself', () => {
    const r = auditFiles({
      'docs/sops/a.md': noChecklist('\n<!-- sop-maturity-disable checklist -->\n'),
      'docs/sops/b.md': noChecklist(
        '\n<!-- sop-maturity-disable checklist -- portal steps pending (until 2026-01-31) -->\n',
      ),
      'docs/sops/c.md': noChecklist(
        '\n<!-- sop-maturity-disable -- whole runbook under vendor review (until 2027-01-31) -->\n',
      ),
    });
    expect(finding(r, 'docs/sops/a.md', 'checklist')).toBeDefined();
    expect(finding(r, 'docs/sops/a.md', 'exemption')?.message).toMatch(/without a reason/);
    expect(finding(r, 'docs/sops/b.md', 'checklist')).toBeDefined();
    expect(finding(r, 'docs/sops/b.md', 'exemption')?.message).toMatch(/expired on 2026-01-31/);
    // No ids: every check.
    expect(finding(r, 'docs/sops/c.md', 'checklist')).toBeUndefined();
    expect(r.summary.exemptedDocuments).toBe(1);
  });
});

describe('engine errors', () => {
  it('invalid YAML front matter is an error finding with its position, and the audit goes on', () => {
    const bad = '---\ntitle: "unclosed\nowner: x\n---\n\n# Broken runbook\n';
    const r = auditFiles({ 'docs/sops/bad.md': bad, 'docs/sops/good.md': goodSop('Good') });
    const f = finding(r, 'docs/sops/bad.md', 'front-matter');
    expect(f?.severity).toBe('error');
    expect(f?.message).toMatch(/not valid YAML/);
    expect(f?.range.start.line).toBeGreaterThanOrEqual(2);
    expect(r.errors[0]).toMatchObject({ path: 'docs/sops/bad.md' });
    expect(r.summary.procedures).toBe(2);
  });

  it('TOML front matter is read with positions', () => {
    const toml = '+++\ntitle = "Toml runbook"\nowner = "TBD"\ncategory = "Ops"\n+++\n\n# Toml runbook\n';
    const r = auditFiles({ 'docs/sops/t.md': toml });
    const f = finding(r, 'docs/sops/t.md', 'owner');
    // A bad value is flagged from its key, where a person edits it.
    expect(f?.range.start).toMatchObject({ line: 3, column: 1 });
    expect(finding(r, 'docs/sops/t.md', 'category')).toBeUndefined();
  });

  it('a billion-laughs alias bomb in front matter is refused quickly', () => {
    const lines = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    lines.push('---', '# Bomb runbook', '');
    const t = Date.now();
    const r = auditFiles({ 'docs/sops/bomb.md': lines.join('\n') });
    expect(Date.now() - t).toBeLessThan(5000);
    expect(finding(r, 'docs/sops/bomb.md', 'front-matter')?.message).toMatch(/alias/i);
  });

  it('an oversized file is skipped with a finding that says why', () => {
    const r = auditFiles(
      { 'docs/sops/big.md': '# Big runbook\n' + 'x'.repeat(2000) },
      { config: { maxFileBytes: 1000 } },
    );
    expect(finding(r, 'docs/sops/big.md', 'file')?.message).toMatch(/over the limit of 1000/);
    expect(r.summary.skipped).toBe(1);
  });
});
