import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckReport, Report } from '../../../src/core/report/types';
import { SAFE_FIXES } from '../../../src/core';
import {
  checkStatus,
  exemptionsInUse,
  failingDocuments,
  findingStart,
  hasSafeFixes,
  needsReview,
  SAFE_FIX_IDS,
} from '../../../src/webview/present';
import { loadUiState, UiStore } from '../../../src/webview/state';

const sample = (): Report => JSON.parse(readFileSync('test/fixtures/reports/panel-sample.json', 'utf8')) as Report;

describe('UI state', () => {
  it('falls back to defaults for missing or malformed saved state', () => {
    const defaults = { tab: 'overview', expanded: [], scrollY: 0 };
    for (const saved of [undefined, null, 'x', { tab: 'nope', expanded: 'a', scrollY: -3 }]) {
      expect(loadUiState({ getState: () => saved, setState: () => undefined })).toEqual(defaults);
    }
    expect(
      loadUiState({
        getState: () => ({ tab: 'traits', expanded: ['a', 3, 'b'], scrollY: 120 }),
        setState: () => undefined,
      }),
    ).toEqual({
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

  it('keeps the owners sort, and refuses a saved sort it does not know', () => {
    let saved: unknown;
    const store = new UiStore({ getState: () => saved, setState: (s) => (saved = s) });
    expect(store.ownersSort).toEqual({ key: 'procedures', dir: 'descending' });
    store.setOwnersSort({ key: 'overdue', dir: 'ascending' });
    expect(new UiStore({ getState: () => saved, setState: () => undefined }).ownersSort).toEqual({
      key: 'overdue',
      dir: 'ascending',
    });
    const load = (ownersSort: unknown) => loadUiState({ getState: () => ({ ownersSort }), setState: () => undefined });
    expect(load({ key: 'constructor', dir: 'ascending' }).ownersSort).toBeUndefined();
    expect(load({ key: 'owner', dir: 'sideways' }).ownersSort).toEqual({ key: 'owner', dir: 'descending' });
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
    expect(hasSafeFixes(r, 'checklist')).toBe(true);
    expect(hasSafeFixes(r, 'links')).toBe(false);
  });

  it('offers "Apply safe fixes…" only where a safe fix helps, and lists review dates to open instead', () => {
    // The panel's copy of the safe fixes is the core's list, no more.
    expect([...SAFE_FIX_IDS].sort()).toEqual([...SAFE_FIXES].sort());
    const r = sample();
    const reviewDocs = r.documents.filter((d) => d.findings.some((f) => f.check === 'review-date'));
    expect(reviewDocs.length).toBeGreaterThan(0);
    // A report where the review-date findings offer "mark reviewed" (a statement) and nothing safe.
    for (const d of reviewDocs) for (const f of d.findings) if (f.check === 'review-date') f.fixes = ['mark-reviewed'];
    expect(hasSafeFixes(r, 'review-date')).toBe(false);
    expect(needsReview(r, 'review-date')).toBe(true);
    expect(needsReview(r, 'checklist')).toBe(false);
    // Editing aids are never applied from the panel either.
    for (const d of r.documents) for (const f of d.findings) if (f.check === 'verification') f.fixes = ['add-sections'];
    expect(hasSafeFixes(r, 'verification')).toBe(false);
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
