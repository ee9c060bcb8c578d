/**
 * The Markdown parsers: frozen unified processors, made once, that only
 * `parse` (no transforms run; the tree is read once into facts, never
 * serialized). The document parser and the list-fragment parser of the
 * checklist fix read the same block constructs.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkGfmSubset } from './remark-gfm-subset';

/**
 * The document parser: remark-parse (CommonMark), remark-frontmatter (YAML
 * and TOML front matter, as nodes with positions) and the parts of GFM the
 * facts need (`remarkGfmSubset`: tables for an `Owner` row, task lists for
 * checklists). GFM autolink literals, strikethrough and footnotes are left
 * out (see remark-gfm-subset.ts): bare URLs are found in the text instead.
 */
export const markdownProcessor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkGfmSubset)
  .freeze();

/**
 * The same block constructs the document parser reads (a list item's first
 * paragraph is the same paragraph), without front matter: for a fragment's
 * own source (a list), never a document's start.
 */
export const fragmentProcessor = unified().use(remarkParse).use(remarkGfmSubset).freeze();
