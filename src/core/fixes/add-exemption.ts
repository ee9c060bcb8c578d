import type { TextEdit } from '../position';
import type { Fix } from './fix';
import { addDays, parseDate } from '../dates';
import { escapeSnippet, lineEnd, unclosedFence } from './edits';
import { REASON_PLACEHOLDER } from './templates';

/** Days an exemption lasts when no expiry is given, and at most. */
export const EXEMPTION_DAYS = 90;
export const EXEMPTION_MAX_DAYS = 365;

/**
 * `add-exemption`: an exemption comment after the front matter, the reason
 * (a placeholder unless given) selected first, then the expiry date (90 days
 * from today by default, never more than a year out).
 */
export const addExemption: Fix = {
  id: 'add-exemption',
  class: 'aid',
  title: 'Exempt this document (with a reason and an expiry date)',
  edits(ctx) {
    const { doc, text } = ctx;
    const eol = doc.lineEnding;
    const reason = (ctx.reason?.trim() || REASON_PLACEHOLDER).replace(/--+>?/g, '-');
    const from = ctx.today ?? ctx.asOf;
    const latest = addDays(from, EXEMPTION_MAX_DAYS);
    const given = ctx.until ? parseDate(ctx.until) : undefined;
    const until = given ? (given <= latest ? given : latest) : addDays(from, EXEMPTION_DAYS);
    const head = `<!-- sop-maturity-disable ${ctx.check ?? ''}${ctx.check ? ' ' : ''}-- `;
    const comment = `${head}${reason} (until ${until}) -->`;
    const snippet = `${escapeSnippet(head)}\${1:${escapeSnippet(reason)}} (until \${2:${until}}) -->`;
    const insert = (at: number, before: string, after: string): TextEdit[] => [
      {
        start: at,
        end: at,
        newText: before + comment + after,
        snippet: escapeSnippet(before) + snippet + escapeSnippet(after),
      },
    ];
    if (unclosedFence(ctx)) return [];
    if (!doc.frontMatter) return insert(0, '', eol);
    const at = lineEnd(text, doc.frontMatter.range.end.offset);
    if (at === text.length && !text.endsWith('\n')) return insert(at, eol, '');
    return insert(at, '', eol);
  },
};
