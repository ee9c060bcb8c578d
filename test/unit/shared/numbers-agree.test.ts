/**
 * One set of numbers (issue 16): the status bar and its tooltip, the
 * panel's Overview and Checks tab, the fix-all dialog and the CLI's text,
 * Markdown and HTML reports print the same numbers, in the same words, for
 * the same thing, and those numbers are the report's fields:
 * - the distance to the next level (`nextLevel`: documents to fix, to
 *   write, and the different documents failing), and each step's
 *   `documentsToFix`;
 * - the documents failing a check at a level (`checks[].levels[].failing`,
 *   the documents a step lists);
 * - the documents with a finding of a check (`documentsWithFindings`), what
 *   the Checks tab lists and the fix-all dialog counts against;
 * - the level names and "within reach".
 * The panel's views are rendered in node into a small stand-in DOM (they
 * only create elements, set attributes and append children).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, computeFix, defaultConfig, loadBuiltinRubric, Workspace } from '../../../src/core';
import type { Report } from '../../../src/core/report/types';
import { formatHtml } from '../../../src/core/report/html';
import { formatMarkdown } from '../../../src/core/report/markdown';
import { formatText } from '../../../src/cli/format/text';
import { applyInOrder, fixAllQuestion, safeFixes, type FixEngine } from '../../../src/extension/fixall';
import { statusText, statusTooltip } from '../../../src/extension/statusText';
import { levelName, summaryMarkdown } from '../../../src/shared/summary';
import { CORPORA, openWorkspace, unpackCorpus } from '../../corpora/open';
import { auditFiles } from '../helpers/audit';

/* ------------------------------------------------------------- a stand-in DOM */

class FakeNode {
  parent: FakeElement | undefined;
  get textContent(): string {
    return '';
  }
}

