/**
 * The parser runs CommonMark plus GFM tables and task lists; bare URLs are
 * found in the text rather than by GFM's autolink-literal construct, and a
 * GFM footnote is not taken for a link definition. These pin that down.
 */
import { describe, expect, it } from 'vitest';
import { loadBuiltinRubric } from '../../../../src/core';
import { parseDocument } from '../../../../src/core/parse/parse';

const rubric = loadBuiltinRubric();
const links = (text: string) =>
  parseDocument('docs/runbooks/x.md', text, rubric).links.map((l) => ({
    url: l.url,
    at: text.slice(l.range.start.offset, l.range.end.offset),
  }));

describe('bare URLs in running text', () => {
  it('are links, without the punctuation that ends the sentence, with exact ranges', () => {
    const text =
      '# Patch\n\nRun https://git.example.com/ops/patch.ps1. Then see www.example.com/runbook, (or https://x.example.com/a_(b)).\n';
    expect(links(text)).toEqual([
      { url: 'https://git.example.com/ops/patch.ps1', at: 'https://git.example.com/ops/patch.ps1' },
      { url: 'http://www.example.com/runbook', at: 'www.example.com/runbook' },
      { url: 'https://x.example.com/a_(b)', at: 'https://x.example.com/a_(b)' },
    ]);
  });

  it('keep exact ranges in indented list text and across lines', () => {
    const text = '# Steps\n\n- [ ] Fetch the script from\n      https://git.example.com/tools/run.sh;\n  and run it.\n';
    expect(links(text)).toEqual([
      { url: 'https://git.example.com/tools/run.sh', at: 'https://git.example.com/tools/run.sh' },
    ]);
  });

  it('are not taken from code, link text, or addresses without a host', () => {
    const text =
      '# T\n\n`https://in.code/x.ps1` and [https://shown.example.com](https://target.example.com) and https://$HOST/path\n\n```\nhttps://in.block/x.sh\n```\n';
    expect(links(text)).toEqual([
      { url: 'https://target.example.com', at: '[https://shown.example.com](https://target.example.com)' },
    ]);
  });

  it('count as a link to a script for the automation check', () => {
    const doc = parseDocument(
      'docs/runbooks/x.md',
      '# Reset\n\nThe script https://git.example.com/ops/reset.ps1 does this.\n',
      rubric,
    );
    expect(doc.links.some((l) => !l.relative && l.url.endsWith('.ps1'))).toBe(true);
  });
});

describe('GFM constructs the facts need', () => {
  it('reads task lists and an Owner table row', () => {
    const doc = parseDocument(
      'docs/runbooks/x.md',
      '# T\n\n| Field | Value |\n|---|---|\n| Owner | noc-lead |\n\n## Steps\n\n- [ ] one\n- [x] two\n',
      rubric,
    );
    expect(doc.owner?.value).toBe('noc-lead');
    expect(doc.lists.map((l) => [l.items, l.taskItems])).toEqual([[2, 2]]);
  });

  it('does not take a footnote for a link definition (no broken link to its text)', () => {
    const doc = parseDocument(
      'docs/runbooks/x.md',
      '# T\n\nSee the note.[^1]\n\n[^1]: upstream\n\n[ref]: other.md\n',
      rubric,
    );
    expect(doc.links.map((l) => l.url)).toEqual(['other.md']);
  });
});
