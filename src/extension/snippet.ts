/**
 * Turns a fix's text with placeholder markers into snippet syntax, so that
 * the editor selects each missing value (owner, reason, date) for typing.
 */
import type { Placeholder } from './actions';

/** Escapes the characters that snippet syntax gives a meaning (`\`, `$`, `}`). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * Snippet text of `text` with the first occurrence of each placeholder's
 * marker replaced by a numbered tab stop preselecting its value, in order.
 * Markers that do not occur are skipped (their tab stop numbers stay dense).
 */
export function toSnippet(text: string, placeholders: readonly Placeholder[]): string {
  let out = escapeSnippet(text);
  let stop = 1;
  for (const p of placeholders) {
    const marker = escapeSnippet(p.marker);
    const at = out.indexOf(marker);
    if (at === -1) continue;
    out = `${out.slice(0, at)}\${${stop}:${escapeSnippet(p.value)}}${out.slice(at + marker.length)}`;
    stop++;
  }
  return out;
}
