import type { Heading } from '../parse/facts';
import type { DocumentCheck } from './check';
import { cap, headingAliases, placeholderSectionMessage, structurePlace, writtenSection } from './check';
import { stepsAsHeadings } from '../parse/sections';

/**
 * `required-sections`: the template's sections (by default Purpose and
 * Procedure) are present as headings that read as them and hold what a
 * person wrote, not only a placeholder; a document whose steps are its own
 * section headings has its Procedure.
 */
export const requiredSections: DocumentCheck<{ sections: string[] }> = {
  id: 'required-sections',
  scope: 'document',
  reads: 'document',
  /** `sections`: the section concepts of the template. */
  defaults: { sections: ['purpose', 'procedure'] },
  run(doc, ctx) {
    const sections = ctx.params.sections;
    const missing: string[] = [];
    const placeholders: { heading: Heading; concept: string }[] = [];
    for (const s of sections) {
      const { written, placeholder } = writtenSection(doc, ctx.rubric, s);
      if (written || (s === 'procedure' && stepsAsHeadings(doc, ctx.rubric))) continue;
      if (placeholder) placeholders.push({ heading: placeholder, concept: s });
      else missing.push(s);
    }
    if (missing.length === 0 && placeholders.length === 0) return { pass: true };
    const parts = placeholders.map((p) => placeholderSectionMessage(p.heading, p.concept));
    if (missing.length > 0) {
      const names = missing.map((m) => `\`## ${cap(headingAliases(ctx.rubric, m)[0])}\``).join(' and ');
      parts.push(
        `${parts.length > 0 ? 'missing' : 'Missing'} template section${missing.length > 1 ? 's' : ''}: add ${names}`,
      );
    }
    return {
      pass: false,
      message: parts.join('; '),
      range: structurePlace(doc, placeholders[0]?.heading),
      fixes: missing.length > 0 ? ['add-sections'] : [],
    };
  },
};
