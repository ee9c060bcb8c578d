/**
 * Brace expansion of a glob: `{a,b}` alternatives (nested, with empty ones)
 * and `{1..3}` / `{a..e}` ranges, at most MAX_GLOB_ALTERNATIVES per glob.
 */
import { GlobError, MAX_GLOB_ALTERNATIVES } from './globError';
import { classEnd } from './globPattern';

/**
 * Expands `{a,b}` (nested, with empty alternatives) and `{1..3}` / `{a..e}`
 * ranges; a brace without a comma or range, or without its closing brace, is
 * a plain character. `offset` is where `source` starts in the pattern, for
 * the column of a problem.
 */
export function expandBraces(source: string, offset: number): string[] {
  const open = findBrace(source);
  if (!open) return [source];
  const { start, end, parts } = open;
  const column = offset + start + 1;
  const pre = source.slice(0, start);
  const tails = expandBraces(source.slice(end + 1), offset + end + 1);
  const middles: string[] = [];
  for (const part of parts) {
    for (const m of expandBraces(part.text, offset + part.at)) {
      middles.push(m);
      if (middles.length > MAX_GLOB_ALTERNATIVES) throw tooMany(column);
    }
  }
  if (middles.length * tails.length > MAX_GLOB_ALTERNATIVES) throw tooMany(column);
  const out: string[] = [];
  for (const m of middles) for (const t of tails) out.push(pre + m + t);
  return out;
}

function tooMany(column: number): GlobError {
  return new GlobError(`braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives`, column);
}

/** The first `{...}` with a top-level comma or a range, split into its alternatives. */
function findBrace(source: string): { start: number; end: number; parts: { text: string; at: number }[] } | undefined {
  for (let start = 0; start < source.length; start++) {
    const c = source[start];
    if (c === '\\') {
      start++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(source, start);
      if (end > 0) start = end;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start + 1; i < source.length; i++) {
      const d = source[i];
      if (d === '\\') i++;
      else if (d === '{') depth++;
      else if (d === ',' && depth === 0) commas.push(i);
      else if (d === '}') {
        if (depth > 0) {
          depth--;
          continue;
        }
        if (commas.length > 0) {
          const bounds = [start, ...commas, i];
          const parts = bounds.slice(1).map((b, k) => ({ text: source.slice(bounds[k] + 1, b), at: bounds[k] + 1 }));
          return { start, end: i, parts };
        }
        const range = rangeParts(source.slice(start + 1, i), start + 1);
        if (range) return { start, end: i, parts: range };
        break; // `{a}` is plain text; look for a later brace
      }
    }
  }
  return undefined;
}

/** `1..3` → 1, 2, 3; `a..c` → a, b, c; anything else undefined. */
function rangeParts(body: string, at: number): { text: string; at: number }[] | undefined {
  const m = /^(-?\d{1,6}|[A-Za-z])\.\.(-?\d{1,6}|[A-Za-z])$/.exec(body);
  if (!m) return undefined;
  const numeric = /\d/.test(m[1]);
  if (numeric !== /\d/.test(m[2])) return undefined;
  const from = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const to = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  if (Math.abs(to - from) >= MAX_GLOB_ALTERNATIVES) throw tooMany(at);
  const step = from <= to ? 1 : -1;
  const out: { text: string; at: number }[] = [];
  for (let v = from; ; v += step) {
    out.push({ text: numeric ? String(v) : String.fromCharCode(v), at });
    if (v === to) break;
  }
  return out;
}
