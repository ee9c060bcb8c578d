import type { DocumentCheck } from './check';
import { cap, docRange, findHeading, headingAliases, param } from './check';
import { stepsAsHeadings } from '../sections';

/**
 * `required-sections`: the template's sections (by default Purpose and
 * Procedure) are present as headings that read as them; a document whose
 * steps are its own section headings has its Procedure.
 */
export const requiredSections: DocumentCheck = {
  id: 'required-sections',
  scope: 'document',
  run(doc, ctx) {
    const sections = param(ctx.params, 'sections', ['purpose', 'procedure']);
    const missing = sections.filter((s) => !findHeading(doc, ctx.rubric, s) && !(s === 'procedure' && stepsAsHeadings(doc, ctx.rubric)));
    if (missing.length === 0) return { pass: true };
    const names = missing.map((m) => `\`## ${cap(headingAliases(ctx.rubric, m)[0])}\``).join(' and ');
    return { pass: false, message: `Missing template section${missing.length > 1 ? 's' : ''}: add ${names}`, range: docRange(doc), fixes: ['add-sections'] };
  },
};
