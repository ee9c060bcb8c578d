/**
 * The SOP explorer: a tree of the current root's procedures in the "SOP
 * Maturity" activity-bar container, grouped by status, owner, area or
 * folder (remembered in workspace state), with the number of overdue
 * reviews as the view's badge. It follows the report, but tells VS Code to
 * refresh only when what the tree shows changed, and builds nothing while
 * the view is hidden. The groups are kept up to date incrementally
 * ({@link ProcedureGrouping}: only procedures whose report, review or status
 * changed are looked at again and move between groups), and while the view
 * shows, once typing pauses (`REBUILD_DELAY_MS` after the last report).
 */
import * as vscode from 'vscode';
import type { Report } from '../core/report/types';
import { Command, EXPLORER_VIEW } from './constants';
import type { AuditController } from './controller';
import {
  GROUP_BYS,
  groupsSignature,
  isGroupBy,
  ProcedureGrouping,
  overdueReviews,
  plural,
  type GroupBy,
  type ProcedureEntry,
  type ProcedureGroup,
} from './explorerModel';
import type { FolderAudit } from './folder';

/** The workspace-state key of the grouping. */
const GROUP_BY_KEY = 'sopMaturity.explorer.groupBy';

/** A procedure row: what the item commands (Open, Mark reviewed, Open in panel) receive. */
export interface ProcedureNode {
  readonly type: 'procedure';
  readonly uri: vscode.Uri;
  readonly entry: ProcedureEntry;
}

interface GroupNode {
  readonly type: 'group';
  readonly group: ProcedureGroup;
  readonly children: ProcedureNode[];
}

type Node = GroupNode | ProcedureNode;

/** The URI a command argument stands for: a URI, a tree row, or a URI string. */
export function uriOfArgument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg, true);
  if (arg && typeof arg === 'object' && 'uri' in arg && arg.uri instanceof vscode.Uri) return arg.uri;
  return undefined;
}

/** How long the reports must pause before the visible tree is grouped again. */
const REBUILD_DELAY_MS = 300;

