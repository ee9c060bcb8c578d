/**
 * Front matter reading with positions. The block itself is found by
 * micromark-extension-frontmatter, inside the Markdown parse (so Markdown and front matter agree on where it ends);
 * this module reads its YAML or TOML and keeps where each top-level key and
 * value stands, so that a finding can point at a key and a fix can replace
 * exactly one value.
 */
import { Parser, isMap, isScalar, parseDocument, visit, type CST, type Document, type YAMLError } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { FrontMatter, FrontMatterEntry } from './facts';
import type { Range } from '../position';
import { LineIndex, normalizeKey } from '../text';

/** Aliases in a front matter beyond this count are treated as an attack (billion laughs). */
export const MAX_YAML_ALIASES = 100;

/**
 * Reads the front matter block that spans `[start, end)` of `text`
 * (fences included).
 */
export function readFrontMatter(
  text: string,
  lines: LineIndex,
  format: 'yaml' | 'toml',
  start: number,
  end: number,
): FrontMatter {
  const firstBreak = text.indexOf('\n', start);
  const contentStart = firstBreak < 0 || firstBreak >= end ? end : firstBreak + 1;
  // The closing fence is the last line of the block.
  let contentEnd = end;
  while (contentEnd > contentStart && text[contentEnd - 1] !== '\n') contentEnd--;
  if (contentEnd < contentStart) contentEnd = contentStart;
  const content = text.slice(contentStart, contentEnd);
  const fm: FrontMatter = { format, range: lines.range(start, end), contentStart, contentEnd, entries: [] };
  const r = format === 'yaml' ? readYaml(content, contentStart, lines) : readToml(content, contentStart, lines);
  fm.entries = r.entries;
  if (r.error) fm.error = r.error;
  if (r.warnings) fm.warnings = r.warnings;
  return fm;
}

interface ReadResult {
  entries: FrontMatterEntry[];
  error?: FrontMatter['error'];
  /** Problems that leave the block readable (a duplicate key). */
  warnings?: { message: string; range: Range }[];
}

function readYaml(content: string, base: number, lines: LineIndex): ReadResult {
  // Duplicate keys are read as Ruby, Hugo and most YAML readers in the wild read them (the last one wins) and reported
  // below.
  const doc = parseDocument(content, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const at = (s: number, e: number) => lines.range(base + s, base + Math.max(s, e));
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const message = `front matter is not valid YAML: ${firstLine(err.message)}`;
    const offset = yamlErrorOffset(content, err);
    // An unclosed string or collection: the range runs from where it opens to the end of that line.
    const length = offset === err.pos[0] ? err.pos[1] - err.pos[0] : Infinity;
    return { entries: [], error: { message, range: errorRange(lines, base, content, offset, length) } };
  }
  if (doc.contents === null) return { entries: [] };
  if (!isMap(doc.contents)) {
    const r = doc.contents.range ?? [0, content.length];
    return {
      entries: [],
      error: {
        message: 'front matter must be a mapping of `key: value` lines',
        range: errorRange(lines, base, content, r[0], r[1] - r[0]),
      },
    };
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as Record<string, unknown>;
  } catch (e) {
    const message = `front matter cannot be read: ${firstLine(e instanceof Error ? e.message : String(e))} (at most ${MAX_YAML_ALIASES} aliases are expanded)`;
    return { entries: [], error: { message, range: errorRange(lines, base, content, firstAliasOffset(doc), 1) } };
  }
  const entries: FrontMatterEntry[] = [];
  const warnings: { message: string; range: Range }[] = [];
  const seen = new Map<string, number>();
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
    const key = String(pair.key.value);
    const kr = pair.key.range;
    const vnode = pair.value as { range?: [number, number, number] } | null;
    const vr = vnode && vnode.range ? vnode.range : [kr[1], kr[1], kr[1]];
    const entry: FrontMatterEntry = {
      key,
      normalizedKey: normalizeKey(key),
      value: data[key],
      keyRange: at(kr[0], kr[1]),
      valueRange: at(vr[0], vr[1]),
    };
    addEntry(entries, seen, warnings, entry);
  }
  return warnings.length > 0 ? { entries, warnings } : { entries };
}

