import type { SopDocument } from '../parse/facts';
import type { TextEdit } from '../position';
import type { Rubric } from '../rubric/types';
import type { Fix, FixContext, SectionChecks } from './fix';
import { cap, findHeading, headingAliases, param } from '../checks/check';
import { requiredSections } from '../checks/required-sections';
import { appendBlock, insertBefore, verified, withSnippet } from './edits';
import { STEP_PLACEHOLDERS, TO_BE_COMPLETED } from './templates';

/**
 * `add-sections`: a skeleton of each template section the finding's check
 * needs and the document lacks, a placeholder in each selected for the
 * author to write (an editing aid: a skeleton passes nothing).
 */
export const addSections: Fix = {
  id: 'add-sections',
  class: 'aid',
  title: 'Add the missing template sections',
  edits(ctx) {
    const { rubric, sectionsFor: checks } = ctx;
    const added = (d: SopDocument) =>
      sectionsFor(checks, rubric).every(
        (s) =>
          findHeading(d, rubric, s) ||
          (s === 'procedure' && listWillDo(checks, rubric) && d.lists.some((l) => l.ordered && l.items >= 2)),
      );
    return verified(ctx, skeletons(ctx), added).map((e) => withSnippet(e, [TO_BE_COMPLETED]));
  },
  blocker(doc, rubric, check) {
    if (missingSections(doc, rubric, check).length > 0) return undefined;
    return `no template section${check === undefined ? '' : ` for ${[check].flat().join(', ')}`} is missing`;
  },
};

/** Which heading concepts a check (or each of several checks) needs. */
function sectionsFor(check: SectionChecks, rubric: Rubric): string[] {
  if (typeof check !== 'string' && check !== undefined)
    return [...new Set(check.flatMap((c) => sectionsFor(c, rubric)))];
  const params = rubric.checks.find((c) => c.id === requiredSections.id)?.params ?? {};
  const requiredList = param(params, 'sections', requiredSections.defaults.sections);
  switch (check) {
    case 'required-sections':
      return requiredList;
    case 'procedure':
      return ['procedure'];
    case 'verification':
    case 'prerequisites':
    case 'metrics':
    case 'automation':
      return [check];
    default:
      return [...requiredList, 'verification', 'prerequisites'];
  }
}

/**
 * True when a numbered list stands for the procedure section: only the
 * `procedure` check asks for steps rather than a heading, so this holds when
 * no other check of `checks` needs the heading.
 */
function listWillDo(checks: SectionChecks, rubric: Rubric): boolean {
  const list = typeof checks === 'string' || checks === undefined ? [checks] : checks;
  return (
    list.includes('procedure') && !list.some((c) => c !== 'procedure' && sectionsFor(c, rubric).includes('procedure'))
  );
}

/** The template sections `add-sections` would add for `check` (undefined: every template section). */
export function missingSections(doc: SopDocument, rubric: Rubric, check: SectionChecks): string[] {
  const stepsWillDo = listWillDo(check, rubric) && doc.lists.some((l) => l.ordered && l.items >= 2);
  return sectionsFor(check, rubric).filter((s) => !findHeading(doc, rubric, s) && !(s === 'procedure' && stepsWillDo));
}

/**
 * The skeletons of the missing sections: Purpose before the first section,
 * Prerequisites before Procedure, the rest at the end.
 */
function skeletons(ctx: FixContext): TextEdit[] {
  const { doc, rubric } = ctx;
  const eol = doc.lineEnding;
  const missing = missingSections(doc, rubric, ctx.sectionsFor);
  if (missing.length === 0) return [];
  const block = (concept: string) => [
    `## ${cap(headingAliases(rubric, concept)[0])}`,
    '',
    ...(concept === 'procedure' ? STEP_PLACEHOLDERS : TO_BE_COMPLETED).split('\n'),
  ];
  // Blocks that go before a heading, by the heading's offset, in the order of `missing` (Purpose before Prerequisites).
  const before = new Map<number, string[][]>();
  const atEnd: string[][] = [];
  const put = (at: number | undefined, lines: string[]) => {
    if (at === undefined) atEnd.push(lines);
    else before.set(at, [...(before.get(at) ?? []), lines]);
  };
  const procedureHeading = findHeading(doc, rubric, 'procedure');
  for (const concept of missing) {
    if (concept === 'purpose') put(firstSectionHeading(doc)?.range.start.offset, block(concept));
    else if (concept === 'prerequisites' && procedureHeading) put(procedureHeading.range.start.offset, block(concept));
    else atEnd.push(block(concept));
  }
  const joined = (blocks: string[][]) =>
    blocks
      .map((b) => b.join(eol))
      .join(eol + eol)
      .split(eol);
  const edits = [...before].map(([at, blocks]) => insertBefore(ctx, at, joined(blocks)));
  if (atEnd.length > 0) edits.push(appendBlock(ctx, joined(atEnd)));
  return edits;
}

/**
 * The first section heading after the title: a skeleton goes before it, so
 * that it holds only its placeholder. Inserted under the title, it would
 * take the text a person wrote there as its content, and a click would pass
 * the check.
 */
function firstSectionHeading(doc: SopDocument): SopDocument['headings'][number] | undefined {
  const title = doc.headings.findIndex((h) => h.depth === 1);
  return doc.headings.slice(title + 1).find((h) => !h.nested && h.depth <= 6);
}
