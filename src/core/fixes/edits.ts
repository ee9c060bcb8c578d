/**
 * The text edits the fixes share. An edit only inserts or replaces what it
 * means to change, in the document's own line ending, and a fix is offered
 * only when the text it makes reads back as intended.
 */
import { stringify as yamlStringify } from 'yaml';
import type { SopDocument } from '../parse/facts';
import type { TextEdit } from '../position';
import { findEntry, parseDocument } from '../parse/parse';
import type { FixContext } from './fix';

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * A fix is offered only when the fixed text reads back as intended:
 * appended Markdown can be swallowed by an unclosed code fence or generated
 * region, and a replaced front-matter value can meet an odd YAML form (an
 * empty block scalar). Such a fix would change the text without fixing
 * anything.
 */
export function verified(ctx: FixContext, edits: TextEdit[], holds: (doc: SopDocument) => boolean): TextEdit[] {
  if (edits.length === 0) return edits;
  const after = parseDocument(ctx.doc.path, applyEdits(ctx.text, edits), ctx.rubric);
  return holds(after) ? edits : [];
}

/** A YAML scalar for a value (quoted only when it must be). */
export function yamlScalar(value: string): string {
  return yamlStringify(value).trimEnd();
}

/** Sets a front-matter concept (existing key replaced, else a new line, else a new block). */
export function setKey(
  ctx: FixContext,
  concept: string,
  value: string,
  keyName = concept === 'reviewed' ? 'last_reviewed' : concept,
): TextEdit[] {
  const { doc } = ctx;
  const eol = doc.lineEnding;
  const fm = doc.frontMatter;
  if (fm?.error || unclosedFence(ctx)) return [];
  const toml = fm?.format === 'toml';
  const scalar = toml ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : JSON.stringify(value)) : yamlScalar(value);
  if (fm) {
    const entry = findEntry(fm.entries, ctx.rubric, concept);
    if (entry) return [{ start: entry.valueRange.start.offset, end: entry.valueRange.end.offset, newText: scalar }];
    const line = toml ? `${keyName} = ${scalar}` : `${keyName}: ${scalar}`;
    return [{ start: fm.contentEnd, end: fm.contentEnd, newText: line + eol }];
  }
  return [{ start: 0, end: 0, newText: `---${eol}${keyName}: ${scalar}${eol}---${eol}` }];
}

/**
 * add-owner / add-category without a value: the key with a placeholder
 * value, as a snippet that selects it for the author to replace.
 */
export function placeholderKey(ctx: FixContext, concept: 'owner' | 'category', placeholder: string): TextEdit[] {
  const holds = (d: SopDocument) =>
    !d.frontMatter?.error && findEntry(d.frontMatter?.entries ?? [], ctx.rubric, concept)?.value === placeholder;
  return verified(ctx, setKey(ctx, concept, placeholder), holds).map((e) => withSnippet(e, [placeholder]));
}

/**
 * True when the text opens with a front-matter fence that no fence closes:
 * the block reads as the whole document. Something inserted before it would
 * turn it into body text, changing what the document says.
 */
export function unclosedFence(ctx: FixContext): boolean {
  return !ctx.doc.frontMatter && /^(?:---|\+\+\+)[ \t]*\r?\n/.test(ctx.text);
}

/** Offset right after the line that contains `offset` (after its line break), or the end of the text. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Inserts a block of lines at the end of the document, separated by a blank line. */
export function appendBlock(ctx: FixContext, lines: string[]): TextEdit {
  const eol = ctx.doc.lineEnding;
  const t = ctx.text;
  const body = lines.join(eol);
  if (t.length === 0) return { start: 0, end: 0, newText: body + eol };
  if (!ctx.doc.endsWithNewline) return { start: t.length, end: t.length, newText: eol + eol + body };
  const blankBefore = t.endsWith(eol + eol) ? '' : eol;
  return { start: t.length, end: t.length, newText: blankBefore + body + eol };
}

/** Inserts a block of lines before the heading that starts at `offset`. */
export function insertBefore(ctx: FixContext, offset: number, lines: string[]): TextEdit {
  const eol = ctx.doc.lineEnding;
  return { start: offset, end: offset, newText: lines.join(eol) + eol + eol };
}

/** Escapes what snippet syntax gives a meaning (`\`, `$`, `}`). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * The snippet form of an insertion: each occurrence of a placeholder of
 * `marks`, in the order they appear, becomes a numbered tab stop that
 * selects it; everything else is the text as inserted, escaped.
 */
export function snippetOf(newText: string, marks: readonly string[]): string {
  let out = '';
  let pos = 0;
  let stop = 0;
  for (;;) {
    let at = -1;
    let mark = '';
    for (const m of marks) {
      const i = m ? newText.indexOf(m, pos) : -1;
      if (i >= 0 && (at < 0 || i < at)) [at, mark] = [i, m];
    }
    if (at < 0) break;
    out += `${escapeSnippet(newText.slice(pos, at))}\${${++stop}:${escapeSnippet(mark)}}`;
    pos = at + mark.length;
  }
  return out + escapeSnippet(newText.slice(pos));
}

/** An edit with its snippet form, tab stops on `marks`. */
export function withSnippet(edit: TextEdit, marks: readonly string[]): TextEdit {
  return { ...edit, snippet: snippetOf(edit.newText, marks) };
}

/** Why a fix cannot edit the document's front matter: it cannot be read; undefined when it can. */
export function frontMatterBlocker(doc: SopDocument): string | undefined {
  return doc.frontMatter?.error
    ? 'the front matter cannot be read (see its front-matter finding): correct it first'
    : undefined;
}
