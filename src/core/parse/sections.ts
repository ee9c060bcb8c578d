/**
 * Reading headings as sections (RUBRIC.md, "Reading headings") and the forms
 * written steps take: what the classification, the structure checks and the
 * fixes ask of a document's headings and lists.
 */
import type { Heading, ListFact, SopDocument } from './facts';
import type { Rubric } from '../rubric/types';
import { escapeRegExp, normalizeName, readsAs, stripNumbering } from '../text';

/** A rubric's heading names, normalised once. */
interface SectionNames {
  /** Per concept, its names (lower case, punctuation as spaces). */
  concepts: Map<string, string[]>;
  whole: Set<string>;
  ignored: string[];
  verbs: string[];
  /** The verbs and their -ing forms ("install" → installing, "set up" → setting up), as headings use them. */
  verbForms: string[];
  /**
   * The same as a pattern over a heading's own text: a verb joined to the next
   * word by a hyphen is no verb (`Add-ons`, the cmdlet `Add-DnsServerZone`,
   * the parameter `-Confirm`).
   */
  instruction: RegExp;
  /**
   * The base verbs only, as titles and list items give instructions ("Restore the index"; "Restoring Solr" names a
   * topic).
   */
  imperative: RegExp;
  /** Words a step may open with before its verb ("Then", "Finally,", "You need to"), as one pattern. */
  leads: RegExp;
  /** The verb forms as a pattern over a normalised heading. */
  verbStart: RegExp;
  /** Per document (facts do not change once parsed), what the checks ask more than once. */
  instructionHeadings: WeakMap<SopDocument, Heading[]>;
  writtenSteps: WeakMap<SopDocument, WrittenSteps | null>;
}

/**
 * A pattern that matches a text starting with one of `phrases` as whole words; a phrase joined on by a hyphen does not
 * count.
 */
function startPattern(phrases: readonly string[]): RegExp {
  if (phrases.length === 0) return /$^/;
  const alternatives = phrases.map((v) => v.split(' ').map(escapeRegExp).join('[\\s_/]+'));
  return new RegExp(`^(?:${alternatives.join('|')})(?![\\p{L}\\p{N}-])`, 'u');
}

/**
 * The -ing form of a verb phrase's first word: `configure` → configuring, `set up` → setting up, `log in` → logging in.
 */
function gerund(verb: string): string {
  const [first, ...rest] = verb.split(' ');
  let ing: string;
  if (/[^e]e$/.test(first)) ing = `${first.slice(0, -1)}ing`;
  else if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(first)) ing = `${first}${first.slice(-1)}ing`;
  else ing = `${first}ing`;
  return [ing, ...rest].join(' ');
}

const compiled = new WeakMap<Rubric, SectionNames>();

function namesOf(rubric: Rubric): SectionNames {
  let names = compiled.get(rubric);
  if (!names) {
    const s = rubric.settings;
    names = {
      concepts: new Map(
        Object.entries(rubric.aliases.headings).map(([concept, list]) => [
          concept,
          [...new Set(list.map(normalizeName))].filter(Boolean),
        ]),
      ),
      whole: new Set((s.wholeHeadingAliases ?? []).map(normalizeName)),
      ignored: (s.ignoredHeadings ?? []).map(normalizeName).filter(Boolean),
      verbs: (s.instructionVerbs ?? []).map(normalizeName).filter(Boolean),
      verbForms: [],
      instruction: /$^/,
      imperative: /$^/,
      leads: /$^/,
      verbStart: /$^/,
      instructionHeadings: new WeakMap(),
      writtenSteps: new WeakMap(),
    };
    names.verbForms = [...new Set([...names.verbs, ...names.verbs.map(gerund)])];
    names.instruction = startPattern(names.verbForms);
    names.imperative = startPattern(names.verbs);
    if (names.verbForms.length > 0)
      names.verbStart = new RegExp(`^(?:${names.verbForms.map(escapeRegExp).join('|')})(?: |$)`);
    const leads = (s.instructionLeads ?? []).map(normalizeName).filter(Boolean);
    if (leads.length > 0)
      names.leads = new RegExp(
        `^(?:(?:${leads.map((l) => l.split(' ').map(escapeRegExp).join("[\\s'’]+")).join('|')})(?![\\p{L}\\p{N}-])[\\s,;:]*)+`,
        'u',
      );
    compiled.set(rubric, names);
  }
  return names;
}

