/**
 * Which quick fixes a finding gets, as plain descriptions. The code action
 * provider turns them into VS Code code actions; keeping the choice here
 * (no `vscode` import) lets unit tests state it directly.
 */
import { fixClass } from '../core/fixes';
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
  /** mark-reviewed: the real date of today in the user's time zone (never the audit's `asOf`); add-exemption: the day its expiry counts from. */
  today?: string;
}

export type ActionSpec =
  /** A core fix applied as a plain edit: it writes a real value (derived from the document, or picked by the user). */
  | { type: 'fix'; title: string; fixId: string; params: FixParams; preferred: boolean }
  /**
   * An editing aid: the core's edit carries a snippet (`TextEdit.snippet`) with tab stops on
   * what the author still has to write (an owner, a category, a section, an exemption reason).
   */
  | { type: 'snippet'; title: string; fixId: string; params: FixParams; preferred: boolean }
  /** Rename the document into the central folder and rewrite links. */
  | { type: 'move'; title: string; target: string }
  /** Open the check's documentation. */
  | { type: 'docs'; title: string; url: string };

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
  /** True when the finding's check is a rubric check (an exemption comment can name it). */
  exemptable: boolean;
  /** The real date of today in the user's time zone: what "mark reviewed" writes, and where an exemption's default expiry counts from. */
  today: string;
}

/**
 * The quick fixes for one finding, in the order the light bulb shows them.
 * At most one is preferred (what "Auto Fix" applies): the first fix or
 * editing aid of the document. Moves, exemptions and "mark reviewed" are
 * never preferred: a rename, a hidden gap and a person's statement that the
 * document was reviewed are each chosen on purpose, never by a shortcut.
 */
export function actionsFor(finding: Finding, ctx: ActionContext): ActionSpec[] {
  const out: ActionSpec[] = [];
  const fixIds = ctx.exemptable && !finding.fixes.includes(EXEMPT_FIX) ? [...finding.fixes, EXEMPT_FIX] : finding.fixes;
  for (const fixId of fixIds) out.push(...fixActions(fixId, finding, ctx));
  const first = out.find((a) => (a.type === 'fix' || a.type === 'snippet') && a.fixId !== EXEMPT_FIX && fixClass(a.fixId) !== 'statement');
  if (first && (first.type === 'fix' || first.type === 'snippet')) first.preferred = true;
  if (ctx.docsUrl) out.push({ type: 'docs', title: `Open the documentation of "${finding.check}"`, url: ctx.docsUrl });
  return out;
}

function fixActions(fixId: string, finding: Finding, ctx: ActionContext): ActionSpec[] {
  const fix = (title: string, params: FixParams = {}): ActionSpec => ({ type: 'fix', title, fixId, params, preferred: false });
  // The core returns the aid's edit with a snippet when the value is left out: the author types it.
  const snippet = (title: string, params: FixParams = {}): ActionSpec => ({ type: 'snippet', title, fixId, params, preferred: false });
  switch (fixId) {
    case 'add-owner':
      return [...ctx.owners.map((s) => fix(s.title, { owner: s.owner })), snippet('Add owner…')];
    case 'add-category':
      return [
        ...(ctx.siblingCategory ? [fix(`Add category "${ctx.siblingCategory}" (most common in this folder)`, { category: ctx.siblingCategory })] : []),
        snippet('Add category…'),
      ];
    case EXEMPT_FIX:
      // The reason is selected first, then the expiry (the core's default, counted from today).
      return [snippet(`Exempt this document from "${finding.check}"…`, { check: finding.check, today: ctx.today })];
    case MOVE_FIX:
      return ctx.moveTarget ? [{ type: 'move', title: `Move to ${ctx.moveTarget} (and update links)`, target: ctx.moveTarget }] : [];
    case 'add-sections':
      // One per failing check (several sit on the title line): the title says which check's sections.
      return [snippet(`${ctx.fixTitle(fixId)} for "${finding.check}"…`, { sectionsFor: finding.check })];
    case 'mark-reviewed':
      return [fix(`Mark as reviewed today (${ctx.today})`, { today: ctx.today })];
    default:
      return [fix(ctx.fixTitle(fixId))];
  }
}
