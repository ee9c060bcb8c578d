/**
 * The panel application: receives host messages, renders the report into
 * tabs and keeps the UI state (tab, expanded rows, scroll, focus) across
 * every update, so live updates never throw the reader back to the top. The
 * host sends the whole report once, then deltas that the panel applies to its
 * copy (`applyDelta`); a delta for another copy than the one it holds makes it
 * ask for the whole report again.
 */
import type { Report } from '../core/report/types';
import { isHostMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { applyDelta } from '../shared/reportDelta';
import type { ViewContext } from './components';
import { h } from './h';
import { TABS, UiStore, type StateStorage, type TabId } from './state';
import { renderAreas } from './views/areas';
import { renderChecks } from './views/checks';
import { renderDetails } from './views/details';
import { DETAILS_TITLE_ID, renderDocumentDetails } from './views/document';
import { renderDocuments } from './views/documents';
import { renderGuard, renderHeader } from './views/header';
import { renderHistory, type HistoryState } from './views/history';
import { renderHero, renderLadder } from './views/ladder';
import { renderNextSteps } from './views/nextSteps';
import { renderOwners } from './views/owners';
import { renderReviews } from './views/reviews';
import { renderTargets } from './views/targets';
import { renderTraits } from './views/traits';
import { renderUngraded } from './views/ungraded';
import { checkStatus, documentAt } from './present';

/** How long a notice ("Summary copied") stays before it fades out. */
const NOTICE_MS = 5000;

export class PanelApp {
  private readonly ui: UiStore;
  private report: Report | undefined;
  /** The host's version of `report`: deltas apply to this version only. */
  private version: number | undefined;
  /** The panel asked for the whole report again and waits for it (deltas are ignored until then). */
  private resyncing = false;
  private history: HistoryState = { status: 'idle' };
  private historyPanel: HTMLElement | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly notice: HTMLElement;
  private readonly content: HTMLElement;
  /** The selected document's details, beside the report (below it on narrow panels). */
  private readonly details: HTMLElement;
  /** What had focus before the details took it, to give it back when they close. */
  private detailsOpener: HTMLElement | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly post: (message: WebviewMessage) => void,
    storage: StateStorage,
  ) {
    this.ui = new UiStore(storage);
    this.notice = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
    this.content = h('div', { class: 'content' }, h('p', { class: 'empty loading' }, 'Waiting for the audit…'));
    this.details = h('aside', {
      class: 'doc-details',
      'aria-labelledby': DETAILS_TITLE_ID,
      on: {
        keydown: (e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          this.closeDetails();
        },
      },
    });
    this.details.hidden = true;
    this.root.replaceChildren(this.content, this.details, this.notice);
    let pending = false;
    // Scroll events fire per frame; saving once per frame is plenty.
    window.addEventListener('scroll', () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        this.ui.setScrollY(window.scrollY);
      });
    });
  }

  /** Handles one message from the host; anything else posted to the window is ignored. */
  receive(data: unknown): void {
    if (!isHostMessage(data)) return;
    const message: HostMessage = data;
    switch (message.type) {
      case 'report': {
        const first = this.report === undefined;
        this.report = message.report;
        this.version = message.version;
        this.resyncing = false;
        this.render(first ? this.ui.scrollY : window.scrollY);
        break;
      }
      case 'reportDelta': {
        if (!this.report || this.version === undefined || message.base !== this.version) {
          this.resync();
          break;
        }
        try {
          this.report = applyDelta(this.report, message.delta);
        } catch {
          this.resync();
          break;
        }
        this.version = message.version;
        this.render(window.scrollY);
        break;
      }
      case 'noReport':
        this.report = undefined;
        this.version = undefined;
        this.content.replaceChildren(h('p', { class: 'empty' }, message.reason));
        this.renderDocumentDetails();
        break;
      case 'historyProgress':
        this.setHistory({ status: 'running', done: message.done, total: message.total });
        break;
      case 'history':
        this.setHistory({ status: 'done', result: message.result });
        break;
      case 'notice':
        this.showNotice(message.kind, message.text);
        break;
      case 'reveal': {
        const tab = TABS.find((t) => t.id === message.tab)?.id;
        if (tab && this.report) this.selectTab(tab);
        if (typeof message.path === 'string') this.showDocument(message.path);
        break;
      }
    }
  }

  /**
   * Asks the host for the whole report (`ready` again) after a delta that does not fit the copy
   * held; before the first report nothing is asked (the snapshot answering `ready` is on its way).
   */
  private resync(): void {
    this.version = undefined;
    if (!this.report || this.resyncing) return;
    this.resyncing = true;
    this.post({ type: 'ready' });
  }

  private context(report: Report): ViewContext {
    let id = 0;
    return {
      report,
      post: this.post,
      ui: this.ui,
      nextId: (prefix) => `${prefix}-${++id}`,
      showDocument: (path) => this.showDocument(path),
    };
  }

  private render(scrollY: number): void {
    const report = this.report;
    if (!report) return;
    const focusKey = document.activeElement?.getAttribute('data-focus-key');
    const ctx = this.context(report);

    const panels: Record<TabId, () => Node[]> = {
      // No procedures: nothing is graded, and the Overview says why instead of showing an empty ladder.
      overview: () =>
        (report.summary.procedures === 0
          ? [renderTargets(ctx), renderUngraded(ctx), renderNextSteps(ctx)]
          : [
              renderTargets(ctx),
              renderHero(ctx),
              renderLadder(ctx),
              renderGuard(ctx),
              renderUngraded(ctx),
              renderNextSteps(ctx),
              renderAreas(ctx),
            ]
        ).filter((n): n is HTMLElement => n !== null),
      checks: () => [renderChecks(ctx)],
      traits: () => [renderTraits(ctx)],
      documents: () => [renderDocuments(ctx)],
      owners: () => [renderOwners(ctx)],
      reviews: () => [renderReviews(ctx)],
      history: () => [renderHistory(ctx, this.history)],
      details: () => renderDetails(ctx),
    };
    const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Report sections' });
    const tabPanels = TABS.map(({ id, label }) => {
      const selected = id === this.ui.tab;
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${id}`,
          class: 'tab',
          'aria-selected': String(selected),
          'aria-controls': `panel-${id}`,
          tabindex: selected ? 0 : -1,
          'data-focus-key': `tab:${id}`,
          on: { click: () => this.selectTab(id), keydown: (e) => this.onTabKey(e, id) },
        },
        label,
        this.tabCount(report, id),
      );
      tabs.append(tab);
      const panel = h(
        'div',
        { role: 'tabpanel', id: `panel-${id}`, class: 'tabpanel', 'aria-labelledby': `tab-${id}` },
        panels[id](),
      );
      panel.hidden = !selected;
      if (id === 'history') this.historyPanel = panel;
      return panel;
    });

    this.content.replaceChildren(renderHeader(ctx), tabs, ...tabPanels);
    this.renderDocumentDetails();
    window.scrollTo(0, scrollY);
    if (focusKey) {
      const target = [...this.root.querySelectorAll<HTMLElement>('[data-focus-key]')].find(
        (el) => el.getAttribute('data-focus-key') === focusKey,
      );
      target?.focus({ preventScroll: true });
    }
  }

  /** A small count beside a tab label where there is something to look at. */
  private tabCount(report: Report, id: TabId): HTMLElement | null {
    let n = 0;
    let tone = 'bad';
    if (id === 'checks') n = report.checks.filter((c) => !checkStatus(c).holds).length;
    if (id === 'traits') {
      n = report.traits.filter((t) => !t.covered).length;
      tone = 'neutral';
    }
    if (id === 'reviews') n = report.reviews?.counts.overdue ?? 0;
    if (id === 'owners') {
      n = report.owners?.unowned.length ?? 0;
      tone = 'neutral';
    }
    if (id === 'details') n = report.errors.length + report.summary.exemptedDocuments;
    return n > 0 ? h('span', { class: `tab-count tab-count-${tone}`, 'aria-label': `(${n})` }, String(n)) : null;
  }

  private selectTab(id: TabId): void {
    this.ui.setTab(id);
    for (const tab of this.content.querySelectorAll<HTMLElement>('[role="tab"]')) {
      const selected = tab.id === `tab-${id}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of this.content.querySelectorAll<HTMLElement>('[role="tabpanel"]')) {
      panel.hidden = panel.id !== `panel-${id}`;
    }
  }

  /** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation). */
  private onTabKey(event: KeyboardEvent, id: TabId): void {
    const i = TABS.findIndex((t) => t.id === id);
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = TABS[(moves[event.key] + TABS.length) % TABS.length].id;
    this.selectTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  }

  /** Shows the details of a document of the report and moves the focus to them. */
  private showDocument(path: string): void {
    if (!this.report || !documentAt(this.report, path)) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && !this.details.contains(active)) this.detailsOpener = active;
    this.ui.setSelected(path);
    this.renderDocumentDetails();
    document.getElementById(DETAILS_TITLE_ID)?.focus({ preventScroll: true });
  }

  private closeDetails(): void {
    this.ui.setSelected(undefined);
    this.renderDocumentDetails();
    if (this.detailsOpener?.isConnected) this.detailsOpener.focus({ preventScroll: true });
    this.detailsOpener = undefined;
  }

  /** (Re)renders the details of the selected document from the current report; hidden when there is none. */
  private renderDocumentDetails(): void {
    const body = this.report ? renderDocumentDetails(this.context(this.report), () => this.closeDetails()) : null;
    this.details.replaceChildren(...(body ? [body] : []));
    this.details.hidden = body === null;
    this.root.classList.toggle('with-details', body !== null);
  }

  private setHistory(state: HistoryState): void {
    this.history = state;
    if (!this.report || !this.historyPanel) return;
    const hadFocus = this.historyPanel.contains(document.activeElement);
    this.historyPanel.replaceChildren(renderHistory(this.context(this.report), state));
    if (hadFocus) this.historyPanel.querySelector<HTMLElement>('[data-focus-key="history:compute"]')?.focus();
  }

  private showNotice(kind: 'info' | 'error', text: string): void {
    clearTimeout(this.noticeTimer);
    this.notice.className = `toast toast-${kind} toast-visible`;
    this.notice.textContent = text;
    this.noticeTimer = setTimeout(() => this.notice.classList.remove('toast-visible'), NOTICE_MS);
  }
}