function readToml(content: string, base: number, lines: LineIndex): ReadResult {
  let data: Record<string, unknown>;
  try {
    data = parseToml(content) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      // smol-toml counts lines and columns in the block (1-based): the block's own lines, whatever its line breaks.
      const offset = new LineIndex(content).lineStart(e.line) + Math.max(0, e.column - 1);
      return {
        entries: [],
        error: {
          message: `front matter is not valid TOML: ${firstLine(e.message)}`,
          range: errorRange(lines, base, content, offset, 1),
        },
      };
    }
    return {
      entries: [],
      error: { message: `front matter is not valid TOML: ${String(e)}`, range: errorRange(lines, base, content, 0, 1) },
    };
  }
  // smol-toml keeps no positions: find each top-level key on its own line before the first table header.
  const entries: FrontMatterEntry[] = [];
  const warnings: { message: string; range: Range }[] = [];
  const seen = new Map<string, number>();
  const re = /^[ \t]*(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z0-9_.-]+))[ \t]*=[ \t]*(.*)$/gm;
  const header = /^[ \t]*\[/m.exec(content);
  const limit = header ? header.index : content.length;
  for (let m = re.exec(content); m && m.index < limit; m = re.exec(content)) {
    const key = m[1] ?? m[2] ?? m[3];
    if (!(key in data)) continue;
    const keyStart = m.index + m[0].indexOf(key);
    const valueStart = m.index + m[0].length - m[4].length;
    const valueEnd = m.index + m[0].length - (m[4].length - m[4].trimEnd().length);
    addEntry(entries, seen, warnings, {
      key,
      normalizedKey: normalizeKey(key),
      value: data[key],
      keyRange: lines.range(base + keyStart, base + keyStart + key.length),
      valueRange: lines.range(base + valueStart, base + valueEnd),
    });
  }
  return warnings.length > 0 ? { entries, warnings } : { entries };
}

/**
 * Adds one entry. Key names match whatever their case, `-`, `_` or spaces (RUBRIC.md): a key that
 * repeats an earlier one (`Last Reviewed` after `last_reviewed`) is a warning at the second, and
 * the last value wins, in the place of the first.
 */
function addEntry(
  entries: FrontMatterEntry[],
  seen: Map<string, number>,
  warnings: { message: string; range: Range }[],
  entry: FrontMatterEntry,
): void {
  const earlier = seen.get(entry.normalizedKey);
  if (earlier === undefined) {
    seen.set(entry.normalizedKey, entries.length);
    entries.push(entry);
    return;
  }
  const first = entries[earlier];
  const what =
    first.key === entry.key ? `key \`${entry.key}\` is written twice` : `key \`${entry.key}\` repeats \`${first.key}\``;
  warnings.push({
    message: `front matter ${what} (first on line ${first.keyRange.start.line}): the last value is used; remove one of them`,
    range: entry.keyRange,
  });
  entries[earlier] = entry;
}

/**
 * The range of a syntax error at `offset` of the block's content (`length`
 * characters long), in document positions: on one line (a person reads the
 * line and column of its start), never past the block's last written line
 * (an error at the end of the block is at the end of what was written, not
 * on the closing fence).
 */
function errorRange(lines: LineIndex, base: number, content: string, offset: number, length: number): Range {
  const last = content.trimEnd().length;
  const start = Math.max(0, Math.min(offset, last));
  let eol = content.indexOf('\n', start);
  if (eol < 0) eol = content.length;
  if (content.charCodeAt(eol - 1) === 13) eol--;
  const end = Math.max(start, Math.min(start + Math.max(length, 1), eol));
  return lines.range(base + start, base + end);
}

/**
 * Where a YAML syntax error is, as an offset into the block: where the
 * library says, except for a string or a flow collection that is never
 * closed, which the library reports where it gave up looking for the
 * closing quote or bracket (the end of the block, often the closing fence):
 * such an error is where the string or the collection opens, the place a
 * person has to correct.
 */
function yamlErrorOffset(content: string, err: YAMLError): number {
  const [pos] = err.pos;
  const quote = /^Missing closing (["'])quote/.exec(err.message);
  const bracket = /end with an? ([\]}])/.exec(err.message);
  if (!quote && !bracket) return pos;
  const opener = quote ? quote[1] : bracket?.[1] === ']' ? '[' : '{';
  let found: number | undefined;
  for (const token of new Parser().parse(content)) {
    walkTokens(token, (t) => {
      if (t.offset > pos) return;
      if (
        quote &&
        (t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') &&
        t.source.startsWith(opener) &&
        t.offset + t.source.length >= pos
      ) {
        found = Math.max(found ?? -1, t.offset);
      }
      if (
        bracket &&
        t.type === 'flow-collection' &&
        t.start.source === opener &&
        !t.end.some((e) => e.source === bracket[1])
      )
        found = Math.max(found ?? -1, t.start.offset);
    });
  }
  return found ?? pos;
}

/** Calls `fn` on every token of a YAML concrete syntax tree, collections and their items included. */
function walkTokens(token: CST.Token | undefined, fn: (t: CST.Token) => void): void {
  if (!token) return;
  fn(token);
  if (token.type === 'document') walkTokens(token.value, fn);
  else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
    for (const item of token.items) {
      if ('key' in item) walkTokens(item.key ?? undefined, fn);
      walkTokens(item.value, fn);
    }
  }
}

/**
 * Offset of the first alias (`*name`) of a document: where an alias bomb starts (also for the rubric and config
 * loader).
 */
export function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
