import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/types';
import { badgeTextWidth, BADGE_COLORS, formatBadge } from '../../../src/cli/format/badge';
import { escapeHtml, escapeMarkdown, levelTitle, terminalSafe } from '../../../src/core/report/common';
import { formatHtml } from '../../../src/core/report/html';
import { formatJson } from '../../../src/core/report/json';
import { formatMarkdown } from '../../../src/core/report/markdown';
import { formatText, shouldUseColor } from '../../../src/cli/format/text';

const sample = (): Report =>
  JSON.parse(readFileSync(new URL('../../fixtures/reports/sample.json', import.meta.url), 'utf8')) as Report;

const XSS = '<img src=x onerror=alert(1)>';
const ANSI = /\u001b\[/;

describe('text format', () => {
  const plain = formatText(sample(), { color: false, quiet: false });

  it('opens with the tool, the folder (by name only), as-of date, rubric and the label', () => {
    expect(plain).toMatch(/^sop-maturity 0\.1\.0 — documentation and process maturity, aligned to the OML ladder\n/);
    expect(plain).toMatch(/Root:\s+ops-docs\n/);
    expect(plain).not.toContain('/srv/acme-msp');
    expect(plain).toMatch(/As of:\s+2026-11-23/);
    expect(plain).toMatch(/Rubric:\s+OML documentation rubric \(oml, builtin\)/);
  });

  it('draws the ladder with every name and marks the overall level', () => {
    for (const name of ['Beginning', 'Emerging', 'Scaling', 'Optimizing', 'Innovating']) expect(plain).toContain(name);
    expect(plain).toContain('▶ 3 Scaling  ← overall level');
    expect(plain.match(/▶/g)).toHaveLength(1);
  });

  it('states the levels, the level within reach, points and exemptions', () => {
    expect(plain).toMatch(/Overall level:\s+3 Scaling/);
    expect(plain).toMatch(/Documentation level:\s+3 Scaling/);
    expect(plain).toMatch(/Process level:\s+4 Optimizing/);
    expect(plain).toMatch(
      /Within reach:\s+4 Optimizing \(the level reached if only the steps that block the next level were done\)/,
    );
    expect(plain).not.toMatch(/shadow/i);
    expect(plain).toMatch(/Points:\s+68% of all requirements met/);
    expect(plain).toMatch(/Exemptions:\s+used by 1 document/);
  });

  it('names what blocks the next level of each side, why the overall level is held back, and the next steps', () => {
    expect(plain).toMatch(
      /Held back:\s+Overall 3: the documentation does not reach Optimizing yet \(Checklist and Recent review\); process alone would be 4\n/,
    );
    expect(plain).toMatch(/Blocking documentation 4:\s+review-date, checklist\n/);
    expect(plain).toMatch(/Blocking process 5:\s+traits-level-5\n/);
    expect(plain).toContain(
      '1. [documentation level 4] Recent review (check review-date): 1 document to fix; 2 documents failing at level 4 (4/6 pass, 80% needed)',
    );
    expect(plain).toContain(
      '2. [documentation level 4] Checklist (check checklist): 2 documents to fix; 6 documents failing at level 4 (3/6 pass, 80% needed)',
    );
    expect(plain).toContain('docs/sops/patching.md, docs/sops/backup-restore-old.md, docs/sops/a.md and 3 more');
    expect(plain).toContain(
      '3. [process level 5] Document more Innovating processes (process traits-level-5): 2 documents to write',
    );
    expect(plain).toContain(
      '(uncovered: service-innovation, vendor-partnerships, business-intelligence, junior-enablement)',
    );
  });

  it('lists engine errors with their place', () => {
    expect(plain).toContain('Errors (2)');
    expect(plain).toContain('docs/sops/broken.md:3:1  error  front matter is not valid YAML');
    expect(plain).toContain('docs/private/locked.md  error  cannot read the file');
  });

  it('lists findings as aligned path:line:col, severity, check and message', () => {
    const rows = plain.slice(plain.indexOf('Findings (8)')).split('\n').slice(1, -1);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatch(/^ {2}\(workspace\)\s+warning\s+one-version\s+Two procedures share/);
    expect(rows.find((r) => r.includes('docs/sops/patching.md:14:5'))).toMatch(/:14:5\s+error\s+links\s+Broken link/);
    // Every row puts its severity at the same column.
    const severityColumn = rows.map((r) => r.search(/ (error|warning|info|hint) /));
    expect(new Set(severityColumn).size).toBe(1);
    expect(plain).not.toMatch(ANSI);
  });

  it('--quiet keeps only the summary lines and errors', () => {
    const quiet = formatText(sample(), { color: false, quiet: true });
    expect(quiet).toMatch(/Overall level:\s+3 Scaling/);
    expect(quiet).toMatch(/Held back:\s+Overall 3/);
    expect(quiet).toMatch(/Blocking documentation 4/);
    expect(quiet).toMatch(/Blocking process 5/);
    expect(quiet).toContain('Errors (2)');
    expect(quiet).not.toContain('Findings');
    expect(quiet).not.toContain('Next steps');
    expect(quiet).not.toContain('▶');
  });

  it('colours with ANSI only when asked', () => {
    const coloured = formatText(sample(), { color: true, quiet: false });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('never passes control characters from documents to the terminal', () => {
    const report = sample();
    report.documents[0].findings[0].message = 'evil \u001b[2J\u001b]0;title\u0007 text';
    const out = formatText(report, { color: false, quiet: false });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(out).toContain('evil \\u001B[2J\\u001B]0;title\\u0007 text');
    expect(terminalSafe('a\u001bb\u0007c\td')).toBe('a\\u001Bb\\u0007c\\td');
  });

  it('tells "not assessed" (no procedures) from "below Beginning" at level 0', () => {
    const report = sample();
    report.levels = { ...report.levels, overall: 0, process: 0 };
    const below = formatText(report, { color: false, quiet: false });
    expect(below).toMatch(/Overall level:\s+0 below Beginning/);
    expect(below).toContain('▶ 0 below Beginning  ← overall level');
    report.summary.procedures = 0;
    expect(formatText(report, { color: false, quiet: false })).toMatch(/Overall level:\s+0 not assessed/);
  });
});

describe('shouldUseColor', () => {
  it('colours a terminal when nothing says otherwise', () => {
    expect(shouldUseColor({ isTTY: true }, {}, false)).toBe(true);
  });
  it('does not colour pipes and files', () => {
    expect(shouldUseColor({ isTTY: false }, {}, false)).toBe(false);
    expect(shouldUseColor({}, {}, false)).toBe(false);
  });
  it('honours NO_COLOR when it has a value, and --no-color', () => {
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' }, false)).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' }, false)).toBe(true);
    expect(shouldUseColor({ isTTY: true }, {}, true)).toBe(false);
  });
});

