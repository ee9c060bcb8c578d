/**
 * Which documents are procedures ("SOPs"), index pages or other documents,
 * following RUBRIC.md's rules ("Which files are procedure documents"). The
 * reason of every verdict is kept so that a user can see it and correct it.
 */
import type { DocumentKind, SopDocument } from './facts';
import type { Rubric } from '../rubric/types';
import { hasWords, normalizeName, wordSpace } from '../text';
import { isInstruction, runbookShape, stepsSectionList, writtenSteps } from './sections';

const INDEX_NAMES = new Set(['readme', 'index', '_index']);
/** File names (lower case, without `-`, `_`, `.` and spaces) that are never procedures. */
const NEVER_PROCEDURE = new Map([
  ['summary', 'navigation file'],
  ['sidebar', 'navigation file'],
  ['changelog', 'change log'],
  ['license', 'licence'],
  ['licence', 'licence'],
  ['contributing', 'contribution guide'],
  ['codeofconduct', 'code of conduct'],
  ['security', 'security policy'],
  ['todo', 'to-do list'],
]);
const ADR_HEADINGS = ['status', 'context', 'decision', 'consequences'];
/**
 * A calendar date in a file name or title: the document records one event (an incident report, meeting notes, a blog
 * post).
 */
const DATED = /(?:^|[^\d])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[^\d]|$)/;
const TEMPLATE_WORDS = new Set(['template', 'templates']);
/** A file (not a folder) named like this shows contributors the format: a sample, not a procedure. */
const SAMPLE_WORDS = new Set(['example', 'examples', 'sample', 'samples']);

/** File name without its folder and without Markdown endings (`.html.md.erb` included). */
export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/(\.html)?\.(md|markdown|mdx|mdown|mkd)(\.erb)?$/i, '');
}

/** True for README, index and _index pages. */
export function isIndexPath(path: string): boolean {
  return INDEX_NAMES.has(baseName(path).toLowerCase());
}

/** The words of a file or folder name, split at `-`, `_`, `.` and spaces (lower case). */
function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter(Boolean);
}

/** True when `words` contains `phrase` (itself split into words) as consecutive words. */
function containsWords(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, k) => words[i + k] === p)) return true;
  }
  return false;
}

/** True when a name begins or ends with one of `words`. */
function framedBy(name: string, words: ReadonlySet<string>): boolean {
  const w = nameWords(name);
  return w.length > 0 && (words.has(w[0]) || words.has(w[w.length - 1]));
}

/**
 * The template in a path: a file or folder whose name begins or ends with
 * the word `template(s)`, or a file named so with `example(s)`/`sample(s)`.
 */
function templateName(path: string): string | undefined {
  const parts = path.split('/');
  const file = baseName(path);
  if (framedBy(file, SAMPLE_WORDS)) return file;
  parts[parts.length - 1] = file;
  return parts.find((p) => framedBy(p, TEMPLATE_WORDS));
}

/** A kind and the reason for it. */
export interface Classification {
  kind: DocumentKind;
  reason: string;
  /** For index-named files: the classification as an ordinary page (inside a documentation site). */
  asPage?: { kind: DocumentKind; reason: string };
}

/** The kind of a parsed document and why. */
export function classify(doc: SopDocument, rubric: Rubric): Classification {
  const name = baseName(doc.path).toLowerCase();
  const never = NEVER_PROCEDURE.get(name.replace(/[-_.\s]+/g, ''));
  if (never) return { kind: 'other', reason: `${never} (${baseName(doc.path)}): never a procedure` };
  const template = templateName(doc.path);
  if (template) return { kind: 'other', reason: `template (${template}): never a procedure` };

  const type = doc.meta.type;
  const s = rubric.settings;
  if (type && s.procedureTypes.includes(type)) return { kind: 'procedure', reason: `front matter type: ${type}` };
  if (type && (s.nonProcedureTypes ?? []).includes(type))
    return { kind: 'other', reason: `front matter type: ${type} (not a procedure)` };

  const dated = DATED.test(baseName(doc.path))
    ? baseName(doc.path)
    : doc.title && DATED.test(doc.title)
      ? doc.title
      : undefined;
  if (dated) return { kind: 'other', reason: `a dated record of one event ("${dated}"), not a procedure` };

  if (INDEX_NAMES.has(name)) {
    const asPage = classifyPage(doc, rubric);
    const section = stepsSectionList(doc, rubric);
    if (section) return { kind: 'procedure', reason: `index page with written steps: ${section.reason}`, asPage };
    const shape = runbookShape(doc, rubric);
    if (shape)
      return {
        kind: 'procedure',
        reason: `index page shaped as a runbook: "${shape.situation.text}" and "${shape.response.text}" headings`,
        asPage,
      };
    return { kind: 'index', reason: `index page (${baseName(doc.path)})`, asPage };
  }
  return classifyPage(doc, rubric);
}

/** The rules for an ordinary page, after the never-list, the front matter type and the index pages. */
function classifyPage(doc: SopDocument, rubric: Rubric): { kind: DocumentKind; reason: string } {
  const s = rubric.settings;
  const headings = new Set(doc.headings.map((h) => h.normalized));
  if (ADR_HEADINGS.filter((h) => headings.has(h)).length >= 3)
    return { kind: 'other', reason: 'architecture decision record (Status, Context, Decision, Consequences)' };
  const reference = (s.referenceHeadings ?? []).map(normalizeName).filter((h) => headings.has(h));
  if (reference.length >= 3)
    return { kind: 'other', reason: `command or API reference page (${reference.slice(0, 3).join(', ')} headings)` };

  const folders = doc.path.split('/').slice(0, -1);
  const entries = s.procedureFolders.map((f) => ({ f, words: nameWords(f) }));
  for (const folder of folders) {
    const words = nameWords(folder);
    const hit = entries.find((e) => containsWords(words, e.words));
    if (hit) return { kind: 'procedure', reason: `in folder ${folder}/ (${hit.f})` };
  }

  if (doc.title) {
    const space = wordSpace(doc.title);
    const word = s.procedureTitleWords.find((w) => hasWords(space, w));
    if (word) return { kind: 'procedure', reason: `title names a ${word}` };
    const prefix = (s.procedureTitlePrefixes ?? ['how to']).find((p) => space.startsWith(wordSpace(p).trimEnd() + ' '));
    if (prefix) return { kind: 'procedure', reason: `title starts with "${prefix}"` };
    // A title that is a task ("Add nodes to the cluster") names a procedure as "How to add nodes" would.
    if (isInstruction(doc.title, rubric))
      return { kind: 'procedure', reason: `title is an instruction ("${doc.title.slice(0, 60)}")` };
  }

  const steps = writtenSteps(doc, rubric);
  if (steps) return { kind: 'procedure', reason: `written steps: ${steps.reason}` };
  const shape = runbookShape(doc, rubric);
  if (shape)
    return {
      kind: 'procedure',
      reason: `shaped as a runbook: "${shape.situation.text}" and "${shape.response.text}" headings`,
    };
  return { kind: 'other', reason: 'no procedure type, folder, title, written steps or runbook headings' };
}
