import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, loadBuiltinRubric } from '../../../../src/core';

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
    const offenders = [...files('src/core'), ...files('src/cli')].filter((f) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('each check lives in its own module under src/core/checks', () => {
    const modules = readdirSync('src/core/checks').filter((n) => n.endsWith('.ts') && !['index.ts', 'check.ts', 'coverage.ts'].includes(n)).map((n) => n.replace(/\.ts$/, ''));
    for (const id of CHECK_IDS) if (!id.endsWith('-coverage')) expect(modules).toContain(id);
  });
});

describe('check documentation', () => {
  it('docs/checks.md is generated from the current rubric and has a section for every check', async () => {
    const { render } = await import('../../../../scripts/gen-check-docs.mjs');
    const page = readFileSync('docs/checks.md', 'utf8');
    expect(page).toBe(render());
    for (const id of [...CHECK_IDS, 'exemption', 'front-matter', 'file']) expect(page).toContain(`\n## ${id}\n`);
  });
});
