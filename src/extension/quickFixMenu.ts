/**
 * Which quick fixes a finding gets, and what the rest of a document's menu
 * holds, as plain descriptions. The code action provider turns them into VS
 * Code code actions; keeping the choice here (no `vscode` import) lets unit
 * tests state it directly.
 *
 * The menu on a line, in order: (1) the fixes of each finding there, the
 * first one preferred; (2) one "fix all safe problems in this file"; (3) one
 * "exempt this document from…" that asks which failing check; (4) one link
 * to the documentation per check (not per diagnostic). Eleven findings on a
 * line used to offer an exemption and a link each: a menu of two dozen
 * entries where the fix was hard to find.
 */
import { fixClass, type FixId } from '../core/fixes';
import type { Finding } from '../core/report/types';
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
  /**
   * mark-reviewed: the real date of today in the user's time zone (never the audit's `asOf`); add-exemption: the day
   * its expiry counts from.
   */
  today?: string;
}

export type ActionSpec =
  /** A core fix applied as a plain edit: it writes a real value (derived from the document, or picked by the user). */
  | { type: 'fix'; title: string; fixId: FixId; params: FixParams; preferred: boolean }
  /**
   * An editing aid: the core's edit carries a snippet (`TextEdit.snippet`) with tab stops on
   * what the author still has to write (an owner, a category, a section, an exemption reason).
   */
  | { type: 'snippet'; title: string; fixId: FixId; params: FixParams; preferred: boolean }
  /** Rename the document into the central folder and rewrite links. */
  | { type: 'move'; title: string; target: string }
  /** Open the check's documentation. */
  | { type: 'docs'; title: string; url: string };

/** An entry of the document's part of the menu, after the findings' own fixes. */
export type DocumentActionSpec =
  /** Every safe fix of the document, as one undoable edit. */
  | { type: 'fix-all'; title: string }
  /** Asks which failing check to exempt the document from, then writes the exemption (an editing aid). */
  | { type: 'exempt'; title: string; checks: string[] }
  | { type: 'docs'; title: string; url: string };

/** The title of fix-all in one file, in the quick-fix menu and as the `source.fixAll.sopMaturity` action. */
export const FIX_ALL_FILE_TITLE = 'Fix all safe SOP Maturity problems in this file';

/** The one exemption entry of a menu. */
export const EXEMPT_TITLE = 'Exempt this document from a check…';

/** Fix id of the move that the shells perform (see API.md). */
export const MOVE_FIX: FixId = 'move-to-central';

/**
 * The exemption fix, offered for every rubric check a document fails (exempting is always possible, never preferred).
 */
export const EXEMPT_FIX: FixId = 'add-exemption';

/** Everything {@link actionsFor} needs to know besides the finding. */
export interface ActionContext {
  fixTitle(fixId: FixId): string;
  owners: readonly OwnerSuggestion[];
  /** Most common category of the sibling documents. */
  siblingCategory?: string;
  /** Target path of a move into the central folder, when the document is outside it. */
  moveTarget?: string;
  /**
   * The real date of today in the user's time zone: what "mark reviewed" writes, and where an exemption's default
   * expiry counts from.
   */
  today: string;
}

/**
 * The quick fix of a review reminder ("Review due in N days", not a finding): mark the document reviewed today. Never
 * preferred, like every "mark reviewed": a person's statement, chosen on purpose.
 */
export function reminderActions(today: string): ActionSpec[] {
  const title = `Mark as reviewed today (${today})`;
  return [{ type: 'fix', title, fixId: 'mark-reviewed', params: { today }, preferred: false }];
}

/**
 * The quick fixes of one finding, in the order the light bulb shows them
 * (exemption and documentation are the document's, see {@link documentActions}).
 * At most one is preferred (what "Auto Fix" applies): the first fix or
 * editing aid of the document. Moves and "mark reviewed" are never
 * preferred: a rename and a person's statement that the document was
 * reviewed are each chosen on purpose, never by a shortcut.
 */
export function actionsFor(finding: Finding, ctx: ActionContext): ActionSpec[] {
  const out: ActionSpec[] = [];
  for (const fixId of finding.fixes) if (fixId !== EXEMPT_FIX) out.push(...fixActions(fixId, finding, ctx));
  const first = out.find((a) => (a.type === 'fix' || a.type === 'snippet') && fixClass(a.fixId) !== 'statement');
  if (first && (first.type === 'fix' || first.type === 'snippet')) first.preferred = true;
  return out;
}

/** A finding on the line, with what the menu needs to know of its check. */
export interface MenuFinding {
  finding: Finding;
  /** True when the check is a rubric check (an exemption comment can name it). */
  exemptable: boolean;
}

/**
 * The document's part of the menu after the findings' fixes: one fix-all
 * entry when the document has safe fixes (`fixAll`), one exemption entry for
 * the exemptable checks of `findings` (the picker lists them), then one
 * documentation link (`finding.url`) per check, in the order the findings come.
 */
export function documentActions(findings: readonly MenuFinding[], fixAll: boolean): DocumentActionSpec[] {
  const out: DocumentActionSpec[] = [];
  if (fixAll) out.push({ type: 'fix-all', title: FIX_ALL_FILE_TITLE });
  const checks = [...new Set(findings.filter((f) => f.exemptable).map((f) => f.finding.check))];
  if (checks.length > 0) out.push({ type: 'exempt', title: EXEMPT_TITLE, checks });
  const linked = new Set<string>();
  for (const { finding } of findings) {
    if (!finding.url || linked.has(finding.check)) continue;
    linked.add(finding.check);
    out.push({ type: 'docs', title: `Open the documentation for ${finding.check}`, url: finding.url });
  }
  return out;
}

/** The exemption of a document from `check`: an editing aid whose snippet selects the reason first, then the expiry. */
export function exemptionFor(check: string, today: string): ActionSpec {
  return {
    type: 'snippet',
    title: `Exempt this document from "${check}"…`,
    fixId: EXEMPT_FIX,
    params: { check, today },
    preferred: false,
  };
}

function fixActions(fixId: FixId, finding: Finding, ctx: ActionContext): ActionSpec[] {
  const fix = (title: string, params: FixParams = {}): ActionSpec => ({
    type: 'fix',
    title,
    fixId,
    params,
    preferred: false,
  });
  // The core returns the aid's edit with a snippet when the value is left out: the author types it.
  const snippet = (title: string, params: FixParams = {}): ActionSpec => ({
    type: 'snippet',
    title,
    fixId,
    params,
    preferred: false,
  });
  switch (fixId) {
    case 'add-owner':
      return [...ctx.owners.map((s) => fix(s.title, { owner: s.owner })), snippet('Add owner…')];
    case 'add-category':
      return [
        ...(ctx.siblingCategory
          ? [
              fix(`Add category "${ctx.siblingCategory}" (most common in this folder)`, {
                category: ctx.siblingCategory,
              }),
            ]
          : []),
        snippet('Add category…'),
      ];
    case MOVE_FIX:
      return ctx.moveTarget
        ? [{ type: 'move', title: `Move to ${ctx.moveTarget} (and update links)`, target: ctx.moveTarget }]
        : [];
    case 'add-sections':
      // One per failing check (several sit on the title line): the title says which check's sections.
      return [snippet(`${ctx.fixTitle(fixId)} for "${finding.check}"…`, { sectionsFor: finding.check })];
    case 'mark-reviewed':
      return [fix(`Mark as reviewed today (${ctx.today})`, { today: ctx.today })];
    default:
      return [fix(ctx.fixTitle(fixId))];
  }
}