/** The names a concept's headings may have (normalised). */
export function sectionNames(rubric: Rubric, concept: string): string[] {
  return namesOf(rubric).concepts.get(concept) ?? [normalizeName(concept)];
}

/** True when a heading never reads as any section ("Next steps", "See also", "Related ..."). */
function ignored(h: Heading, names: SectionNames): boolean {
  return names.ignored.some((n) => h.normalized === n || h.normalized.startsWith(`${n} `));
}

/** True when a heading reads as a section of `concept`. */
export function readsAsSection(h: Heading, rubric: Rubric, concept: string): boolean {
  if (h.depth > 6 || h.normalized === '') return false;
  const names = namesOf(rubric);
  if (ignored(h, names)) return false;
  return sectionNames(rubric, concept).some((n) => readsAs(h.normalized, n, names.whole.has(n)));
}

/** The first heading that reads as a section of `concept`. */
export function findSection(doc: SopDocument, rubric: Rubric, concept: string): Heading | undefined {
  return doc.headings.find((h) => readsAsSection(h, rubric, concept));
}

/** The heading a list belongs to, or one above it (by depth), that reads as `concept`. */
export function enclosingSection(
  doc: SopDocument,
  list: ListFact,
  rubric: Rubric,
  concept: string,
): Heading | undefined {
  let depth = Infinity;
  for (let i = list.headingIndex; i >= 0; i--) {
    const h = doc.headings[i];
    if (h.depth > 6 || h.depth >= depth) continue;
    depth = h.depth;
    if (readsAsSection(h, rubric, concept)) return h;
  }
  return undefined;
}

/** True for a list that can hold steps: not navigation (links only). */
function canBeSteps(l: ListFact): boolean {
  return !l.navigation;
}

/** Headings of the body (the title's heading aside), as sections are counted. */
function sectionHeadings(doc: SopDocument): Heading[] {
  return doc.headings.filter((h) => h.depth <= 6 && h.range !== doc.titleRange && !h.linkOnly);
}

/** The longest run of headings of one depth numbered as consecutive steps (`Step 1`, `2.`, `3)`). */
export function numberedStepHeadings(doc: SopDocument): Heading[] {
  let best: Heading[] = [];
  const runs = new Map<number, Heading[]>();
  for (const h of sectionHeadings(doc)) {
    if (h.step === undefined) continue;
    const run = runs.get(h.depth);
    const last = run?.[run.length - 1];
    if (run && last && last.step !== undefined && h.step === last.step + 1) run.push(h);
    else runs.set(h.depth, [h]);
    const now = runs.get(h.depth) as Heading[];
    if (now.length > best.length) best = now.slice();
  }
  return best;
}

/**
 * Section headings that give an instruction: they start with one of the
 * rubric's instruction verbs or its -ing form ("Install the agent",
 * "Step 2: Restart", "Setting up the tool").
 */
export function instructionHeadings(doc: SopDocument, rubric: Rubric): Heading[] {
  const names = namesOf(rubric);
  let found = names.instructionHeadings.get(doc);
  if (!found) {
    const { verbStart, instruction } = names;
    found = sectionHeadings(doc).filter(
      (h) =>
        verbStart.test(h.normalized) &&
        instruction.test(
          stripNumbering(h.text)
            .toLowerCase()
            .replace(/^[^\p{L}\p{N}-]+/u, ''),
        ),
    );
    names.instructionHeadings.set(doc, found);
  }
  return found;
}

/**
 * True when a text starts with an instruction verb and its object ("Add nodes to the cluster", not "Add-ADUser" or
 * "Remove").
 */
export function isInstruction(
  text: string,
  rubric: Rubric,
  pattern: 'imperative' | 'instruction' = 'imperative',
): boolean {
  const names = namesOf(rubric);
  const lower = text
    .slice(0, 80)
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}-]+/u, '')
    .replace(names.leads, '');
  const m = names[pattern].exec(lower);
  // A verb alone ("Remove", "Add" in a list of operators) is a name, not an instruction: it needs an object.
  return m !== null && /^[\s_/]+\S/.test(lower.slice(m[0].length));
}

/** Items of a list that start with an instruction verb ("Open a ticket", "copy the key to ..."). */
function instructionItems(l: ListFact, rubric: Rubric): number {
  let n = 0;
  for (const t of l.itemTexts) if (isInstruction(t, rubric)) n++;
  return n;
}

