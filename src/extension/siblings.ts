/**
 * "What do the documents next to this one say?" — the most common value of a
 * fact among the documents in the same folder, used to suggest an owner or a
 * category that fits the neighbourhood.
 */
import { posix } from 'node:path';

/** A document path and the value of one of its facts. */
export interface PathValue {
  path: string;
  value: string;
}

/**
 * The most common value among the other documents in `path`'s folder, or
 * undefined when none of them has one. Ties go to the alphabetically first
 * value so that the suggestion does not change between runs.
 */
export function mostCommonSibling(path: string, entries: readonly PathValue[]): string | undefined {
  const folder = posix.dirname(path);
  return mostCommon(entries.filter((e) => e.path !== path && posix.dirname(e.path) === folder).map((e) => e.value));
}

/** The most common non-empty value (trimmed); ties go to the alphabetically first. */
export function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) {
    const value = v.trim();
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const [value, count] of counts) {
    if (!best || count > best[1] || (count === best[1] && value < best[0])) best = [value, count];
  }
  return best?.[0];
}
