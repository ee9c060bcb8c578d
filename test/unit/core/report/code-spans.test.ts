/**
 * Messages carry `code spans`; the Markdown and HTML reports render them as
 * code instead of showing the backticks, and still escape everything that
 * comes from a document. The Markdown is checked by parsing it back with a
 * CommonMark + GFM table parser: what renders must be exactly the message's
 * text and code, in a table cell as well as in running text.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { PhrasingContent, RootContent } from 'mdast';
import { markdownProcessor } from '../../../../src/core/parse/parse';
import { describe, expect, it } from 'vitest';
import { formatHtml } from '../../../../src/core/report/html';
import { htmlMessage, markdownMessage } from '../../../../src/core/report/inline';
import { formatMarkdown } from '../../../../src/core/report/markdown';
import type { Report } from '../../../../src/core/report/types';
import { markdownCodeSpan, splitCodeSpans, type MessagePart } from '../../../../src/shared/code';

const sample = (): Report =>
  JSON.parse(readFileSync(new URL('../../../fixtures/reports/sample.json', import.meta.url), 'utf8')) as Report;

/** Text and code of the phrasing content that `markdown` renders to, in a paragraph or in the one body cell of a table. */
function rendered(markdown: string, table: boolean): MessagePart[] {
  const source = table ? `| h |\n|---|\n| ${markdown} |\n` : `${markdown}\n`;
  const tree = markdownProcessor.parse(source);
  const first = tree.children[0] as RootContent;
  let phrasing: PhrasingContent[];
  if (table) {
    if (first.type !== 'table') throw new Error(`not a table: ${first.type}`);
    const rows = first.children;
    if (rows.length !== 2 || rows[1].children.length !== 1)
      throw new Error(`the row was split: ${JSON.stringify(rows[1])}`);
    phrasing = rows[1].children[0].children;
  } else {
    if (first.type !== 'paragraph' || tree.children.length !== 1) throw new Error(`not one paragraph: ${first.type}`);
    phrasing = first.children;
  }
  const parts: MessagePart[] = [];
  for (const node of phrasing) {
    if (node.type !== 'text' && node.type !== 'inlineCode') throw new Error(`markup leaked: ${node.type}`);
    const last = parts[parts.length - 1];
    if (node.type === 'text' && last && !last.code) last.text += node.value;
    else parts.push({ code: node.type === 'inlineCode', text: node.value });
  }
  return parts;
}

/**
 * What a message should render to: its parts, between the "x " and " y" the
 * test wraps it in; line breaks in text read as one space (a report line
 * cannot hold them), in code as CommonMark reads them.
 */
function expected(message: string): MessagePart[] {
  const inner = splitCodeSpans(message).map((p) =>
    p.code ? p : { code: false, text: p.text.replace(/[\r\n]+/g, ' ') },
  );
  const parts: MessagePart[] = [{ code: false, text: 'x ' }, ...inner, { code: false, text: ' y' }];
  const out: MessagePart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && !last.code && !part.code) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

describe('splitting a message into text and code', () => {
  it('finds code spans as CommonMark does', () => {
    expect(splitCodeSpans('Broken link `../x.md` (file not found)')).toEqual([
      { code: false, text: 'Broken link ' },
      { code: true, text: '../x.md' },
      { code: false, text: ' (file not found)' },
    ]);
    // A longer fence holds single backticks; one space on each side is stripped.
    expect(splitCodeSpans('use `` a`b `` here')).toEqual([
      { code: false, text: 'use ' },
      { code: true, text: 'a`b' },
      { code: false, text: ' here' },
    ]);
    // A run closes only at a run of the same length; an unclosed run is text.
    expect(splitCodeSpans('a ``b` c`` d ` e')).toEqual([
      { code: false, text: 'a ' },
      { code: true, text: 'b` c' },
      { code: false, text: ' d ` e' },
    ]);
    expect(splitCodeSpans('no code')).toEqual([{ code: false, text: 'no code' }]);
    expect(splitCodeSpans('`all`')).toEqual([{ code: true, text: 'all' }]);
    expect(splitCodeSpans('')).toEqual([]);
  });

  it('is linear in the number of backticks, whatever their runs', () => {
    const message = Array.from({ length: 20_000 }, (_, i) => '`'.repeat((i % 50) + 1) + 'x').join('');
    const start = performance.now();
    splitCodeSpans(message);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('code spans in Markdown', () => {
  it('writes a message with code for a table cell: backticks as code, pipes escaped, HTML as text', () => {
    const message = 'Broken link `a|b <img src=x>.md` | expected *a file*';
    const md = markdownMessage(message, { table: true });
    expect(md).toBe('Broken link `a\\|b <img src=x>.md` \\| expected \\*a file\\*');
    expect(rendered(`x ${md} y`, true)).toEqual(expected(message));
  });

  it('fences code that holds backticks with a longer fence', () => {
    expect(markdownCodeSpan('a`b')).toBe('``a`b``');
    expect(markdownCodeSpan('`tick')).toBe('`` `tick ``');
    expect(markdownCodeSpan(' padded ')).toBe('`  padded  `');
    expect(rendered(markdownCodeSpan('a``b`'), false)).toEqual([{ code: true, text: 'a``b`' }]);
  });

  it('renders every message exactly, in table cells and in running text', () => {
    const alphabet = fc.constantFrom(
      'a',
      ' ',
      '`',
      '|',
      '\\',
      '<',
      '>',
      '&',
      '*',
      '_',
      '#',
      '[',
      ']',
      '(',
      ')',
      '!',
      '~',
      '"',
      ':',
      '-',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.boolean(), (chars, table) => {
        const message = chars.join('');
        expect(rendered(`x ${markdownMessage(message, { table })} y`, table)).toEqual(expected(message));
      }),
      { numRuns: 500 },
    );
  });

  it('the Markdown report shows the findings table and the steps with code, not backticks', () => {
    const out = formatMarkdown(sample());
    const row = out.split('\n').find((l) => l.startsWith('| 1:1 | warning | review-date |'))!;
    expect(row).toBe('| 1:1 | warning | review-date | No review date: add `last_reviewed:` to the front matter |');
    const cells = rendered(row.slice(row.lastIndexOf('| No review') + 2, -2), true);
    expect(cells).toEqual([
      { code: false, text: 'No review date: add ' },
      { code: true, text: 'last_reviewed:' },
      { code: false, text: ' to the front matter' },
    ]);
    expect(out).not.toContain('\\`');
  });
});

describe('code spans in HTML', () => {
  it('renders code as <code> and escapes everything from a document, inside code too', () => {
    expect(htmlMessage('Broken link `<img src=x onerror=alert(1)>.md` & "more" <b>')).toBe(
      'Broken link <code>&lt;img src=x onerror=alert(1)&gt;.md</code> &amp; &quot;more&quot; &lt;b&gt;',
    );
    expect(htmlMessage('an unclosed ` stays')).toBe('an unclosed ` stays');
  });

  it('the HTML report shows findings, steps and errors with code, not backticks', () => {
    const report = sample();
    report.errors[0].message = 'front matter is not valid: key `own<er` repeated';
    const out = formatHtml(report);
    expect(out).toContain('<td>No review date: add <code>last_reviewed:</code> to the front matter</td>');
    expect(out).toContain('Add a task list (<code>- [ ] step</code>) under the steps.');
    expect(out).toContain('key <code>own&lt;er</code> repeated');
    expect(out).not.toMatch(/`[^`<]*`/);
  });
});
