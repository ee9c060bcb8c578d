/**
 * Which documents are procedures ("SOPs"), index pages or other documents,
 * following RUBRIC.md's rules in their order.
 */
import type { DocumentKind, Rubric, SopDocument } from './types';
import { hasWords, wordSpace } from './text';

const INDEX_NAMES = new Set(['readme', 'index', '_index']);
const NEVER_PROCEDURE = new Set(['changelog', 'license', 'licence', 'contributing', 'code_of_conduct', 'code-of-conduct', 'security']);
const ADR_HEADINGS = ['status', 'context', 'decision', 'consequences'];

/** File name without its folder and without Markdown endings (`.html.md.erb` included). */
export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/(\.html)?\.(md|markdown|mdx|mdown|mkd)(\.erb)?$/i, '');
}

/** True for README, index and _index pages. */
export function isIndexPath(path: string): boolean {
  return INDEX_NAMES.has(baseName(path).toLowerCase());
}

/** The kind of a parsed document and why. */
export function classify(doc: SopDocument, rubric: Rubric): { kind: DocumentKind; reason: string } {
  const s = rubric.settings;
  const name = baseName(doc.path).toLowerCase();
  if (INDEX_NAMES.has(name)) return { kind: 'index', reason: `index page (${name})` };
  if (NEVER_PROCEDURE.has(name)) return { kind: 'other', reason: `${name} file` };

  const type = doc.meta.type;
  if (type) {
    if (s.procedureTypes.includes(type)) return { kind: 'procedure', reason: `front matter type: ${type}` };
    return { kind: 'other', reason: `front matter type: ${type}` };
  }

  const headings = new Set(doc.headings.map((h) => h.normalized));
  if (ADR_HEADINGS.filter((h) => headings.has(h)).length >= 3) return { kind: 'other', reason: 'architecture decision record' };

  const folders = doc.path.split('/').slice(0, -1);
  const folder = folders.find((f) => s.procedureFolders.includes(f.toLowerCase()));
  if (folder) return { kind: 'procedure', reason: `in folder ${folder}/` };

  if (doc.title) {
    const space = wordSpace(doc.title);
    const word = s.procedureTitleWords.find((w) => hasWords(space, w));
    if (word) return { kind: 'procedure', reason: `title names a ${word}` };
    const prefix = (s.procedureTitlePrefixes ?? ['how to']).find((p) => space.startsWith(wordSpace(p).trimEnd() + ' '));
    if (prefix) return { kind: 'procedure', reason: `title starts with "${prefix}"` };
  }

  const stepHeadings = rubric.aliases.headings.steps ?? ['procedure', 'steps'];
  const steps = doc.lists.some((l) => {
    const h = doc.headings[l.headingIndex];
    return l.ordered && l.items >= 3 && h !== undefined && stepHeadings.includes(h.normalized);
  });
  if (steps) return { kind: 'procedure', reason: 'Procedure/Steps heading with numbered steps' };
  return { kind: 'other', reason: 'not recognised as a procedure' };
}