/**
 * A list of at least three items, at least half of them instructions:
 * bulleted steps. Lists that go on after a code block count as one.
 */
function instructionList(
  doc: SopDocument,
  rubric: Rubric,
): { list: ListFact; items: number; count: number } | undefined {
  let run: { list: ListFact; items: number; count: number } | undefined;
  for (const list of doc.lists) {
    if (list.quoted || !canBeSteps(list)) {
      run = undefined;
      continue;
    }
    const count = instructionItems(list, rubric);
    if (run && list.continues) {
      run.items += list.items;
      run.count += count;
    } else run = { list, items: list.items, count };
    if (run.items >= 3 && run.count >= 3 && run.count * 2 >= run.items) return run;
  }
  return undefined;
}

/**
 * The longest numbered sequence of items that `isSteps` accepts: an ordered
 * list, or ordered lists that go on numbering where the last stopped (a list
 * interrupted by an unindented code block or paragraph reads as one list).
 */
function longestNumbered(
  lists: readonly ListFact[],
  keep: (l: ListFact) => boolean,
  isSteps: (run: readonly ListFact[]) => boolean = () => true,
): { items: number; first?: ListFact } {
  let best = { items: 0, first: undefined as ListFact | undefined };
  let run: { items: number; lists: ListFact[]; next: number; depth: number } | undefined;
  const runs: NonNullable<typeof run>[] = [];
  for (const l of lists) {
    if (!l.ordered || !keep(l)) continue;
    const start = l.start ?? 1;
    if (run && run.depth === l.depth && start === run.next && start !== 1) {
      run.items += l.items;
      run.next = start + l.items;
      run.lists.push(l);
    } else {
      run = { items: l.items, lists: [l], next: start + l.items, depth: l.depth };
      runs.push(run);
    }
  }
  for (const r of runs) if (r.items > best.items && isSteps(r.lists)) best = { items: r.items, first: r.lists[0] };
  return best;
}

/**
 * True when a numbered list holds at least one step a person takes: an item
 * that gives an instruction ("Restart the service", "Then run ...", "Logging
 * in to the portal") or asks a question to answer ("Is it a known issue?").
 * A numbered list of statements ("The request reaches the proxy") is an
 * enumeration: a flow, causes or fields, not steps.
 */
function holdsSteps(lists: readonly ListFact[], rubric: Rubric): boolean {
  return lists.some((l) => l.itemTexts.some((t) => readsAsStep(t, rubric)));
}

/** True when a list item's text is a step: it gives an instruction or asks a question to answer. */
export function readsAsStep(text: string, rubric: Rubric): boolean {
  return isInstruction(text, rubric, 'instruction') || /\?\s*$/.test(text.split(/(?<=[.?!])\s/)[0] ?? '');
}

/** How a document writes its steps, in the order RUBRIC.md lists the forms; undefined when it has none. */
export interface WrittenSteps {
  form: 'steps-section' | 'ordered-list' | 'step-headings' | 'instruction-headings' | 'task-list' | 'instruction-list';
  /** What was found, in a few words ("Procedure section with a numbered list of 5 steps"). */
  reason: string;
}

/**
 * A steps section followed by an ordered list of at least two items or a
 * task list; with `bullets`, a bulleted list of at least two items too (the
 * section's name says they are steps).
 */
export function stepsSectionList(doc: SopDocument, rubric: Rubric, bullets = false): WrittenSteps | undefined {
  for (const l of doc.lists) {
    if (!canBeSteps(l) || !((l.ordered && l.items >= 2) || l.taskItems > 0 || (bullets && l.items >= 2))) continue;
    const h = enclosingSection(doc, l, rubric, 'steps');
    if (!h) continue;
    const what =
      l.taskItems > 0
        ? `a task list of ${l.taskItems} items`
        : l.ordered
          ? `a numbered list of ${l.items} steps`
          : `a list of ${l.items} steps`;
    return { form: 'steps-section', reason: `"${h.text}" section with ${what}` };
  }
  // Steps written as sub-sections of a steps section ("Troubleshooting" > "Fixing ... errors", "Restart the pod").
  const headings = doc.headings;
  let instructions: Set<Heading> | undefined;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    if (!readsAsSection(h, rubric, 'steps')) continue;
    instructions ??= new Set(instructionHeadings(doc, rubric));
    const under: Heading[] = [];
    for (let k = i + 1; k < headings.length && headings[k].depth > h.depth; k++)
      if (instructions.has(headings[k])) under.push(headings[k]);
    if (under.length >= 2)
      return {
        form: 'steps-section',
        reason: `"${h.text}" section with ${under.length} sub-sections that give instructions ("${under[0].text}", ...)`,
      };
  }
  return undefined;
}

