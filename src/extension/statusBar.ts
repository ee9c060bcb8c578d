/**
 * The status bar item: the overall level and how far the next level is
 * ("$(checklist) OML 3 · 12 to L4"); a click opens the maturity panel.
 */
import * as vscode from 'vscode';
import type { Report } from '../core/types';
import { Command, EXTENSION_NAME } from './constants';
import { statusText, statusTooltip } from './status';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sopMaturity.level', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = EXTENSION_NAME;
    this.item.command = Command.openPanel;
    this.update(undefined, true);
    this.item.show();
  }

  /** Shows `report` (undefined: no audit yet; `busy` while the first audit runs). */
  update(report: Report | undefined, busy = false): void {
    this.item.text = statusText(report, busy);
    const tooltip = new vscode.MarkdownString(statusTooltip(report));
    tooltip.supportThemeIcons = true;
    this.item.tooltip = tooltip;
  }

  /** The text shown now (for the end-to-end API). */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
