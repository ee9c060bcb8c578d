import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/report/types';
import type { FixId } from '../../../src/core/fixes';
import { actionsFor, documentActions, exemptionFor, type ActionContext } from '../../../src/extension/quickFixMenu';
import { IdleTracker } from '../../../src/extension/idle';
import { ownerSuggestions } from '../../../src/extension/owners';
import { mostCommonSibling } from '../../../src/extension/siblings';

const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const finding = (check: string, fixes: FixId[], url?: string): Finding => ({
  check,
  ...(url ? { url } : {}),
  level: 2,
  severity: 'warning',
  message: '',
  range,
  fixes,
});
const ctx = (over: Partial<ActionContext> = {}): ActionContext => ({
  fixTitle: (id) => `title of ${id}`,
  owners: [],
  today: '2026-12-05',
  ...over,
});
const summary = (f: Finding, c: ActionContext) =>
  actionsFor(f, c).map((a) => `${a.type}:${a.title}${'preferred' in a && a.preferred ? ' *' : ''}`);

describe('code actions offered per finding', () => {
  it('owner: each suggestion, then a placeholder; the best suggestion is preferred', () => {
    const owners = ownerSuggestions({
      path: 'docs/sops/a.md',
      resolved: { owner: '@ops-team', source: 'codeowners', origin: 'CODEOWNERS' },
      owners: [
        { path: 'docs/sops/b.md', value: 'Dana' },
        { path: 'docs/sops/c.md', value: 'Dana' },
        { path: 'docs/sops/d.md', value: 'Lee' },
        { path: 'docs/other/e.md', value: 'Max' },
      ],
      gitAuthor: 'dana', // same person as a sibling owner: offered once
    });
    expect(owners.map((o) => [o.owner, o.source])).toEqual([
      ['@ops-team', 'codeowners'],
      ['Dana', 'siblings'],
    ]);
    expect(summary(finding('owner', ['add-owner']), ctx({ owners }))).toEqual([
      'fix:Add owner "@ops-team" (from CODEOWNERS) *',
      'fix:Add owner "Dana" (most common in this folder)',
      'snippet:Add owner…',
    ]);
  });

  it('owner without suggestions: the snippet (no value: the author types it) is preferred', () => {
    const specs = actionsFor(finding('owner', ['add-owner', 'add-front-matter']), ctx());
    expect(specs[0]).toMatchObject({ type: 'snippet', fixId: 'add-owner', preferred: true, params: {} });
    expect(specs[1]).toMatchObject({ type: 'fix', fixId: 'add-front-matter', preferred: false });
  });

  it('category: the sibling category first, then a placeholder', () => {
    expect(summary(finding('category', ['add-category']), ctx({ siblingCategory: 'Backup' })).slice(0, 2)).toEqual([
      'fix:Add category "Backup" (most common in this folder) *',
      'snippet:Add category…',
    ]);
  });

  it('sections are a snippet for the failing check only', () => {
    expect(actionsFor(finding('verification', ['add-sections']), ctx())[0]).toMatchObject({
      type: 'snippet',
      title: 'title of add-sections for "verification"…',
      fixId: 'add-sections',
      params: { sectionsFor: 'verification' },
      preferred: true,
    });
  });

  it('review date: "mark reviewed" writes the real date of today, and is never preferred (a statement, not a shortcut)', () => {
    const specs = actionsFor(finding('review-date', ['mark-reviewed']), ctx({ today: '2026-12-05' }));
    expect(specs[0]).toEqual({
      type: 'fix',
      title: 'Mark as reviewed today (2026-12-05)',
      fixId: 'mark-reviewed',
      params: { today: '2026-12-05' },
      preferred: false,
    });
    expect(specs.some((s) => 'preferred' in s && s.preferred)).toBe(false);
    // With another fix on the same finding, that one is preferred, never the review.
    const both = actionsFor(finding('review-date', ['mark-reviewed', 'add-front-matter']), ctx());
    expect(both.filter((s) => 'preferred' in s && s.preferred).map((s) => 'fixId' in s && s.fixId)).toEqual([
      'add-front-matter',
    ]);
  });

  it('central location: a move (never preferred, it renames a file)', () => {
    const specs = actionsFor(finding('central-location', ['move-to-central']), ctx({ moveTarget: 'docs/a.md' }));
    expect(specs[0]).toEqual({ type: 'move', title: 'Move to docs/a.md (and update links)', target: 'docs/a.md' });
    expect(specs.some((s) => 'preferred' in s && s.preferred)).toBe(false);
  });

  it('exemption: reason and expiry placeholders, for the check picked from the menu', () => {
    expect(exemptionFor('checklist', '2026-12-05')).toMatchObject({
      type: 'snippet',
      fixId: 'add-exemption',
      preferred: false,
      params: { check: 'checklist', today: '2026-12-05' },
    });
    // Never among a finding's own fixes: the menu has one exemption entry for the whole document.
    expect(actionsFor(finding('checklist', ['add-exemption']), ctx())).toEqual([]);
  });
});

describe('the menu of a line', () => {
  const docs = (check: string) => `https://example.com/checks#${check}`;
  const on = (check: string, fixes: FixId[] = [], exemptable = true) => ({
    finding: finding(check, fixes, docs(check)),
    exemptable,
  });

  it('after the fixes: one fix-all, one exemption entry for the failing checks, one documentation link per check', () => {
    const line = [
      on('owner', ['add-owner']),
      on('category', ['add-category']),
      on('owner', ['add-owner']),
      on('review-date', ['mark-reviewed']),
      on('exemption', [], false),
    ];
    expect(documentActions(line, true).map((a) => `${a.type}:${a.title}`)).toEqual([
      'fix-all:Fix all safe SOP Maturity problems in this file',
      'exempt:Exempt this document from a check…',
      'docs:Open the documentation for owner',
      'docs:Open the documentation for category',
      'docs:Open the documentation for review-date',
      'docs:Open the documentation for exemption',
    ]);
    expect(documentActions(line, true)[1]).toMatchObject({ checks: ['owner', 'category', 'review-date'] });
  });

  it('eleven findings on one line make a menu of their fixes and a few entries, not two dozen', () => {
    const checks = [
      'front-matter',
      'owner',
      'category',
      'review-date',
      'checklist',
      'verification',
      'rollback',
      'escalation',
      'metrics',
      'automation',
      'central-location',
    ];
    const line = checks.map((c) => on(c));
    const menu = documentActions(line, false);
    expect(menu.filter((a) => a.type === 'exempt')).toHaveLength(1);
    expect(menu.filter((a) => a.type === 'docs')).toHaveLength(checks.length);
    expect(menu.some((a) => a.type === 'fix-all')).toBe(false);
  });
});

describe('siblings', () => {
  it('finds the most common value in the same folder, ties alphabetically', () => {
    const entries = [
      { path: 'a/x.md', value: 'B' },
      { path: 'a/y.md', value: 'A' },
      { path: 'a/z.md', value: 'Z' },
      { path: 'a/z.md', value: '' },
      { path: 'b/y.md', value: 'Z' },
    ];
    expect(mostCommonSibling('a/new.md', entries)).toBe('A');
    expect(mostCommonSibling('c/new.md', entries)).toBeUndefined();
  });
});

describe('idle tracking', () => {
  it('resolves when the last piece of work ends', async () => {
    const idle = new IdleTracker();
    await idle.whenIdle();
    const end = idle.begin();
    let done = false;
    const waiting = idle.whenIdle().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    end();
    end(); // ending twice counts once
    await waiting;
    expect(idle.idle).toBe(true);
  });
});
