import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types';
import { actionsFor, MARKER, type ActionContext } from '../../src/extension/actions';
import { IdleTracker } from '../../src/extension/idle';
import { ownerSuggestions } from '../../src/extension/owners';
import { mostCommonSibling } from '../../src/extension/siblings';
import { toSnippet } from '../../src/extension/snippet';

const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const finding = (check: string, fixes: string[]): Finding => ({ check, level: 2, severity: 'warning', message: '', range, fixes });
const ctx = (over: Partial<ActionContext> = {}): ActionContext => ({
  fixTitle: (id) => `title of ${id}`,
  owners: [],
  docsUrl: 'https://example.com/#x',
  exemptUntil: '2027-02-21',
  exemptable: true,
  ...over,
});
const summary = (f: Finding, c: ActionContext) => actionsFor(f, c).map((a) => `${a.type}:${a.title}${'preferred' in a && a.preferred ? ' *' : ''}`);

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
      'snippet:Exempt this document from "owner"…',
      'docs:Open the documentation of "owner"',
    ]);
  });

  it('owner without suggestions: the placeholder snippet is preferred', () => {
    const specs = actionsFor(finding('owner', ['add-owner', 'add-front-matter']), ctx());
    expect(specs[0]).toMatchObject({ type: 'snippet', fixId: 'add-owner', preferred: true, params: { owner: MARKER.owner } });
    expect(specs[1]).toMatchObject({ type: 'fix', fixId: 'add-front-matter', preferred: false });
  });

  it('category: the sibling category first, then a placeholder', () => {
    expect(summary(finding('category', ['add-category']), ctx({ siblingCategory: 'Backup' })).slice(0, 2)).toEqual([
      'fix:Add category "Backup" (most common in this folder) *',
      'snippet:Add category…',
    ]);
  });

  it('sections are added for the failing check only', () => {
    expect(actionsFor(finding('verification', ['add-sections']), ctx())[0]).toMatchObject({ fixId: 'add-sections', params: { sectionsFor: 'verification' }, preferred: true });
  });

  it('central location: a move (never preferred, it renames a file)', () => {
    const specs = actionsFor(finding('central-location', ['move-to-central']), ctx({ moveTarget: 'docs/a.md' }));
    expect(specs[0]).toEqual({ type: 'move', title: 'Move to docs/a.md (and update links)', target: 'docs/a.md' });
    expect(specs.some((s) => 'preferred' in s && s.preferred)).toBe(false);
  });

  it('exemption: reason and expiry placeholders; none for findings about exemptions themselves', () => {
    const [exempt] = actionsFor(finding('checklist', []), ctx());
    expect(exempt).toMatchObject({ type: 'snippet', fixId: 'add-exemption', preferred: false, params: { check: 'checklist', until: '2027-02-21' } });
    expect(summary(finding('exemption', []), ctx({ exemptable: false, docsUrl: undefined }))).toEqual([]);
  });
});

describe('snippets', () => {
  it('escapes snippet syntax and turns markers into numbered tab stops', () => {
    const text = `<!-- sop-maturity-disable x -- ${MARKER.reason} (until 2027-02-21) --> $5 {a}`;
    expect(toSnippet(text, [{ marker: MARKER.reason, value: 'reason' }, { marker: '2027-02-21', value: '2027-02-21' }])).toBe(
      '<!-- sop-maturity-disable x -- ${1:reason} (until ${2:2027-02-21}) --> \\$5 {a\\}',
    );
    expect(toSnippet('owner: X', [{ marker: 'missing', value: 'v' }])).toBe('owner: X');
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
