/**
 * Maturity over time: a button that asks the host to audit older commits,
 * a progress bar while it runs, then a small line chart of the overall,
 * documentation and process levels (or the reason there is no history).
 */
import type { HistoryPoint, HistoryResult } from '../../shared/protocol';
import { levelName, reportLevels } from '../../shared/summary';
import { disclosure, section, type ViewContext } from '../components';
import { h, s } from '../h';

/** Where the history computation stands. */
export type HistoryState =
  { status: 'idle' } | { status: 'running'; done: number; total: number } | { status: 'done'; result: HistoryResult };

/**
 * The series, drawn in this order so overall ends on top. Documentation and
 * process are nudged apart by a few pixels: levels are often equal, and
 * identical lines would hide each other.
 */
const SERIES = [
  { key: 'documentation', label: 'Documentation', offset: -4 },
  { key: 'process', label: 'Process', offset: 4 },
  { key: 'overall', label: 'Overall', offset: 0 },
] as const;

/** Legend order: the headline first. */
const LEGEND = ['overall', 'documentation', 'process'] as const;

const W = 640;
const H = 220;
const PAD = { left: 96, right: 8, top: 10, bottom: 30 };

/** A step line per series (levels hold between audits); level 0 gets a row only when a point has it. */
function chart(ctx: ViewContext, points: HistoryPoint[]): SVGSVGElement {
  const graded = reportLevels(ctx.report);
  const max = graded[graded.length - 1] ?? 5;
  const lo = points.some((p) => p.overall === 0 || p.documentation === 0 || p.process === 0) ? 0 : 1;
  const levels = lo === 0 ? [0, ...graded] : graded;
  const x = (i: number): number =>
    points.length === 1
      ? (PAD.left + W - PAD.right) / 2
      : PAD.left + (i / (points.length - 1)) * (W - PAD.left - PAD.right);
  const y = (level: number): number => PAD.top + (1 - (level - lo) / (max - lo)) * (H - PAD.top - PAD.bottom);

  const grid = levels.map((level) =>
    s(
      'g',
      { class: 'grid' },
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(level), y2: y(level) }),
      s('text', { x: PAD.left - 8, y: y(level) + 4, 'text-anchor': 'end' }, `${level} ${levelName(ctx.report, level)}`),
    ),
  );
  const last = points.length - 1;
  // The first and last labels align to their ends so they never overflow the chart.
  const anchor = (i: number): string => (last === 0 || (i > 0 && i < last) ? 'middle' : i === 0 ? 'start' : 'end');
  const ticks = [0, Math.floor(last / 2), last]
    .filter((i, n, all) => all.indexOf(i) === n)
    .map((i) => s('text', { class: 'tick', x: x(i), y: H - 6, 'text-anchor': anchor(i) }, points[i]?.date ?? ''));
  const lines = SERIES.map((series) => {
    const ys = points.map((p) => y(p[series.key]) + series.offset);
    const d = points.map((_, i) => (i === 0 ? `M${x(0)},${ys[0]}` : `H${x(i)}V${ys[i]}`)).join('');
    const dots = points.map((p, i) =>
      s(
        'circle',
        { cx: x(i), cy: ys[i], r: 3 },
        s('title', null, `${p.date} (${p.commit.slice(0, 7)}): ${series.label} ${p[series.key]}`),
      ),
    );
    return s('g', { class: `series series-${series.key}` }, s('path', { d }), dots);
  });
  return s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Maturity levels over time' },
    grid,
    ticks,
    lines,
  );
}

function dataTable(points: HistoryPoint[]): HTMLElement {
  return h(
    'table',
    { class: 'data' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Date', 'Commit', 'Overall', 'Documentation', 'Process'].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      points.map((p) =>
        h(
          'tr',
          null,
          h('td', null, p.date),
          h('td', null, h('code', null, p.commit.slice(0, 7))),
          h('td', null, p.overall),
          h('td', null, p.documentation),
          h('td', null, p.process),
        ),
      ),
    ),
  );
}

function body(ctx: ViewContext, state: HistoryState): HTMLElement | HTMLElement[] {
  if (state.status === 'running') {
    const share = state.total > 0 ? state.done / state.total : 0;
    const bar = h('progress', {
      class: 'history-progress',
      max: state.total || 1,
      value: state.done,
      'aria-label': 'History progress',
    });
    return h(
      'div',
      { class: 'history-running', role: 'status' },
      bar,
      h(
        'span',
        null,
        state.total > 0
          ? `Audited ${state.done} of ${state.total} commits (${Math.round(share * 100)}%)`
          : 'Reading the git log…',
      ),
    );
  }
  if (state.status === 'idle') return h('p', { class: 'empty' }, 'Not computed yet.');
  if (!state.result.available) return h('p', { class: 'notice notice-info' }, state.result.reason);
  const points = state.result.points;
  if (points.length === 0) return h('p', { class: 'empty' }, 'No commits in the last year changed the audited files.');
  const table = disclosure(ctx, 'history:table', 'Show the numbers', () => dataTable(points));
  return [
    h(
      'ul',
      { class: 'legend' },
      LEGEND.map((key) =>
        h(
          'li',
          { class: `legend-${key}` },
          h('span', { class: 'swatch', 'aria-hidden': 'true' }),
          SERIES.find((x) => x.key === key)?.label,
        ),
      ),
    ),
    h('div', { class: 'chart-wrap' }, chart(ctx, points)),
    table.button,
    table.region,
  ];
}

/** The history tab. */
export function renderHistory(ctx: ViewContext, state: HistoryState): HTMLElement {
  const running = state.status === 'running';
  return section(
    'History',
    'The same audit at one commit per period over the last year, from git. It runs in the background and is cached.',
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          disabled: running,
          'data-focus-key': 'history:compute',
          on: { click: () => ctx.post({ type: 'requestHistory' }) },
        },
        state.status === 'done' ? 'Recompute history' : 'Compute history',
      ),
    ),
    h('div', { class: 'history-body', 'aria-live': 'polite' }, body(ctx, state)),
  );
}
