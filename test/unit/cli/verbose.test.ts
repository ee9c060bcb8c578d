/**
 * `--format text --verbose`: every document with its kind (and "stub" when
 * the report says so) and the rule that decided it, one aligned line each,
 * safe for a terminal. The reasons are the engine's words, taken from the
 * report as given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../../src/cli/args';
import { terminalSafe } from '../../../src/core/report/common';
import { formatText } from '../../../src/cli/format/text';
import { audit, defaultConfig } from '../../../src/core';
import type { DocumentReport, Report } from '../../../src/core/report/types';
import { AS_OF, goodSop, rubric } from '../helpers/audit';

const sample = (): Report =>
  JSON.parse(readFileSync(new URL('../../fixtures/reports/sample.json', import.meta.url), 'utf8')) as Report;

/** The lines of the documents listing (after its heading, up to the blank line). */
function listing(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^Documents \(\d+\)$/.test(l));
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('--verbose', () => {
  it('is a flag of audit only', () => {
    expect(parseCommand(['audit', 'docs', '--verbose'])).toMatchObject({
      kind: 'audit',
      options: { dir: 'docs', verbose: true },
    });
    expect(parseCommand(['audit'])).toMatchObject({ options: { verbose: false } });
    expect(() => parseCommand(['baseline', '--verbose'])).toThrow(UsageError);
    expect(() => parseCommand(['history', '--verbose'])).toThrow(/--verbose is not an option of history/);
  });

  it('lists every document, sorted by path, with its kind and reason in aligned columns', () => {
    const report = sample();
    const out = formatText(report, { color: false, quiet: false, verbose: true });
    expect(out).toContain(`\nDocuments (${report.documents.length})\n`);
    const rows = listing(out);
    expect(rows).toHaveLength(report.documents.length);
    const sorted = [...report.documents].sort((a, b) => (a.path < b.path ? -1 : 1));
    const kindColumn = rows[0].indexOf(sorted[0].kind === 'index' ? 'index page' : sorted[0].kind);
    sorted.forEach((d, i) => {
      expect(rows[i].startsWith(`  ${d.path} `), rows[i]).toBe(true);
      expect(
        rows[i]
          .slice(kindColumn)
          .startsWith({ procedure: 'procedure', index: 'index page', other: 'other document' }[d.kind]),
        rows[i],
      ).toBe(true);
      expect(rows[i].endsWith(`  ${d.kindReason}`), rows[i]).toBe(true);
    });
    // The findings still follow the listing.
    expect(out.indexOf('Documents (')).toBeLessThan(out.indexOf('Findings ('));
  });

  it('is off by default, and --quiet keeps the listing when --verbose asks for it', () => {
    const report = sample();
    expect(formatText(report, { color: false, quiet: false })).not.toMatch(/^Documents \(/m);
    const quiet = formatText(report, { color: false, quiet: true, verbose: true });
    expect(listing(quiet)).toHaveLength(report.documents.length);
    expect(quiet).not.toContain('Findings (');
  });

  it('says stub when the report does, and makes names and reasons safe for a terminal', () => {
    const report = sample();
    const docs = report.documents as (DocumentReport & { stub?: true })[];
    docs[0].stub = true;
    docs[1].path = 'docs/sops/evil\u001b[2J\u001b]0;owned\u0007name.md';
    docs[1].kindReason = 'front matter type: a\nFAKE LINE\tand\u001b[31mred';
    const rows = listing(formatText(report, { color: false, quiet: false, verbose: true }));
    expect(rows.find((r) => r.includes(docs[0].path))).toMatch(/ procedure, stub +/);
    const evil = rows.find((r) => r.includes('evil'))!;
    // Escape sequences and line breaks are shown, not acted on: the row stays one line of plain text.
    expect(evil).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(evil).toContain(`  ${terminalSafe(docs[1].path)}  `);
    expect(evil.endsWith(`  ${terminalSafe(docs[1].kindReason)}`)).toBe(true);
    expect(rows).toHaveLength(report.documents.length);
  });

  it('lists what a real audit decided: the reasons of the report, stubs included', () => {
    const files = {
      'docs/README.md': '# Knowledge base\n',
      'docs/sops/backup.md': goodSop('Nightly backup check'),
      'docs/sops/empty.md': '---\ntype: sop\n---\n# Empty\n\n## Procedure\n',
      'docs/glossary.md': '---\ntype: reference\n---\n# Glossary\n\nTerms we use.\n',
    };
    const report = audit({
      root: '/repo',
      config: defaultConfig(),
      rubric: rubric(),
      asOf: AS_OF,
      files: Object.entries(files).map(([path, text]) => ({ path, text })),
    });
    const rows = listing(formatText(report, { color: false, quiet: false, verbose: true }));
    expect(rows).toHaveLength(4);
    for (const d of report.documents) {
      const row = rows.find((r) => r.startsWith(`  ${d.path} `))!;
      expect(row.endsWith(`  ${d.kindReason}`), row).toBe(true);
    }
    expect(rows.find((r) => r.includes('docs/glossary.md'))).toMatch(/ other document +/);
    expect(rows.find((r) => r.includes('docs/README.md'))).toMatch(/ index page +/);
    const empty = report.documents.find((d) => d.path === 'docs/sops/empty.md') as DocumentReport & { stub?: true };
    expect(rows.find((r) => r.includes('docs/sops/empty.md'))).toMatch(
      empty.stub ? / procedure, stub +/ : / procedure +/,
    );
  });

  it('colours nothing but the reason (dim) when colour is on', () => {
    const out = formatText(sample(), { color: true, quiet: false, verbose: true });
    const start = out.indexOf('Documents (');
    const row = out.slice(start).split('\n')[1];
    expect(row).toMatch(/^ {2}\S+ +\S.*\u001b\[2m.+\u001b\[22m$/);
  });
});
