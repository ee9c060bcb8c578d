/**
 * "Treat as SOP" and "Not an SOP": the user corrects a document's
 * classification by writing its front-matter `type` (RUBRIC.md: the front
 * matter `type` decides). One minimal edit: the value of an existing type key
 * (any of the rubric's aliases) is replaced, else one line goes into the
 * existing front matter, else a front matter block is created at the top.
 * Nothing else in the file moves: line endings and a byte-order mark stay.
 */
import type { DocumentKind, FrontMatter, SopDocument } from '../parse/facts';
import type { TextEdit } from '../position';
import type { Rubric } from '../rubric/types';
import { findEntry } from '../parse/parse';
import type { Fix } from './fix';
import { verified } from './edits';

/** The type values the two fixes write. */
export const KIND_FIX_TYPES = { 'treat-as-sop': 'sop', 'not-an-sop': 'reference' } as const;
export type KindFixId = keyof typeof KIND_FIX_TYPES;

/**
 * The fix that writes one of the two types: offered on any Markdown file
 * whose kind it changes (never in a fix-all). No edits when the document
 * already has the kind, or when a stronger rule would keep it (a CHANGELOG
 * stays an other document whatever its type says).
 */
function kindFix(id: KindFixId, title: string): Fix {
  return {
    id,
    class: 'kind',
    title,
    edits(ctx) {
      if (!kindFixApplies(id, ctx.doc.kind)) return [];
      const value = KIND_FIX_TYPES[id];
      const edits = setTypeEdits(ctx.text, ctx.doc, ctx.rubric, value);
      const holds = (d: SopDocument) =>
        d.meta.type === value && kindFixApplies(id, d.kind) === false && !d.frontMatter?.error;
      return verified(ctx, edits, holds);
    },
  };
}

/** `treat-as-sop`: front matter `type: sop`. */
export const treatAsSop = kindFix('treat-as-sop', 'Treat as SOP (front matter type: sop)');

/** `not-an-sop`: front matter `type: reference`. */
export const notAnSop = kindFix('not-an-sop', 'Not an SOP (front matter type: reference)');

/** True when the fix changes a document of this kind: "Treat as SOP" a non-procedure, "Not an SOP" a procedure. */
export function kindFixApplies(fixId: KindFixId, kind: DocumentKind): boolean {
  return fixId === 'treat-as-sop' ? kind !== 'procedure' : kind === 'procedure';
}

/**
 * The edits that set the front-matter type of `doc` (parsed from `text`) to
 * `value`. Empty when the front matter cannot be read (editing a block the
 * engine cannot read could break it further) or the document was not parsed.
 */
export function setTypeEdits(text: string, doc: SopDocument, rubric: Rubric, value: string): TextEdit[] {
  if (doc.skipped) return [];
  const fm = doc.frontMatter;
  if (fm?.error) return [];
  if (!fm) return [createBlock(text, doc, rubric, value)];
  const entry = findEntry(fm.entries, rubric, 'type');
  if (!entry) return [insertLine(text, fm, rubric, value)];
  // A key written twice is read as one value (the last wins): every copy gets the new value.
  const copies = fm.entries.filter((e) => e.normalizedKey === entry.normalizedKey);
  return copies.map((e) => replaceValue(text, fm, e.valueRange.start.offset, e.valueRange.end.offset, value));
}

/** The name a new type key gets: the rubric's first alias of `type`. */
function typeKey(rubric: Rubric): string {
  return rubric.aliases.frontMatter.type?.[0] ?? 'type';
}

function scalar(fm: Pick<FrontMatter, 'format'>, value: string): string {
  // Both values are plain words; TOML needs its string quotes, YAML does not.
  return fm.format === 'toml' ? JSON.stringify(value) : value;
}

/** The line break of the block's opening fence, so a new line matches the lines around it. */
function fenceEol(text: string, fm: FrontMatter): string {
  return text.slice(fm.range.start.offset, fm.contentStart).endsWith('\r\n') ? '\r\n' : '\n';
}

function replaceValue(text: string, fm: FrontMatter, start: number, end: number, value: string): TextEdit {
  let stop = end;
  if (fm.format === 'toml') {
    // The TOML value range runs to the end of the line: keep a trailing comment.
    const literal = /^(?:"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s#]+)/.exec(text.slice(start, end));
    if (literal) stop = start + literal[0].length;
  }
  // A block scalar's range includes its last line break; that break is not part of the value.
  while (stop > start && (text[stop - 1] === '\n' || text[stop - 1] === '\r')) stop--;
  // `type:` with no value: the range is empty, right after the colon.
  const space = start === stop && text[start - 1] === ':' ? ' ' : '';
  return { start, end: stop, newText: space + scalar(fm, value) };
}

function insertLine(text: string, fm: FrontMatter, rubric: Rubric, value: string): TextEdit {
  const eol = fenceEol(text, fm);
  const key = typeKey(rubric);
  if (fm.format === 'toml') {
    // Keys after a table header belong to that table: a top-level key goes before the first one.
    const header = /^[ \t]*\[/m.exec(text.slice(fm.contentStart, fm.contentEnd));
    const at = header ? fm.contentStart + header.index : fm.contentEnd;
    return { start: at, end: at, newText: `${key} = ${scalar(fm, value)}${eol}` };
  }
  return { start: fm.contentEnd, end: fm.contentEnd, newText: `${key}: ${value}${eol}` };
}

function createBlock(text: string, doc: SopDocument, rubric: Rubric, value: string): TextEdit {
  const eol = doc.lineEnding;
  // Front matter follows a byte-order mark; it never goes before it.
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { start: at, end: at, newText: `---${eol}${typeKey(rubric)}: ${value}${eol}---${eol}` };
}
