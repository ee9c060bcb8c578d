/** The manifest (package.json) and the extension's constants and defaults say the same thing. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audit, defaultConfig, renderTemplate } from '../../../src/core';
import { DEFAULT_SETTINGS } from '../../../src/extension/config';
import {
  Command,
  CONFIG_FILE,
  FIX_ALL_KIND,
  PANEL_VIEW_TYPE,
  Setting,
  SETTINGS_SECTION,
} from '../../../src/extension/constants';
import { EXPORTS } from '../../../src/extension/export';
import { fileNameFor, indexPageOf, newSopFolder, uniquePath } from '../../../src/extension/newSop';
import { AS_OF, goodSop, rubric } from '../helpers/audit';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

describe('manifest', () => {
  it('contributes every command, and only those', () => {
    expect(pkg.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(
      Object.values(Command).sort(),
    );
  });

  it('declares every setting with the default, a description and a scope', () => {
    const props = pkg.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual(
      Object.values(Setting)
        .map((k) => `${SETTINGS_SECTION}.${k}`)
        .sort(),
    );
    for (const key of Object.values(Setting)) {
      const p = props[`${SETTINGS_SECTION}.${key}`];
      expect(p.default, key).toEqual(DEFAULT_SETTINGS[key]);
      expect(p.markdownDescription ?? p.description, key).toBeTruthy();
      expect(p.scope, key).toBeTruthy();
    }
  });

  it('activates when the workspace holds Markdown (every extension the engine reads) or a config file, on Markdown and for a restored panel', () => {
    expect(pkg.activationEvents).toEqual(
      expect.arrayContaining([
        'onLanguage:markdown',
        `workspaceContains:${CONFIG_FILE}`,
        `workspaceContains:**/${CONFIG_FILE}`,
        `onWebviewPanel:${PANEL_VIEW_TYPE}`,
      ]),
    );
    const contains = pkg.activationEvents
      .filter((e: string) => e.startsWith('workspaceContains:**/*'))
      .map((e: string) => e.slice('workspaceContains:**/*'.length));
    // `.html.md` ends in `.md`: one glob covers both.
    for (const ext of defaultConfig().markdownExtensions)
      expect(
        contains.some((c: string) => ext.endsWith(c)),
        ext,
      ).toBe(true);
    expect(pkg.main).toBe('./dist/extension.js');
  });

  it('validates config and rubric files with the schemas it ships', () => {
    const v = pkg.contributes.yamlValidation;
    expect(v).toContainEqual({ fileMatch: [CONFIG_FILE], url: './rubrics/config.schema.json' });
    expect(v).toContainEqual({
      fileMatch: ['rubrics/*.yaml', '*.sopmaturity-rubric.yaml'],
      url: './rubrics/rubric.schema.json',
    });
  });

  it('works in untrusted workspaces and not in virtual ones', () => {
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(pkg.capabilities.virtualWorkspaces.supported).toBe(false);
  });

  it('names the fix-all kind and settings as DESIGN.md fixes them', () => {
    expect(FIX_ALL_KIND).toBe('source.fixAll.sopMaturity');
    expect(DEFAULT_SETTINGS.maxFileBytes).toBe(defaultConfig().maxFileBytes);
    expect(EXPORTS.map((e) => e.format)).toEqual(['json', 'sarif', 'markdown', 'html']);
  });
});

describe('new SOP', () => {
  const others = {
    'docs/sops/a.md': goodSop('Alpha'),
    'docs/sops/b.md': goodSop('Bravo'),
    'docs/sops/c.md': goodSop('Charlie'),
    'docs/other/d.md': goodSop('Delta'),
    'docs/README.md': '# KB\n',
  };
  const base = audit({
    root: '/repo',
    config: defaultConfig(),
    rubric: rubric(),
    asOf: AS_OF,
    files: Object.entries(others).map(([path, text]) => ({ path, text })),
  });

  it('goes next to the most procedures of the central folder, under a free file name', () => {
    expect(base.centralFolder).toBe('docs');
    expect(newSopFolder(base)).toBe('docs/sops');
    expect(fileNameFor('  Réinstaller: the VPN client!  ')).toBe('reinstaller-the-vpn-client.md');
    expect(fileNameFor('???')).toBe('new-sop.md');
    expect(uniquePath('docs/sops', 'a.md', (p) => p in others)).toBe('docs/sops/a-2.md');
  });

  it('names the index page of the folder a new SOP goes to (none when the folder has none)', () => {
    const withIndex = audit({
      root: '/repo',
      config: defaultConfig(),
      rubric: rubric(),
      asOf: AS_OF,
      files: Object.entries({ ...others, 'docs/sops/README.md': '# SOPs\n\n- [Alpha](a.md)\n' }).map(
        ([path, text]) => ({ path, text }),
      ),
    });
    expect(indexPageOf(withIndex, newSopFolder(withIndex))).toBe('docs/sops/README.md');
    expect(indexPageOf(base, newSopFolder(base))).toBeUndefined();
    expect(indexPageOf(base, 'docs')).toBe('docs/README.md');
  });

  it('is a draft: its placeholders fail the checks that need written content until someone writes it', () => {
    const text = renderTemplate({ title: 'Backup restore test' });
    const path = uniquePath(newSopFolder(base), fileNameFor('Backup restore test'), (p) => p in others);
    const files = Object.entries({ ...others, [path]: text }).map(([p, t]) => ({ path: p, text: t }));
    const report = audit({ root: '/repo', config: defaultConfig(), rubric: rubric(), asOf: AS_OF, files });
    const doc = report.documents.find((d) => d.path === path)!;
    expect(doc.title).toBe('Backup restore test');
    const checks = doc.findings.map((f) => f.check);
    // Nobody named an owner, chose a category, reviewed it or wrote its steps yet.
    expect(checks).toEqual(expect.arrayContaining(['owner', 'category', 'review-date']));
    expect(text).not.toMatch(/last_reviewed|\d{4}-\d{2}-\d{2}/);
    // No process trait is covered by a document nobody wrote.
    expect(report.traits.filter((t) => t.covered).map((t) => t.id)).toEqual(
      audit({
        root: '/repo',
        config: defaultConfig(),
        rubric: rubric(),
        asOf: AS_OF,
        files: Object.entries(others).map(([p, t]) => ({ path: p, text: t })),
      })
        .traits.filter((t) => t.covered)
        .map((t) => t.id),
    );
  });
});
