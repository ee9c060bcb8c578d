/**
 * Front matter reading with positions. The block itself is found by
 * micromark-extension-frontmatter, inside the Markdown parse (so Markdown and front matter agree on where it ends);
 * this module reads its YAML or TOML and keeps where each top-level key and
 * value stands, so that a finding can point at a key and a fix can replace
 * exactly one value.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { FrontMatter, FrontMatterEntry, Range } from './types';
import { LineIndex, normalizeKey } from './text';

/** Aliases in a front matter beyond this count are treated as an attack (billion laughs). */
export const MAX_YAML_ALIASES = 100;

/**
 * Reads the front matter block that spans `[start, end)` of `text`
 * (fences included).
 */
export function readFrontMatter(text: string, lines: LineIndex, format: 'yaml' | 'toml', start: number, end: number): FrontMatter {
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
  // Duplicate keys are read as Ruby, Hugo and most YAML readers in the wild read them (the last one wins) and reported below.
  const doc = parseDocument(content, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const at = (s: number, e: number) => lines.range(base + s, base + Math.max(s, e));
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const [s, e] = err.pos;
    const message = `front matter is not valid YAML: ${firstLine(err.message)}`;
    return { entries: [], error: { message, range: at(s, e) } };
  }
  if (doc.contents === null) return { entries: [] };
  if (!isMap(doc.contents)) {
    const r = doc.contents.range ?? [0, content.length];
    return { entries: [], error: { message: 'front matter must be a mapping of `key: value` lines', range: at(r[0], r[1]) } };
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as Record<string, unknown>;
  } catch (e) {
    const message = `front matter cannot be read: ${firstLine(e instanceof Error ? e.message : String(e))} (at most ${MAX_YAML_ALIASES} aliases are expanded)`;
    return { entries: [], error: { message, range: at(0, content.length) } };
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
    const entry: FrontMatterEntry = { key, normalizedKey: normalizeKey(key), value: data[key], keyRange: at(kr[0], kr[1]), valueRange: at(vr[0], vr[1]) };
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const first = entries[earlier];
      warnings.push({
        message: `front matter key \`${key}\` is written twice (first on line ${first.keyRange.start.line}): the last value is used; remove one of them`,
        range: entry.keyRange,
      });
      // The last value wins: the later entry replaces the earlier one, in its place.
      entries[earlier] = entry;
      continue;
    }
    seen.set(key, entries.length);
    entries.push(entry);
  }
  return warnings.length > 0 ? { entries, warnings } : { entries };
}

function readToml(content: string, base: number, lines: LineIndex): ReadResult {
  let data: Record<string, unknown>;
  try {
    data = parseToml(content) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      const offset = new LineIndex(content).lineStart(e.line) + Math.max(0, e.column - 1);
      return { entries: [], error: { message: `front matter is not valid TOML: ${firstLine(e.message)}`, range: lines.range(base + offset, base + offset) } };
    }
    return { entries: [], error: { message: `front matter is not valid TOML: ${String(e)}`, range: lines.range(base, base + content.length) } };
  }
  // smol-toml keeps no positions: find each top-level key on its own line before the first table header.
  const entries: FrontMatterEntry[] = [];
  const re = /^[ \t]*(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z0-9_.-]+))[ \t]*=[ \t]*(.*)$/gm;
  const header = /^[ \t]*\[/m.exec(content);
  const limit = header ? header.index : content.length;
  for (let m = re.exec(content); m && m.index < limit; m = re.exec(content)) {
    const key = m[1] ?? m[2] ?? m[3];
    if (!(key in data)) continue;
    const keyStart = m.index + m[0].indexOf(key);
    const valueStart = m.index + m[0].length - m[4].length;
    const valueEnd = m.index + m[0].length - (m[4].length - m[4].trimEnd().length);
    entries.push({
      key,
      normalizedKey: normalizeKey(key),
      value: data[key],
      keyRange: lines.range(base + keyStart, base + keyStart + key.length),
      valueRange: lines.range(base + valueStart, base + valueEnd),
    });
  }
  return { entries };
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