export class SopExplorer implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private roots: GroupNode[] = [];
  /** What the tree showed when last built from scratch (a new grouping or root); undefined once updated since. */
  private signature: string | undefined = '';
  /** The report the groups were built from; a new one marks them stale. */
  private built?: { report: Report | undefined; groupBy: GroupBy; audit: FolderAudit | undefined };
  /** The groups, kept up to date report after report for one root and grouping. */
  private grouped?: { grouping: ProcedureGrouping; audit: FolderAudit | undefined };
  private groupBy: GroupBy;
  /** A rebuild waiting for the reports to pause. */
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly controller: AuditController,
    private readonly state: vscode.Memento,
  ) {
    const saved = state.get<string>(GROUP_BY_KEY);
    this.groupBy = isGroupBy(saved) ? saved : 'status';
    this.view = vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      controller.onDidChange(() => this.update(true)),
      this.view.onDidChangeVisibility(() => this.update(false)),
    );
    this.update(false);
  }

  /** The current grouping (for the tests and the quick pick). */
  get grouping(): GroupBy {
    return this.groupBy;
  }

  /** Asks for the grouping ("Group by…" in the view's title bar) unless given, and remembers it. */
  async chooseGrouping(choice?: GroupBy): Promise<GroupBy | undefined> {
    const picked =
      choice ??
      (
        await vscode.window.showQuickPick(
          GROUP_BYS.map((g) => ({ ...g, description: g.id === this.groupBy ? '(current)' : undefined })),
          { title: 'Group procedures by', placeHolder: 'How the SOP explorer groups the procedures' },
        )
      )?.id;
    if (!picked || !isGroupBy(picked)) return undefined;
    this.groupBy = picked;
    await this.state.update(GROUP_BY_KEY, picked);
    this.update(false);
    return picked;
  }

  /** The number on the view's badge (overdue reviews), 0 without one. */
  get badge(): number {
    return this.view.badge?.value ?? 0;
  }

  /** The groups shown now (built if stale), for the end-to-end tests. */
  snapshot(): { label: string; items: string[] }[] {
    this.rebuild();
    return this.roots.map((g) => ({ label: g.group.label, items: g.children.map((c) => c.entry.path) }));
  }

  /** `later`: a new report (one per keystroke while typing): the groups are built once the reports pause. */
  private update(later: boolean): void {
    const report = this.controller.visibleReport();
    const overdue = overdueReviews(report);
    const badge = overdue > 0 ? { value: overdue, tooltip: `${plural(overdue, 'overdue review')}` } : undefined;
    if (this.view.badge?.value !== badge?.value) this.view.badge = badge;
    this.view.message = report ? undefined : (this.controller.nothingToShow() ?? 'No procedures audited yet.');
    // Hidden: nothing is built; the next time the view shows, it is.
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.view.visible) return;
    if (!later) this.rebuild();
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.rebuild();
      }, REBUILD_DELAY_MS);
  }

  /** Brings the groups up to date with the current report, and refreshes the tree when what it shows changed. */
  private rebuild(): void {
    const audit = this.controller.currentFolder();
    const report = this.controller.visibleReport();
    const b = this.built;
    if (b && b.report === report && b.groupBy === this.groupBy && b.audit === audit) return;
    this.built = { report, groupBy: this.groupBy, audit };
    let grouped = this.grouped;
    let shown: boolean;
    if (!grouped || grouped.audit !== audit || grouped.grouping.by !== this.groupBy) {
      // Another root or grouping: grouped from scratch, and compared with what the tree shows as a whole.
      grouped = { grouping: new ProcedureGrouping(this.groupBy, (p) => audit?.document(p)?.meta.category), audit };
      this.grouped = grouped;
      grouped.grouping.update(report && audit ? report : undefined);
      const signature = `${audit?.root.toString() ?? ''}\u0000${groupsSignature(grouped.grouping.groups)}`;
      shown = signature !== this.signature;
      this.signature = signature;
    } else {
      shown = grouped.grouping.update(report && audit ? report : undefined);
      if (shown) this.signature = undefined;
    }
    if (!shown) return;
    // Rows that did not change keep their node, groups that did not change keep theirs.
    const groups = new Map(this.roots.map((g) => [g.group, g]));
    const rows = new Map<ProcedureEntry, ProcedureNode>();
    for (const g of this.roots) for (const c of g.children) rows.set(c.entry, c);
    this.roots = grouped.grouping.groups.map(
      (group): GroupNode =>
        groups.get(group) ?? {
          type: 'group',
          group,
          children: audit
            ? group.items.map(
                (entry) => rows.get(entry) ?? ({ type: 'procedure', uri: audit.uri(entry.path), entry } as const),
              )
            : [],
        },
    );
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      this.rebuild();
      return this.roots;
    }
    return node.type === 'group' ? node.children : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.groupBy}:${node.group.key}`;
      item.contextValue = 'group';
      return item;
    }
    const { entry, uri } = node;
    const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.groupBy}:${uri.toString()}`;
    item.resourceUri = uri;
    item.description = entry.description;
    item.tooltip = new vscode.MarkdownString(
      [`**${entry.title}**`, `\`${entry.path}\``, entry.description].filter((s) => s !== '').join('\n\n'),
    );
    item.iconPath = new vscode.ThemeIcon(
      entry.status === 'failing' ? 'warning' : entry.status === 'overdue' ? 'history' : 'pass',
    );
    item.contextValue = 'procedure';
    item.command = { command: Command.openProcedure, title: 'Open', arguments: [node] };
    return item;
  }

  getParent(node: Node): Node | undefined {
    if (node.type === 'group') return undefined;
    return this.roots.find((g) => g.children.includes(node));
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
