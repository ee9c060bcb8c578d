import { describe, expect, it } from 'vitest';
import { isHostMessage, isSafeRelativePath, isWebviewMessage, type WebviewMessage } from '../../../src/shared/protocol';

/** What crosses the webview boundary is structured-cloned; JSON is the same for plain data. */
const roundTrip = (m: unknown): unknown => JSON.parse(JSON.stringify(m));

describe('webview → host messages', () => {
  const valid: WebviewMessage[] = [
    { type: 'ready' },
    { type: 'openDocument', path: 'docs/sops/patching.md' },
    { type: 'openDocument', path: 'docs/sops/patching.md', line: 12, column: 3 },
    { type: 'applyFixes', checkId: 'checklist' },
    { type: 'createSop', traitId: 'threat-detection' },
    { type: 'export', format: 'json' },
    { type: 'export', format: 'sarif' },
    { type: 'export', format: 'markdown' },
    { type: 'export', format: 'html' },
    { type: 'copyMarkdown' },
    { type: 'requestHistory' },
    { type: 'setKind', path: 'docs/glossary.md', fix: 'treat-as-sop' },
    { type: 'setKind', path: 'docs/sops/vendor contacts.md', fix: 'not-an-sop' },
    { type: 'markReviewed', path: 'docs/sops/patching.md' },
  ];

  it.each(valid)('accepts %j after a round trip', (m) => {
    const back = roundTrip(m);
    expect(isWebviewMessage(back)).toBe(true);
    expect(back).toEqual(m);
  });

  it.each([
    null,
    undefined,
    'ready',
    42,
    [],
    {},
    { type: 'unknown' },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'READY' },
    { type: 'ready', extra: true },
    { type: 'openDocument' },
    { type: 'openDocument', path: 7 },
    { type: 'openDocument', path: 'a.md', line: 0 },
    { type: 'openDocument', path: 'a.md', line: 1.5 },
    { type: 'openDocument', path: 'a.md', column: -1 },
    { type: 'openDocument', path: 'a.md', line: '3' },
    { type: 'applyFixes' },
    { type: 'applyFixes', checkId: '' },
    { type: 'applyFixes', checkId: '../owner' },
    { type: 'applyFixes', checkId: 'owner; rm -rf /' },
    { type: 'createSop', traitId: 42 },
    { type: 'export', format: 'pdf' },
    { type: 'export', format: 'JSON' },
    { type: 'export' },
    { type: 'copyMarkdown', text: 'x' },
    { type: 'setKind', path: 'docs/a.md' },
    { type: 'setKind', path: 'docs/a.md', fix: 'add-owner' },
    { type: 'setKind', path: '../a.md', fix: 'treat-as-sop' },
    { type: 'setKind', path: '/etc/passwd', fix: 'not-an-sop' },
    { type: 'setKind', path: 'docs/a.md', fix: 'treat-as-sop', type2: 'sop' },
    { type: 'markReviewed' },
    { type: 'markReviewed', path: 42 },
    { type: 'markReviewed', path: '../a.md' },
    { type: 'markReviewed', path: '/etc/passwd' },
    { type: 'markReviewed', path: 'docs/a.md', date: '2026-01-01' },
  ])('refuses %j', (m) => {
    expect(isWebviewMessage(m)).toBe(false);
  });

  it.each([
    '../secrets.md',
    'docs/../../etc/passwd',
    'docs/..',
    './docs/a.md',
    'docs//a.md',
    'docs/a.md/',
    '/etc/passwd',
    'C:/Windows/win.ini',
    'c:relative.md',
    'docs\\..\\..\\a.md',
    '\\\\server\\share\\a.md',
    'docs/a.md\u0000.txt',
    'docs/\na.md',
    '',
  ])('refuses the path %j', (p) => {
    expect(isSafeRelativePath(p)).toBe(false);
    expect(isWebviewMessage({ type: 'openDocument', path: p })).toBe(false);
  });

  it.each(['README.md', 'docs/sops/backup_restore.md', 'docs/a b/ü.md', 'docs/..hidden/x.md', 'docs/"><b>.md'])(
    'accepts the path %j',
    (p) => {
      expect(isSafeRelativePath(p)).toBe(true);
    },
  );
});

describe('host → webview messages', () => {
  it('recognises every host message type and nothing else', () => {
    for (const type of ['report', 'reportDelta', 'noReport', 'historyProgress', 'history', 'notice']) {
      expect(isHostMessage({ type })).toBe(true);
    }
    expect(isHostMessage({ type: 'ready' })).toBe(false);
    expect(isHostMessage({ source: 'react-devtools' })).toBe(false);
    expect(isHostMessage(null)).toBe(false);
  });
});
