/**
 * The status bar item: the overall level and how far the next level is
 * ("$(checklist) OML 3 · 12 to L4"); a click opens the maturity panel. It is
 * shown only while there is a report to show: not before the first audit has
 * one (its progress shows in the status bar's own progress area), not for a
 * root without procedures, not when the audit is turned off.
 */
import * as vscode from 'vscode';
import type { Report } from '../core/report/types';
import { Command, EXTENSION_NAME } from './constants';
import { statusText, statusTooltip } from './statusText';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sopMaturity.level', vscode.StatusBarAlignment.Left, 50);
  private shown = false;

  constructor() {
    this.item.name = EXTENSION_NAME;
    this.item.command = Command.openPanel;
  }

  /**
   * Shows `report`; undefined hides the item (nothing to show). `root` names
   * the audit root when the workspace has several ("OML 3 · 19 to L4 ·
   * examples"), and heads the tooltip.
   */
  update(report: Report | undefined, root?: string): void {
    if (!report) {
      this.item.hide();
      this.shown = false;
      return;
    }
    this.item.text = root ? `${statusText(report)} · ${root}` : statusText(report);
    const tip = statusTooltip(report);
    const tooltip = new vscode.MarkdownString(root ? `Audit root: \`${root.replace(/`/g, '')}\`\n\n${tip}` : tip);
    tooltip.supportThemeIcons = true;
    this.item.tooltip = tooltip;
    this.item.show();
    this.shown = true;
  }

  /** True while the item is shown. */
  get visible(): boolean {
    return this.shown;
  }

  /** The text shown now (for the end-to-end API). */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
