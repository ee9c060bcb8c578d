import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckReport, Report } from '../../src/core/types';
import { checkStatus, exemptionsInUse, failingDocuments, findingStart, hasFixes } from '../../src/webview/present';
import { loadUiState, UiStore } from '../../src/webview/state';

const sample = (): Report => JSON.parse(readFileSync('test/fixtures/reports/panel-sample.json', 'utf8')) as Report;

describe('UI state', () => {
  it('falls back to defaults for missing or malformed saved state', () => {
    const defaults = { tab: 'overview', expanded: [], scrollY: 0 };
    for (const saved of [undefined, null, 'x', { tab: 'nope', expanded: 'a', scrollY: -3 }]) {
      expect(loadUiState({ getState: () => saved, setState: () => undefined })).toEqual(defaults);
    }
    expect(loadUiState({ getState: () => ({ tab: 'traits', expanded: ['a', 3, 'b'], scrollY: 120 }), setState: () => undefined })).toEqual({
      tab: 'traits',
      expanded: ['a', 'b'],
      scrollY: 120,
    });
  });

  it('writes every change through to the storage', () => {
    let saved: unknown;
    const store = new UiStore({ getState: () => saved, setState: (s) => (saved = s) });
    store.setTab('history');
    store.setExpanded('check:owner', true);
    store.setExpanded('step:check:links', true);
    store.setExpanded('check:owner', false);
    store.setScrollY(40);
    expect(saved).toEqual({ tab: 'history', expanded: ['step:check:links'], scrollY: 40 });
    expect(new UiStore({ getState: () => saved, setState: () => undefined }).isExpanded('step:check:links')).toBe(true);
  });
});

describe('report views for the panel', () => {
  it('finds the documents that fail a check, with where to open them', () => {
    const r = sample();
    expect(failingDocuments(r, 'links').map((f) => f.path)).toEqual([
      'docs/sops/backup/nightly-backup-check.md',
      'docs/sops/patching/emergency-patching.md',
      'docs/sops/security/edr-onboarding.md',
    ]);
    expect(findingStart(r, 'docs/sops/security/edr-onboarding.md', 'links')).toEqual({ line: 27, column: 5 });
    expect(findingStart(r, 'docs/sops/security/edr-onboarding.md', 'owner')).toEqual({});
    expect(hasFixes(r, 'checklist')).toBe(true);
    expect(hasFixes(r, 'links')).toBe(false);
  });

  it('says which level a check blocks', () => {
    const check = sample().checks.find((c) => c.id === 'review-date') as CheckReport;
    expect(checkStatus(check)).toEqual({ holds: false, blocks: 5 });
    expect(checkStatus({ ...check, levels: [] })).toEqual({ holds: true });
  });

  it('lists exemptions, active ones first', () => {
    expect(exemptionsInUse(sample()).map((e) => [e.path, e.active])).toEqual([
      ['docs/sops/service-desk/ticket-categories.md', true],
      ['docs/sops/backup/nightly-backup-check.md', false],
    ]);
  });
});
