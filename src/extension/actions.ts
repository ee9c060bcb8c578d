/**
 * Which quick fixes a finding gets, as plain descriptions. The code action
 * provider turns them into VS Code code actions; keeping the choice here
 * (no `vscode` import) lets unit tests state it directly.
 */
import type { Finding } from '../core/types';
import type { OwnerSuggestion } from './owners';

/** Parameters of a core fix (see `computeFix` in API.md). */
export interface FixParams {
  owner?: string;
  category?: string;
  reason?: string;
  until?: string;
  /** add-exemption: the check to exempt. */
  check?: string;
  /** add-sections: add only the sections this check needs. */
  sectionsFor?: string;
}

/** A placeholder in a fix's text: the literal `marker` becomes a snippet tab stop with `value` preselected. */
export interface Placeholder {
  marker: string;
  value: string;
}

export type ActionSpec =
  /** A core fix applied as a plain edit. */
  | { type: 'fix'; title: string; fixId: string; params: FixParams; preferred: boolean }
  /** A core fix whose text has placeholders, inserted as a snippet so the user types the missing value. */
  | { type: 'snippet'; title: string; fixId: string; params: FixParams; placeholders: Placeholder[]; preferred: boolean }
  /** Rename the document into the central folder and rewrite links. */
  | { type: 'move'; title: string; target: string }
  /** Open the check's documentation. */
  | { type: 'docs'; title: string; url: string };

/**
 * Markers that stand in for values the user still has to type. They are
 * plain words so that the core writes them unquoted into YAML and comments.
 */
export const MARKER = {
  owner: 'SOPMATURITYOWNER',
  category: 'SOPMATURITYCATEGORY',
  reason: 'SOPMATURITYREASON',
} as const;

/** Fix id of the move that the shells perform (see API.md). */
export const MOVE_FIX = 'move-to-central';

/** The exemption fix, offered for every rubric finding (exempting is always possible, never preferred). */
export const EXEMPT_FIX = 'add-exemption';

/** Everything {@link actionsFor} needs to know besides the finding. */
export interface ActionContext {
  fixTitle(fixId: string): string;
  owners: readonly OwnerSuggestion[];
  /** Most common category of the sibling documents. */
  siblingCategory?: string;
  /** Target path of a move into the central folder, when the document is outside it. */
  moveTarget?: string;
  /** The check's documentation link. */
  docsUrl?: string;
  /** Default expiry offered for an exemption (ISO date). */
  exemptUntil: string;
  /** True when the finding's check is a rubric check (an exemption comment can name it). */
  exemptable: boolean;
}

/**
 * The quick fixes for one finding, in the order the light bulb shows them.
 * At most one is preferred: the first fix that writes a real value. Moves and
 * exemptions are never preferred, so "auto fix" neither renames files nor
 * hides a gap.
 */
export function actionsFor(finding: Finding, ctx: ActionContext): ActionSpec[] {
  const out: ActionSpec[] = [];
  const fixIds = ctx.exemptable && !finding.fixes.includes(EXEMPT_FIX) ? [...finding.fixes, EXEMPT_FIX] : finding.fixes;
  for (const fixId of fixIds) out.push(...fixActions(fixId, finding, ctx));
  const firstRealFix = out.find((a) => (a.type === 'fix' || a.type === 'snippet') && a.fixId !== EXEMPT_FIX);
  if (firstRealFix && (firstRealFix.type === 'fix' || firstRealFix.type === 'snippet')) firstRealFix.preferred = true;
  if (ctx.docsUrl) out.push({ type: 'docs', title: `Open the documentation of "${finding.check}"`, url: ctx.docsUrl });
  return out;
}

function fixActions(fixId: string, finding: Finding, ctx: ActionContext): ActionSpec[] {
  const fix = (title: string, params: FixParams = {}): ActionSpec => ({ type: 'fix', title, fixId, params, preferred: false });
  const snippet = (title: string, params: FixParams, placeholders: Placeholder[]): ActionSpec => ({
    type: 'snippet',
    title,
    fixId,
    params,
    placeholders,
    preferred: false,
  });
  switch (fixId) {
    case 'add-owner':
      return [
        ...ctx.owners.map((s) => fix(s.title, { owner: s.owner })),
        snippet('Add owner…', { owner: MARKER.owner }, [{ marker: MARKER.owner, value: 'owner' }]),
      ];
    case 'add-category':
      return [
        ...(ctx.siblingCategory ? [fix(`Add category "${ctx.siblingCategory}" (most common in this folder)`, { category: ctx.siblingCategory })] : []),
        snippet('Add category…', { category: MARKER.category }, [{ marker: MARKER.category, value: 'category' }]),
      ];
    case EXEMPT_FIX:
      return [
        snippet(
          `Exempt this document from "${finding.check}"…`,
          { check: finding.check, reason: MARKER.reason, until: ctx.exemptUntil },
          [
            { marker: MARKER.reason, value: 'reason' },
            { marker: ctx.exemptUntil, value: ctx.exemptUntil },
          ],
        ),
      ];
    case MOVE_FIX:
      return ctx.moveTarget ? [{ type: 'move', title: `Move to ${ctx.moveTarget} (and update links)`, target: ctx.moveTarget }] : [];
    case 'add-sections':
      return [fix(ctx.fixTitle(fixId), { sectionsFor: finding.check })];
    default:
      return [fix(ctx.fixTitle(fixId))];
  }
}
