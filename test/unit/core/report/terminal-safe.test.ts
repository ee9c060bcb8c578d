/**
 * Terminal-safe text output. A file name or a document's text can hold line
 * breaks, tabs, escape sequences, bidirectional overrides and zero-width
 * characters; in text output (report, `--fix` summary, error messages) each
 * is shown as a visible escape (`\n`, `\u202E`), so no forged line such as
 * "Overall level: 5 Innovating" can appear and nothing is reordered or
 * hidden. The other formats keep their own escaping: JSON the exact name,
 * Markdown and HTML their escapes, SARIF a percent-encoded URI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../../src/core/report/common';
import { runCli } from '../../helpers/cli';
import type { Report } from '../../../../src/core/report/types';

/** Every character class that must never reach a terminal raw. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

describe('terminalSafe', () => {
  it.each([
    ['a line break', 'a\nb', 'a\\nb'],
    ['a carriage return', 'a\rb', 'a\\rb'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['an escape sequence', 'red \u001b[31mX\u001b[0m', 'red \\u001B[31mX\\u001B[0m'],
    ['BEL and NUL', '\u0007\u0000', '\\u0007\\u0000'],
    ['DEL and C1 controls (CSI, NEL)', '\u007f\u009b\u0085', '\\u007F\\u009B\\u0085'],
    ['a right-to-left override', 'invoice\u202Egnp.md', 'invoice\\u202Egnp.md'],
    ['isolates and marks', '\u2066x\u2069\u200e\u200f\u061c', '\\u2066x\\u2069\\u200E\\u200F\\u061C'],
    ['zero-width characters and a byte-order mark', 'a\u200bb\u200dc\u2060d\ufeff', 'a\\u200Bb\\u200Dc\\u2060d\\uFEFF'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['a lone surrogate', 'a\ud800b', 'a\\uD800b'],
  ])('shows %s as an escape', (_name, raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
    expect(terminalSafe(raw)).not.toMatch(UNSAFE);
  });

  it('keeps ordinary text, accents, CJK and emoji (surrogate pairs) as they are', () => {
    const text = 'Sauvegarde du café — 備份 😀 docs/my file (v2)#1.md';
    expect(terminalSafe(text)).toBe(text);
  });
});

describe.skipIf(process.platform === 'win32')('a forged file name through every format', () => {
  const FORGED = 'docs/x\n  Overall level:        5 Innovating\n\u202Egnp.md';
  let root: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-forged-'));
    fs.mkdirSync(path.join(root, 'docs'));
    // A procedure that is far from level 5 and has fixes for --fix, with a forged title too.
    fs.writeFileSync(
      path.join(root, ...FORGED.split('/')),
      '---\ntitle: "Reset\\u202E\\tMFA"\ntype: sop\n---\n# Reset MFA\n\nWhen a user loses the phone with the authenticator app, the service desk resets the second factor after checking who is calling, and notes it in the ticket.\n\n## Procedure\n\n1. Open the portal.\n2. Reset the token.\n',
    );
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  const audit = (...args: string[]) => runCli(['audit', '.', '--no-cache', '--as-of', '2026-11-23', ...args], root);

  it('text: one "Overall level" line, the real one; the name is shown with its escapes', () => {
    const { stdout } = audit('--format', 'text', '--no-color');
    const overall = stdout.split('\n').filter((l) => /^\s*Overall level:/.test(l));
    expect(overall).toEqual([expect.stringMatching(/^Overall level:\s+0 below Beginning$/)]);
    expect(stdout).toContain('docs/x\\n  Overall level:        5 Innovating\\n\\u202Egnp.md:');
    // Nothing a terminal acts on, apart from the line breaks between lines.
    for (const line of stdout.split('\n')) expect(line).not.toMatch(UNSAFE);
  });

  it('--quiet and --verbose text output too', () => {
    for (const flag of ['--quiet', '--verbose']) {
      const { stdout } = audit('--format', 'text', '--no-color', flag);
      expect(stdout.split('\n').filter((l) => /^\s*Overall level:/.test(l))).toHaveLength(1);
      for (const line of stdout.split('\n')) expect(line).not.toMatch(UNSAFE);
    }
  });

  it('json keeps the exact name and title (JSON escapes them itself)', () => {
    const report = JSON.parse(audit('--format', 'json').stdout) as Report;
    const doc = report.documents.find((d) => d.path === FORGED);
    expect(doc?.title).toBe('Reset\u202E\tMFA');
  });

  it('markdown: the name never starts a line of its own', () => {
    const { stdout } = audit('--format', 'markdown');
    expect(stdout.split('\n').some((l) => /^\s*Overall level:\s+5/.test(l))).toBe(false);
    expect(stdout).not.toContain('x\n  Overall');
  });

  it('html: the name is text, not markup, and never breaks a line of the page structure', () => {
    const { stdout } = audit('--format', 'html');
    expect(stdout).not.toMatch(/>\s*Overall level:\s+5 Innovating/);
    expect(stdout).not.toContain('<gnp');
  });

  it('sarif: the URI is percent-encoded', () => {
    const sarif = JSON.parse(audit('--format', 'sarif').stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0].results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('docs/x%0A%20%20Overall%20level%3A%20%20%20%20%20%20%20%205%20Innovating%0A%E2%80%AEgnp.md');
  });

  it('--fix names the document with its escapes on stderr', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-forged-fix-'));
    try {
      fs.cpSync(root, copy, { recursive: true });
      const { stderr } = runCli(['audit', '.', '--fix', '--quiet', '--no-cache', '--as-of', '2026-11-23'], copy);
      expect(stderr).toContain('  docs/x\\n  Overall level:        5 Innovating\\n\\u202Egnp.md: add-checklist\n');
      for (const line of stderr.split('\n')) expect(line).not.toMatch(UNSAFE);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('error messages escape what they quote (a configuration value)', () => {
    fs.writeFileSync(path.join(root, '.sopmaturity.yml'), 'rubric: "/x\\n  Overall level: 5\\u202E"\n');
    try {
      const { code, stderr } = audit();
      expect(code).toBe(2);
      expect(stderr).toContain('\\n  Overall level: 5\\u202E');
      for (const line of stderr.split('\n')) expect(line).not.toMatch(UNSAFE);
    } finally {
      fs.rmSync(path.join(root, '.sopmaturity.yml'));
    }
  });
});
