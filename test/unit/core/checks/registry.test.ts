import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, defaultConfig, loadBuiltinRubric } from '../../../../src/core';
import { CHECKS, PSEUDO_CHECKS, PSEUDO_CHECK_IDS, docsUrl } from '../../../../src/core/checks';
import { auditFiles, goodSop } from '../../helpers/audit';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('registry and layering', () => {
  it('every check of the default rubric is registered, and every registered check is in the rubric', () => {
    const rubricIds = new Set(loadBuiltinRubric().checks.map((c) => c.id));
    expect([...rubricIds].sort()).toEqual([...CHECK_IDS].sort());
  });

  it('src/core and src/cli never import vscode', () => {
    const offenders = [...files('src/core'), ...files('src/cli')].filter((f) =>
      /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('each check declares what it reads, and defaults of the types the default rubric gives its parameters', () => {
    const rubric = loadBuiltinRubric();
    for (const check of CHECKS) {
      const reads = ['document', 'owners', 'central', 'links', 'all'];
      if (check.scope === 'document') expect(reads, check.id).toContain(check.reads);
      const params = rubric.checks.find((c) => c.id === check.id)?.params ?? {};
      for (const [name, value] of Object.entries(check.defaults)) {
        if (params[name] === undefined) continue;
        const shape = (v: unknown) => [typeof v, Array.isArray(v)];
        expect(shape(params[name]), `${check.id}.${name}`).toEqual(shape(value));
      }
    }
  });

  it('each check lives in its own module under src/core/checks', () => {
    const modules = readdirSync('src/core/checks')
      .filter((n) => n.endsWith('.ts') && !['index.ts', 'check.ts', 'coverage.ts'].includes(n))
      .map((n) => n.replace(/\.ts$/, ''));
    for (const id of CHECK_IDS) if (!id.endsWith('-coverage')) expect(modules).toContain(id);
  });
});

describe('check documentation', () => {
  it('docs/checks.md is generated from the current rubric and has a section for every check', async () => {
    const { render } = await import('../../../../scripts/gen-check-docs.mjs');
    const page = readFileSync('docs/checks.md', 'utf8');
    expect(page).toBe(render());
    for (const id of [...CHECK_IDS, ...PSEUDO_CHECK_IDS]) expect(page).toContain(`\n## ${id}\n`);
    // A pseudo-check's section names it as the registry does, with its default severity.
    for (const p of Object.values(PSEUDO_CHECKS)) {
      expect(page).toContain(`\n## ${p.id}\n\n**${p.title}** · ${p.severity} unless`);
    }
  });

  it('every finding links to its check or pseudo-check documentation', () => {
    const rubric = loadBuiltinRubric();
    const r = auditFiles({
      'docs/sops/a.md': goodSop('A').replace('owner: ', 'ownr: '),
      'docs/sops/b.md': '---\ntitle: [unclosed\n---\n\n# B runbook\n\n1. one\n2. two\n',
      'docs/sops/c.md': `${goodSop('C')}\n<!-- sop-maturity-disable owner -->\n`,
    });
    const findings = [...r.documents.flatMap((d) => d.findings), ...r.workspaceFindings];
    expect(findings.map((f) => f.check)).toEqual(expect.arrayContaining(['owner', 'front-matter', 'exemption']));
    for (const f of findings) expect(f.url, f.check).toBe(docsUrl(rubric, f.check));
    const docs = 'https://github.com/sop-maturity/sop-maturity/blob/main/docs/checks.md';
    expect(findings.find((f) => f.check === 'front-matter')?.url).toBe(`${docs}#front-matter`);
  });
});

describe('severity overrides', () => {
  it('apply to every finding in the engine, pseudo-checks included; a finding turned off is not reported', () => {
    const files = {
      'docs/sops/a.md': goodSop('A').replace('owner: ', 'ownr: '),
      'docs/sops/b.md': '---\ntitle: [unclosed\n---\n\n# B runbook\n\n1. one\n2. two\n',
      'docs/sops/c.md': `${goodSop('C')}\n<!-- sop-maturity-disable owner -->\n`,
    };
    const severity = { owner: 'error', 'front-matter': 'off', exemption: 'hint' } as const;
    const r = auditFiles(files, { config: { ...defaultConfig(), severity } });
    const all = r.documents.flatMap((d) => d.findings);
    expect(all.filter((f) => f.check === 'owner').map((f) => f.severity)).toEqual(['error']);
    expect(all.filter((f) => f.check === 'exemption').map((f) => f.severity)).toEqual(['hint']);
    expect(all.some((f) => f.check === 'front-matter')).toBe(false);
    // The read error itself stays in the report's errors.
    expect(r.errors.map((e) => e.path)).toContain('docs/sops/b.md');
    expect(r.summary.findings).toBe(all.length + r.workspaceFindings.length);
  });
});
