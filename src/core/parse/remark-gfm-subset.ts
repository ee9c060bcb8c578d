/**
 * A remark plugin that adds the two GFM constructs the facts read, and only
 * those: tables (an `Owner` row) and task list items (checklists). It
 * registers them the way `remark-gfm` registers all of GFM: by pushing the
 * micromark syntax extension and the mdast-util-from-markdown extension onto
 * the processor's data, which `remark-parse` hands to `fromMarkdown`.
 *
 * Left out on purpose: autolink literals (bare URLs are found in the text
 * instead, at a fraction of their cost: that construct alone made parsing
 * ~30% slower), strikethrough and footnotes (they only change how text is
 * split, never a fact). Parse only: no `toMarkdownExtensions`, the tree is
 * never serialized.
 */
/// <reference types="remark-parse" />
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

/** Adds GFM tables and task list items to a remark processor (use after `remark-parse`). */
export function remarkGfmSubset(this: Processor): undefined {
  const data = this.data();
  const micromarkExtensions = data.micromarkExtensions ?? (data.micromarkExtensions = []);
  const fromMarkdownExtensions = data.fromMarkdownExtensions ?? (data.fromMarkdownExtensions = []);
  micromarkExtensions.push(gfmTable(), gfmTaskListItem());
  fromMarkdownExtensions.push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
  return undefined;
}