describe('json format', () => {
  it('is the report with the folder named only by its name, on one line', () => {
    const report = sample();
    const out = formatJson(report);
    expect(JSON.parse(out)).toEqual({ ...report, root: 'ops-docs' });
    expect(out).not.toContain('/srv/');
    expect(out).toMatch(/^\{"schemaVersion":1,"tool":/);
    expect(out.indexOf('\n')).toBe(out.length - 1);
  });

  it('is indented by two spaces with pretty, the same report', () => {
    const report = sample();
    const out = formatJson(report, { pretty: true });
    expect(out).toMatch(/^\{\n {2}"schemaVersion": 1,\n/);
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual(JSON.parse(formatJson(report)));
  });

  it('keeps the absolute root only when asked', () => {
    const report = sample();
    expect(JSON.parse(formatJson(report, { absolutePaths: true }))).toEqual(report);
  });
});

describe('markdown format', () => {
  const out = formatMarkdown(sample());

  it('has the level table, the blocking checks and the next steps', () => {
    expect(out).toContain('## SOP Maturity: OML 3 · Scaling');
    expect(out).toContain('| **Overall** | **3 · Scaling** |');
    expect(out).toContain('| Documentation | 3 · Scaling |');
    expect(out).toContain('| Process | 4 · Optimizing |');
    const parts = [
      '> **Held back:** Overall 3: the documentation does not reach Optimizing yet (Checklist and Recent review); process alone would be 4',
      '### Blocking documentation level 4 (Optimizing)\n\n- **Recent review** (check review-date): 1 document to fix',
      '### Blocking process level 5 (Innovating)\n\n- **Document more Innovating processes** (process traits-level-5)',
      '### Next steps',
      '1. Documentation level 4: **Recent review**: Set `last_reviewed:` to the date of the last review.',
      '3. Process level 5: **Document more Innovating processes**:',
      '| Area: Automation | 0 · not yet |',
      '· folder ops-docs ·',
    ];
    for (const part of parts) expect(out).toContain(part);
    expect(out).not.toContain('/srv/');
  });

  it('groups the findings by file inside a collapsible block', () => {
    expect(out).toMatch(/<details><summary>Findings \(8\) in 4 documents<\/summary>\n\n/);
    expect(out).toContain('#### docs/sops/patching.md');
    expect(out).toContain('#### (workspace)');
    expect(out.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('escapes document-derived text so it cannot inject HTML or break tables', () => {
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script\\>x&lt;/script\\>');
    expect(out).toContain('does not exist \\| expected');
    expect(out).toContain('#### docs/sops/backup\\_restore.md');
  });

  it('escapes Markdown and HTML metacharacters', () => {
    expect(escapeMarkdown(XSS)).toBe('&lt;img src=x onerror=alert(1)\\>');
    expect(escapeMarkdown('a|b *c* [d](e) `f` #\ng&amp;')).toBe('a\\|b \\*c\\* \\[d\\](e) \\`f\\` \\# g&amp;amp;');
  });
});

describe('html format', () => {
  const report = sample();
  report.rubric.title = XSS;
  const out = formatHtml(report);

  it('is one self-contained page without scripts', () => {
    expect(out).toMatch(/^<!doctype html>/);
    expect(out).toContain('<style>');
    expect(out).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(out).not.toMatch(/<script|<link|<img|src="http/i);
  });

  it('escapes every document-derived string', () => {
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toContain(XSS);
    expect(out).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('shows the ladder, levels, next steps, traits and findings', () => {
    expect(out).toContain('<li class="current" aria-current="step">3<br>Scaling</li>');
    // Why the level is held back, then the blockers of each side, in that order.
    expect(out).toMatch(
      /<strong>Held back:<\/strong> Overall 3: the documentation does not reach Optimizing yet.*<h2>Blocking documentation level 4 \(Optimizing\)<\/h2>.*<h2>Blocking process level 5 \(Innovating\)<\/h2>/s,
    );
    expect(out).toContain(
      '<li>Documentation level 4: <strong>Recent review</strong>: Set <code>last_reviewed:</code> to the date of the last review.',
    );
    expect(out).toContain('folder <span class="path">ops-docs</span>');
    expect(out).not.toContain('/srv/');
    expect(out).toContain('Process coverage');
    expect(out).toContain('docs/sops/patching.md</span> (2)');
  });
});

describe('badge format', () => {
  it('reads "OML 3 · Scaling" in the level colour', () => {
    const svg = formatBadge(sample());
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('aria-label="OML 3 · Scaling"');
    expect(svg).toContain('>3 · Scaling</text>');
    expect(svg).toContain(`fill="${BADGE_COLORS[3]}"`);
    expect(svg).not.toContain('<script');
  });

  it('grows with the text and escapes it', () => {
    const report = sample();
    report.levelNames = { ...report.levelNames, '3': XSS };
    const svg = formatBadge(report);
    expect(svg).not.toContain(XSS);
    expect(svg).toContain('&lt;img');
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(badgeTextWidth('OML') + badgeTextWidth(`3 · ${XSS}`));
    expect(badgeTextWidth('a much longer text')).toBeGreaterThan(badgeTextWidth('short'));
  });

  it('is grey at level 0, and says "not assessed" when there are no procedures', () => {
    const report = sample();
    report.levels.overall = 0;
    const below = formatBadge(report);
    expect(below).toContain('>0 · below Beginning</text>');
    expect(below).toContain(`fill="${BADGE_COLORS[0]}"`);
    report.summary.procedures = 0;
    expect(formatBadge(report)).toContain('>not assessed</text>');
    expect(levelTitle(report, 0)).toBe('OML · not assessed');
  });
});

describe('the distance to the next level (issue 16: one set of numbers)', () => {
  const report = sample();
  report.nextLevel = { level: 4, documentsToFix: 3, documentsToWrite: 1, failingDocuments: 6 };

  it("prints the report's nextLevel in every format, in the status bar's words", () => {
    const line = '4 to L4: 3 documents to fix and 1 to write to reach level 4';
    expect(formatText(report, { color: false, quiet: false })).toMatch(
      new RegExp(
        `Next level:\\s+${line}\\. The documents to fix are summed over the blocking checks \\(a document that fails two of them counts twice\\); 6 different documents fail at least one of them today\\.`,
      ),
    );
    expect(formatMarkdown(report)).toContain(`**Next level:** ${line}.`);
    expect(formatHtml(report)).toContain(`<p><strong>Next level:</strong> ${line}.`);
  });

  it('names the level within reach, never "shadow"', () => {
    expect(formatMarkdown(report)).toContain(
      '| Within reach (the level reached if only the steps that block the next level were done) | 4 · Optimizing |',
    );
    expect(formatHtml(report)).toContain(
      '<th scope="row">Within reach (the level reached if only the steps that block the next level were done)</th><td>4 · Optimizing</td>',
    );
    for (const out of [formatMarkdown(report), formatHtml(report)]) expect(out).not.toMatch(/shadow/i);
  });
});
