/**
 * Word matching for traits and coverage topics: whole words,
 * case-insensitive, in a document's title, path, tags and category (never
 * the body), with `-`, `_`, `/` and `.` read as spaces, plurals and
 * one-word compounds folded (RUBRIC.md, "Process coverage").
 */
import type { SopDocument } from '../parse/facts';
import { matchSpaces } from '../parse/parse';
import { hasFoldedWords } from '../text';

/** The first of `words` found in the document, and in which field; undefined when none. */
export function matchWords(doc: SopDocument, words: readonly string[]): { word: string; field: string } | undefined {
  const spaces = matchSpaces(doc);
  for (const word of words) {
    for (const s of spaces) if (hasFoldedWords(s.space, word)) return { word, field: s.field };
  }
  return undefined;
}

/** Coverage of named topics by procedure documents (stubs aside): for each topic, the first document that matches. */
export function topicCoverage(
  procedures: readonly SopDocument[],
  topics: Record<string, string[]>,
): { topic: string; path?: string; word?: string }[] {
  return Object.entries(topics).map(([topic, words]) => {
    for (const doc of procedures) {
      if (doc.stub) continue;
      const m = matchWords(doc, words);
      if (m) return { topic, path: doc.path, word: m.word };
    }
    return { topic };
  });
}