/** The written steps of a document (RUBRIC.md, "Which files are procedure documents"). */
export function writtenSteps(doc: SopDocument, rubric: Rubric): WrittenSteps | undefined {
  const cache = namesOf(rubric).writtenSteps;
  let steps = cache.get(doc);
  if (steps === undefined) {
    steps = findWrittenSteps(doc, rubric) ?? null;
    cache.set(doc, steps);
  }
  return steps ?? undefined;
}

function findWrittenSteps(doc: SopDocument, rubric: Rubric): WrittenSteps | undefined {
  const section = stepsSectionList(doc, rubric, true);
  if (section) return section;
  const ordered = longestNumbered(
    doc.lists,
    (l) => !l.quoted && canBeSteps(l),
    (run) => holdsSteps(run, rubric),
  );
  if (ordered.items >= 3) return { form: 'ordered-list', reason: `a numbered list of ${ordered.items} steps` };
  const numbered = numberedStepHeadings(doc);
  if (numbered.length >= 3)
    return {
      form: 'step-headings',
      reason: `${numbered.length} headings numbered as steps ("${numbered[0].text}", ...)`,
    };
  const verbs = instructionHeadings(doc, rubric);
  if (verbs.length >= 3)
    return {
      form: 'instruction-headings',
      reason: `${verbs.length} headings that give instructions ("${verbs[0].text}", ...)`,
    };
  const tasks = doc.lists.find((l) => l.taskItems >= 3 && canBeSteps(l));
  if (tasks) return { form: 'task-list', reason: `a task list of ${tasks.taskItems} items` };
  const imperative = instructionList(doc, rubric);
  if (imperative)
    return {
      form: 'instruction-list',
      reason: `a list of ${imperative.items} items, ${imperative.count} of them instructions ("${imperative.list.itemTexts.find((t) => t)?.slice(0, 40) ?? ''}", ...)`,
    };
  return undefined;
}

/** The shape of an alert or incident runbook: a heading that reads as a situation and one that reads as a response. */
export function runbookShape(doc: SopDocument, rubric: Rubric): { situation: Heading; response: Heading } | undefined {
  const own = ownHeadings(doc, rubric);
  const situation = own.find((h) => readsAsSection(h, rubric, 'situation'));
  if (!situation) return undefined;
  const response = own.find((h) => readsAsSection(h, rubric, 'steps') || readsAsSection(h, rubric, 'response'));
  return response ? { situation, response } : undefined;
}

/**
 * The document's own section headings: not those inside a list item or a
 * quote, and not those under a section that shows a format ("Template",
 * "Report template"), which are the sample's (an incident log that ends with
 * a blank report to copy).
 */
function ownHeadings(doc: SopDocument, rubric: Rubric): Heading[] {
  const own: Heading[] = [];
  let sample = Infinity;
  for (const h of doc.headings) {
    if (h.nested) continue;
    if (h.depth <= sample) sample = Infinity;
    if (sample !== Infinity) continue;
    if (readsAsSection(h, rubric, 'sample')) sample = h.depth;
    else own.push(h);
  }
  return own;
}

/** True when a document's steps are its own section headings (numbered step headings or instruction headings). */
export function stepsAsHeadings(doc: SopDocument, rubric: Rubric): boolean {
  return numberedStepHeadings(doc).length >= 3 || instructionHeadings(doc, rubric).length >= 3;
}

/** The section concepts the checks look for. */
export const SECTION_CONCEPTS = [
  'purpose',
  'procedure',
  'verification',
  'prerequisites',
  'metrics',
  'automation',
] as const;

/**
 * The sections a document has, as the checks read them: a heading that reads
 * as the section, and for `procedure` also steps written as section headings.
 */
export function documentSections(doc: SopDocument, rubric: Rubric): string[] {
  return SECTION_CONCEPTS.filter(
    (c) => findSection(doc, rubric, c) !== undefined || (c === 'procedure' && stepsAsHeadings(doc, rubric)),
  );
}
