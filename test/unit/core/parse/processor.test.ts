/**
 * The Markdown parser is a frozen unified processor: remark-parse,
 * remark-frontmatter (YAML and TOML) and our GFM subset plugin, which adds
 * tables and task list items and nothing else of GFM. These pin that down.
 */
import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { fragmentProcessor, markdownProcessor } from '../../../../src/core/parse/processor';
import { remarkGfmSubset } from '../../../../src/core/parse/remark-gfm-subset';

const parse = (text: string): Root => markdownProcessor.parse(text);

/** Every node of the tree, depth first. */
function nodes(tree: Nodes): Nodes[] {
  const out: Nodes[] = [tree];
  if ('children' in tree) for (const c of tree.children) out.push(...nodes(c));
  return out;
}
const types = (text: string) => new Set(nodes(parse(text)).map((n) => n.type as string));

describe('the processor', () => {
  it('is frozen, and parsing twice gives the same tree', () => {
    expect(() => markdownProcessor.use(remarkGfmSubset)).toThrow(/frozen/i);
    const text = '# A\n\n| Owner | Team |\n| --- | --- |\n| x | y |\n\n- [ ] one\n';
    expect(parse(text)).toEqual(parse(text));
  });

  it('has remark-parse, remark-frontmatter and the GFM subset registered on its data', () => {
    const data = markdownProcessor.data();
    // frontmatter (yaml+toml) plus table and task list item
    expect(data.micromarkExtensions).toHaveLength(3);
    expect(data.fromMarkdownExtensions).toHaveLength(3);
  });

  it('reads GFM tables', () => {
    const tree = parse('| Owner | Team |\n| --- | --- |\n| Ana | Ops |\n');
    const table = tree.children[0];
    expect(table.type).toBe('table');
    expect(types('| a | b |\n| - | - |\n| c | d |\n')).toEqual(
      new Set(['root', 'table', 'tableRow', 'tableCell', 'text']),
    );
  });

  it('reads GFM task list items', () => {
    const tree = parse('- [ ] open\n- [x] done\n- plain\n');
    const list = tree.children[0];
    expect(list.type).toBe('list');
    if (list.type !== 'list') return;
    expect(list.children.map((i) => i.checked)).toEqual([false, true, null]);
  });

  it('leaves out strikethrough: `~~x~~` stays text', () => {
    expect(types('Old ~~step~~ here.\n')).not.toContain('delete');
    const tree = parse('~~x~~\n');
    expect(
      nodes(tree)
        .filter((n) => n.type === 'text')
        .map((n) => (n as { value: string }).value),
    ).toEqual(['~~x~~']);
  });

  it('leaves out autolink literals: bare `www.` and `https://` URLs are not links', () => {
    expect(types('See www.example.com and https://example.com/x today.\n')).not.toContain('link');
    // CommonMark autolinks still are
    expect(types('See <https://example.com/x>.\n')).toContain('link');
  });

  it('leaves out footnotes', () => {
    const t = types('Text[^1].\n\n[^1]: The note.\n');
    expect(t).not.toContain('footnoteReference');
    expect(t).not.toContain('footnoteDefinition');
  });

  it('reads YAML front matter as a node with its position', () => {
    const text = '---\nowner: ops\nreviewed: 2026-01-01\n---\n# Title\n';
    const first = parse(text).children[0];
    expect(first.type).toBe('yaml');
    expect((first as { value: string }).value).toBe('owner: ops\nreviewed: 2026-01-01');
    expect(first.position?.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(first.position?.end).toEqual({ line: 4, column: 4, offset: text.indexOf('# Title') - 1 });
  });

  it('reads TOML front matter as a node with its position', () => {
    const text = '+++\nowner = "ops"\n+++\n\n# Title\n';
    const first = parse(text).children[0];
    expect(first.type as string).toBe('toml');
    expect((first as { value: string }).value).toBe('owner = "ops"');
    expect(first.position?.start.offset).toBe(0);
    expect(first.position?.end).toEqual({ line: 3, column: 4, offset: text.indexOf('+++', 3) + 3 });
  });

  it('reads front matter only at the start of the document', () => {
    expect(parse('# Title\n\n---\nowner: ops\n---\n').children.map((c) => c.type)).not.toContain('yaml');
  });

  it('the plugin alone adds exactly two micromark and two mdast extensions', () => {
    const p = unified().use(remarkParse).use(remarkGfmSubset).freeze();
    expect(p.data().micromarkExtensions).toHaveLength(2);
    expect(p.data().fromMarkdownExtensions).toHaveLength(2);
    expect(p.parse('---\na: b\n---\n').children[0].type).toBe('thematicBreak');
  });

  it("the fragment processor (the checklist fix's) reads the same blocks, without front matter", () => {
    expect(() => fragmentProcessor.use(remarkGfmSubset)).toThrow(/frozen/i);
    expect(fragmentProcessor.parse('---\na: b\n---\n').children[0].type).toBe('thematicBreak');
    const text = '1. one\n2. [link](x.md)\n\n- [ ] task\n\n| Owner | Team |\n| --- | --- |\n| x | y |\n';
    expect(fragmentProcessor.parse(text)).toEqual(parse(text));
  });
});
