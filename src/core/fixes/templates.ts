/**
 * What the engine writes for the author to complete: the placeholders of
 * the editing aids (RUBRIC.md: a placeholder never passes) and the draft of
 * a new SOP.
 */
import { yamlScalar } from './edits';

export const TO_BE_COMPLETED = '(to be completed)';
export const OWNER_PLACEHOLDER = '<owner>';
export const CATEGORY_PLACEHOLDER = '<category>';
export const REASON_PLACEHOLDER = '<reason>';
/** The numbered steps of a section skeleton. */
export const STEP_PLACEHOLDERS = [1, 2, 3].map((n) => `${n}. ${TO_BE_COMPLETED}`).join('\n');

/** Inputs of a new SOP from the rubric's template. */
export interface TemplateInput {
  /** The title the user gave. */
  title: string;
  traits?: string[];
  tags?: string[];
  eol?: '\n' | '\r\n';
}

/** The template's sections and the prompt of each, in our words: what the author writes there. */
const TEMPLATE_PROMPTS: [heading: string, prompt: string][] = [
  ['Purpose', 'Why this procedure exists, when to run it and who runs it'],
  ['Prerequisites', 'The access, tools and approvals needed before starting'],
  ['Procedure', ''],
  ['Checklist', ''],
  ['Verification', 'How to tell that it worked: what to check and what it should show'],
  ['Metrics', 'How to tell that it goes well over time: time taken, errors, tickets reopened'],
  ['Automation', 'The script or RMM policy that runs it, or why it stays manual'],
];

/**
 * A new SOP as a draft (RUBRIC.md, "New documents start as drafts"): the
 * given title, `type: sop`, an owner and a category to fill in, no review
 * date (a review is a person's statement), and every section with a
 * `(to be completed)` prompt. Its placeholders fail the checks that need
 * written content until someone writes it, and its findings say what to
 * write.
 */
export function renderTemplate(input: TemplateInput): string {
  const eol = input.eol ?? '\n';
  const body = TEMPLATE_PROMPTS.flatMap(([heading, prompt]) => {
    const content =
      heading === 'Procedure'
        ? STEP_PLACEHOLDERS.split('\n')
        : heading === 'Checklist'
          ? [`- [ ] ${TO_BE_COMPLETED}`]
          : [`${prompt} ${TO_BE_COMPLETED}.`];
    return [`## ${heading}`, '', ...content, ''];
  });
  const lines = [
    '---',
    `title: ${yamlScalar(input.title)}`,
    'type: sop',
    `owner: ${OWNER_PLACEHOLDER}`,
    `category: ${CATEGORY_PLACEHOLDER}`,
    ...(input.tags && input.tags.length > 0 ? [`tags: [${input.tags.map(yamlScalar).join(', ')}]`] : []),
    ...(input.traits && input.traits.length > 0 ? [`traits: [${input.traits.map(yamlScalar).join(', ')}]`] : []),
    '---',
    '',
    `# ${input.title}`,
    '',
    ...body,
  ];
  return lines.join(eol);
}