class FakeText extends FakeNode {
  constructor(readonly data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  readonly attrs = new Map<string, string>();
  readonly childNodes: FakeNode[] = [];
  readonly style: Record<string, string> = {};
  hidden = false;
  value = '';
  constructor(readonly tagName: string) {
    super();
  }
  setAttribute(name: string, value: string): void {
    this.attrs.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attrs.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attrs.delete(name);
  }
  addEventListener(): void {}
  append(...nodes: (FakeNode | string)[]): void {
    for (const n of nodes) {
      const node = typeof n === 'string' ? new FakeText(n) : n;
      node.parent = this;
      this.childNodes.push(node);
    }
  }
  replaceChildren(...nodes: (FakeNode | string)[]): void {
    this.childNodes.length = 0;
    this.append(...nodes);
  }
  get children(): FakeElement[] {
    return this.childNodes.filter((n): n is FakeElement => n instanceof FakeElement);
  }
  get childElementCount(): number {
    return this.children.length;
  }
  get className(): string {
    return this.attrs.get('class') ?? '';
  }
  get classList() {
    const list = () => this.className.split(/\s+/).filter(Boolean);
    return {
      contains: (c: string) => list().includes(c),
      add: (c: string) => this.setAttribute('class', [...new Set([...list(), c])].join(' ')),
      remove: (c: string) =>
        this.setAttribute(
          'class',
          list()
            .filter((x) => x !== c)
            .join(' '),
        ),
      toggle: (c: string, on?: boolean) =>
        (on ?? !list().includes(c)) ? this.classList.add(c) : this.classList.remove(c),
    };
  }
  override get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join('');
  }
  /** Every element below this one (depth first) that `test` accepts. */
  all(test: (e: FakeElement) => boolean): FakeElement[] {
    const out: FakeElement[] = [];
    const walk = (e: FakeElement) => {
      for (const c of e.children) {
        if (test(c)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  byClass(c: string): FakeElement[] {
    return this.all((e) => e.classList.contains(c));
  }
  first(c: string): FakeElement | undefined {
    return this.byClass(c)[0];
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
  createTextNode: (text: string) => new FakeText(text),
};

/** The panel's views, loaded once the stand-in DOM is global. */
type Views = {
  renderHero: typeof import('../../../src/webview/views/ladder').renderHero;
  renderLadder: typeof import('../../../src/webview/views/ladder').renderLadder;
  renderNextSteps: typeof import('../../../src/webview/views/nextSteps').renderNextSteps;
  renderChecks: typeof import('../../../src/webview/views/checks').renderChecks;
  UiStore: typeof import('../../../src/webview/state').UiStore;
};
let views: Views;
const saved = (globalThis as { document?: unknown }).document;

beforeAll(async () => {
  (globalThis as { document?: unknown }).document = fakeDocument;
  const [ladder, nextSteps, checks, state] = await Promise.all([
    import('../../../src/webview/views/ladder'),
    import('../../../src/webview/views/nextSteps'),
    import('../../../src/webview/views/checks'),
    import('../../../src/webview/state'),
  ]);
  views = {
    renderHero: ladder.renderHero,
    renderLadder: ladder.renderLadder,
    renderNextSteps: nextSteps.renderNextSteps,
    renderChecks: checks.renderChecks,
    UiStore: state.UiStore,
  };
});
afterAll(() => {
  (globalThis as { document?: unknown }).document = saved;
});

/** The Overview and the Checks tab, every step and check expanded. */
function renderPanel(report: Report): { overview: FakeElement; checks: FakeElement } {
  const expanded = [
    ...report.checks.map((c) => `check:${c.id}`),
    ...report.nextSteps.map((s) => `step:${s.kind}:${s.id}`),
  ];
  const ui = new views.UiStore({ getState: () => ({ expanded }), setState: () => {} });
  let id = 0;
  const ctx = { report, post: () => {}, ui, nextId: (p: string) => `${p}-${++id}`, showDocument: () => {} };
  const overview = new FakeElement('div');
  overview.append(
    ...([views.renderHero(ctx), views.renderLadder(ctx), views.renderNextSteps(ctx)] as unknown as FakeElement[]),
  );
  return { overview, checks: views.renderChecks(ctx) as unknown as FakeElement };
}

/* ------------------------------------------------------------- reading numbers */

const RUBRIC = loadBuiltinRubric();

const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s));

/** "19 to L4: 18 documents to fix and 1 to write" (CLI, tooltip) or "19 to level 4: ..." (panel). */
function readDistance(text: string): { count: number; level: number; fix: number; write: number } | undefined {
  const m =
    /(\d+) to (?:L|level )(\d+):(?:\*\*)? (?:(\d+) documents? to fix)?(?: and )?(?:(\d+) (?:documents? )?to write)?/.exec(
      text,
    );
  return m ? { count: num(m[1]), level: num(m[2]), fix: num(m[3]), write: num(m[4]) } : undefined;
}

/** "8 documents to fix" / "1 document to write" / "a workspace change" → the number (0 for a workspace change). */
function readEffort(text: string): number {
  const m = /(\d+) documents? to (?:fix|write)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** "14 documents failing at level 4" or "4 documents not reachable ..." → 14 / 4. */
function readFailing(text: string): number | undefined {
  const m = /(\d+) documents? (?:failing at level \d|not reachable|competing|outside|with a finding)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Files a check's fix-all changes, computed as the extension's fix-all does (safe fixes applied in order, unchanged files not counted). */
function fixAllChanged(report: Report, root: string, checkId: string): number {
  let files = 0;
  for (const doc of report.documents) {
    const planned = safeFixes(doc.findings, checkId);
    if (planned.length === 0) continue;
    const text = readFileSync(join(root, doc.path), 'utf8');
    const parser = new Workspace({ root, config: defaultConfig(), rubric: RUBRIC });
    const engine: FixEngine = {
      parse: (t) => parser.setFile(doc.path, t),
      compute: (fix, t, d) => computeFix(fix.fixId, { text: t, doc: d, rubric: RUBRIC, asOf: report.asOf }),
      apply: (t, edits) => applyEdits(t, edits),
    };
    const result = applyInOrder(text, engine.parse(text), planned, engine);
    if (result.text !== text) files++;
  }
  return files;
}

/* ------------------------------------------------------------- the agreement */

/** Asserts that every view prints the report's numbers; returns how many numbers were compared. */
function expectNumbersAgree(report: Report, root: string): number {
  let compared = 0;
  const eq = (actual: unknown, expected: unknown, what: string) => {
    expect(actual, what).toEqual(expected);
    compared++;
  };
  const text = formatText(report, { color: false, quiet: false });
  const markdown = formatMarkdown(report);
  const html = formatHtml(report);
  const status = statusText(report);
  const tooltip = statusTooltip(report);
  const { overview, checks } = renderPanel(report);
  const copied = summaryMarkdown(report);

  // The engine's own sums: nextLevel is the blocking steps added up.
  const next = report.nextLevel;
  if (next && report.summary.procedures > 0) {
    const blocking = report.nextSteps.filter((s) => s.blocksOverall);
    const fixes = blocking.filter((s) => s.kind === 'check' && s.paths.length > 0);
    eq(
      next.documentsToFix,
      fixes.reduce((a, s) => a + s.documentsToFix, 0),
      'nextLevel.documentsToFix = sum of the blocking checks',
    );
    eq(
      next.documentsToWrite,
      blocking.filter((s) => !fixes.includes(s)).reduce((a, s) => a + s.documentsToFix, 0),
      'nextLevel.documentsToWrite',
    );
    eq(
      next.failingDocuments,
      new Set(fixes.flatMap((s) => s.paths)).size,
      'nextLevel.failingDocuments = distinct documents',
    );

    // (a) The distance to the next level, in every view.
    const expected = {
      count: next.documentsToFix + next.documentsToWrite,
      level: next.level,
      fix: next.documentsToFix,
      write: next.documentsToWrite,
    };
    const inStatus = /· (\d+) to L(\d+)$/.exec(status);
    if (expected.count > 0) {
      eq(
        inStatus && { count: Number(inStatus[1]), level: Number(inStatus[2]) },
        { count: expected.count, level: expected.level },
        'status bar',
      );
    }
    eq(readDistance(tooltip), expected, 'status tooltip');
    eq(readDistance(text.split('\n').find((l) => l.startsWith('Next level:')) ?? ''), expected, 'CLI text');
    eq(readDistance(markdown.split('\n').find((l) => l.startsWith('**Next level:**')) ?? ''), expected, 'CLI markdown');
    eq(readDistance(/<strong>Next level:<\/strong>([^<]*)/.exec(html)?.[1] ?? ''), expected, 'CLI html');
    eq(readDistance(overview.first('next-level')?.textContent ?? ''), expected, 'panel Overview');
    eq(
      readDistance(copied.split('\n').find((l) => l.startsWith(`**${expected.count} to level`)) ?? ''),
      expected,
      'panel "Copy as Markdown"',
    );
    if (expected.fix > 0) {
      eq(tooltip.includes(`${next.failingDocuments} different document`), true, 'tooltip: distinct documents');
      eq(text.includes(`${next.failingDocuments} different document`), true, 'CLI: distinct documents');
    }

    // The tooltip lists every counted step; its numbers add up to the count.
    const counted = tooltip
      .split('\n\n')
      .filter((_, i, blocks) => i > 0 && /→ L\d+:$/.test(blocks[i - 1]))
      .join('\n');
    const listed = [...counted.matchAll(/^- .*: (\d+) documents? to (?:fix|write)$/gm)].map((m) => Number(m[1]));
    eq(
      listed.reduce((a, b) => a + b, 0),
      expected.count,
      'tooltip steps add up to the count',
    );
  }

  // Per step: its documents to fix and the documents it lists, in the CLI and on the Overview.
  const cliSteps = [
    ...text.matchAll(/^ {2}\d+\. \[(\w+) level (\d+)\] .* \((?:check|process|guard) ([\w-]+)\): (.*)$/gm),
  ];
  const cards = overview.byClass('step-card');
  eq(cards.length, report.nextSteps.length, 'one card per step');
  eq(cliSteps.length, report.nextSteps.length, 'one CLI line per step');
  // The Overview groups the steps by side, documentation first, each side in the report's order.
  const bySide = [
    ...report.nextSteps.filter((s) => s.side === 'documentation'),
    ...report.nextSteps.filter((s) => s.side === 'process'),
  ];
  bySide.forEach((step, i) => {
    const line = cliSteps.find((m) => m[3] === step.id && Number(m[2]) === step.level && m[1] === step.side);
    expect(line, `CLI line of ${step.id}`).toBeDefined();
    const card = cards[i];
    eq(card.all((e) => e.tagName === 'h3')[0]?.textContent, step.title, `card ${i} is ${step.id}`);
    eq(readEffort(line![4]), step.documentsToFix, `CLI effort of ${step.id}`);
    eq(readEffort(card.first('effort')?.textContent ?? ''), step.documentsToFix, `panel effort of ${step.id}`);
    if (step.kind === 'check' && step.paths.length > 0) {
      const stats = report.checks
        .find((c) => c.id === (step.check ?? step.id))
        ?.levels.find((l) => l.level === step.level);
      eq(stats?.failing, step.paths.length, `${step.id}@${step.level}: the step lists the level's failing documents`);
      eq(readFailing(line![4]), step.paths.length, `CLI failing of ${step.id}`);
      const toggle = card.all((e) => e.tagName === 'button' && e.getAttribute('aria-controls') !== null)[0];
      eq(readFailing(toggle?.textContent ?? ''), step.paths.length, `panel failing of ${step.id}`);
      eq(card.all((e) => e.tagName === 'li').length, step.paths.length, `panel lists ${step.id}'s documents`);
    }
  });

  // (b) and (c) The Checks tab: per level the failing documents; a check that holds never reads "failing".
  const rows = checks.byClass('check-row');
  eq(rows.length, report.checks.length, 'one row per check');
  report.checks.forEach((check, i) => {
    const row = rows[i];
    eq(row.first('check-id')?.textContent, check.id, `row ${i}`);
    const lines = row.byClass('level-line');
    eq(lines.length, check.levels.length, `${check.id}: one line per level`);
    check.levels.forEach((stats, j) => {
      const shown = readFailing(lines[j].textContent);
      eq(shown ?? 0, stats.failing ?? 0, `${check.id}@${stats.level}: failing on the Checks tab`);
      // A workspace check that passes while documents fail its condition says so in words that do not contradict.
      if (stats.holds && check.scope === 'workspace') {
        eq(/failing/.test(lines[j].textContent), false, `${check.id}@${stats.level} holds: not "failing"`);
        if ((stats.failing ?? 0) > 0)
          eq(
            lines[j].textContent.startsWith(`L${stats.level}Passes — ${stats.failing} document`),
            true,
            `${check.id}@${stats.level}: "Passes — N documents ..."`,
          );
      }
    });
    const sub = row.first('status-sub')?.textContent;
    const blocking = check.levels.filter((l) => !l.holds).sort((a, b) => a.level - b.level)[0];
    if (blocking)
      eq(
        readFailing(sub ?? '') ?? 0,
        blocking.failing ?? 0,
        `${check.id}: status names the blocking level's failing documents`,
      );
    else {
      eq(/failing/.test(sub ?? ''), false, `${check.id} holds: its status does not say "failing"`);
      if (check.scope === 'workspace')
        eq(readFailing(sub ?? '') ?? 0, check.levels[0]?.failing ?? 0, `${check.id}: documents failing its condition`);
    }
  });
  // The expanded rows: the documents with a finding, counted and listed.
  const details = checks.byClass('detail-row');
  report.checks.forEach((check, i) => {
    const withFindings = report.documents.filter((d) => d.findings.some((f) => f.check === check.id)).length;
    eq(check.documentsWithFindings, withFindings, `${check.id}: documentsWithFindings`);
    const unread = report.documents.filter((d) => d.failingWithoutFinding?.some((f) => f.check === check.id));
    const listed = details[i].first('doc-list')?.children.length ?? 0;
    eq(
      listed,
      withFindings + unread.length,
      `${check.id}: the Checks tab lists the documents with a finding, and those failing without one`,
    );
    const summary = details[i].first('findings-summary')?.textContent ?? '';
    eq(
      Number(/(\d+) more documents? fails? it without a finding/.exec(summary)?.[1] ?? 0),
      unread.length,
      `${check.id}: documents failing without a finding`,
    );
    if (withFindings > 0) {
      eq(
        Number(/^(\d+) documents? with a finding/.exec(summary)?.[1]),
        withFindings,
        `${check.id}: the count above the list`,
      );
      for (const stats of check.levels.filter((l) => (l.failing ?? 0) > 0)) {
        eq(
          summary.includes(
            check.scope === 'workspace'
              ? `${stats.failing} document`
              : `${stats.failing} document${stats.failing === 1 ? '' : 's'} failing at level ${stats.level}`,
          ),
          true,
          `${check.id}@${stats.level}: the summary names the level's failing documents`,
        );
      }
      // Documents with a finding and failing documents differ only in words that say why.
      const procedures = report.documents.filter(
        (d) => d.kind === 'procedure' && d.findings.some((f) => f.check === check.id),
      ).length;
      const others = withFindings - procedures;
      eq(
        Number(/(\d+) of them (?:is|are) not/.exec(summary)?.[1] ?? 0),
        others,
        `${check.id}: documents with a finding that are not procedures`,
      );
      // Every procedure failing the check's highest bar is listed: with a finding, or without one (and why).
      const most = Math.max(0, ...check.levels.map((l) => l.failing ?? 0));
      if (check.scope === 'document' && check.severity !== 'off')
        eq(
          procedures + unread.filter((d) => d.kind === 'procedure').length,
          most,
          `${check.id}: the list holds the failing procedures`,
        );
    }
  });

  // (d) The fix-all dialog: the files it will change, set against the documents with a finding.
  for (const check of report.checks) {
    if (!report.documents.some((d) => safeFixes(d.findings, check.id).length > 0)) continue;
    const files = fixAllChanged(report, root, check.id);
    const q = fixAllQuestion(files, check.id, [report]);
    eq(Number(/ to (\d+) files?\?$/.exec(q.message)?.[1]), files, `${check.id}: dialog files`);
    const withFindings = check.documentsWithFindings ?? 0;
    const m =
      /(\d+) of the (\d+) documents with a finding of this check can be fixed automatically; the other (\d+)/.exec(
        q.detail,
      );
    const all = /All (\d+) documents? with a finding of this check can be fixed automatically/.exec(q.detail);
    if (files < withFindings)
      eq(
        m && [Number(m[1]), Number(m[2]), Number(m[3])],
        [files, withFindings, withFindings - files],
        `${check.id}: dialog words`,
      );
    else eq(Number(all?.[1]), withFindings, `${check.id}: dialog words`);
  }

  // One name per idea: the level names and "within reach".
  const name = levelName(report, report.levels.overall);
  eq(new RegExp(`Overall level:\\s+${report.levels.overall} ${name}`).test(text), true, 'CLI level name');
  eq(overview.first('hero-name')?.textContent, name, 'panel level name');
  eq(tooltip.includes(`OML ${report.levels.overall} (${name})`), true, 'tooltip level name');
  eq(
    new RegExp(`Within reach:\\s+${report.levels.shadow} ${levelName(report, report.levels.shadow)}`).test(text),
    true,
    'CLI within reach',
  );
  eq(
    overview
      .byClass('stat-shadow')[0]
      ?.textContent.startsWith(`Within reach${report.levels.shadow}${levelName(report, report.levels.shadow)}`),
    true,
    'panel within reach',
  );
  for (const [what, out] of [
    ['text', text],
    ['markdown', markdown],
    ['html', html],
    ['panel', overview.textContent + checks.textContent],
    ['tooltip', tooltip],
    ['copy as Markdown', copied],
  ] as const) {
    eq(/shadow/i.test(out), false, `${what}: no "shadow"`);
  }
  return compared;
}

describe('every view prints the same numbers as the report', () => {
  it('for examples/', () => {
    const root = resolve('examples');
    const report = openWorkspace(root).report();
    expect(report.nextLevel).toBeDefined();
    expect(expectNumbersAgree(report, root)).toBeGreaterThan(100);
  });

  const corpus = 'pulibrary__pul-it-handbook.tar.gz';
  it.skipIf(!existsSync(join(CORPORA, corpus)))(
    `for a real corpus (${corpus}; skipped when ../shared/corpora is absent)`,
    () => {
      const root = unpackCorpus(corpus);
      const report = openWorkspace(root).report();
      expect(expectNumbersAgree(report, root)).toBeGreaterThan(20);
    },
  );

  it('names level 0 the same everywhere: "below Beginning" with procedures, "not assessed" without', () => {
    const none = auditFiles({ 'notes/readme.md': '# Notes\n\nJust notes.\n' });
    const below = auditFiles({ 'sops/a.md': '# Do it\n\n1. One.\n2. Two.\n3. Three.\n' });
    expect(none.summary.procedures).toBe(0);
    expect(levelName(none, 0)).toBe('not assessed');
    expect(below.levels.overall).toBe(0);
    expect(levelName(below, 0)).toBe('below Beginning');
    const { overview } = renderPanel(below);
    expect(overview.first('hero-name')?.textContent).toBe('below Beginning');
    expect(formatText(below, { color: false, quiet: false })).toMatch(/Overall level:\s+0 below Beginning/);
    expect(statusTooltip(below)).toContain('OML 0 (below Beginning)');
    expect(formatText(none, { color: false, quiet: false })).toMatch(/Overall level:\s+0 not assessed/);
  });
});
