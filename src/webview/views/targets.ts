/**
 * The targets strip at the top of the Overview: each target of
 * `.sopmaturity.yml` (`Report.targets`) with a progress bar (where the
 * workspace stands against the goal), whether it is met or missed, the days
 * left, what remains and, when the history engine ran, the trend.
 */
import type { TargetReport } from '../../core/report/types';
import { targetDaysWords, targetGoal, targetRemainingWords } from '../../shared/numbers';
import { percent } from '../../shared/summary';
import { progressBar, type ViewContext } from '../components';
import { h } from '../h';

/** "L3 of L4" or "62% of 80%": where the workspace stands against the goal. */
function standing(t: TargetReport): string {
  return t.kind === 'level'
    ? `L${t.current} of L${t.level ?? '?'}`
    : `${percent(t.current)} of ${percent(t.share ?? 0)}`;
}

/** A level target's bar: levels reached out of the level to reach (the bar's name carries the numbers). */
function levelBar(t: TargetReport, tone: 'ok' | 'bad'): HTMLElement {
  const goal = Math.max(1, t.level ?? 1);
  const fill = h('span', { class: `bar-fill bar-${tone}` });
  fill.style.width = `${Math.max(0, Math.min(1, t.current / goal)) * 100}%`;
  return h('span', { class: 'bar', role: 'img', 'aria-label': `Level ${t.current} of ${goal}` }, fill);
}

function card(t: TargetReport): HTMLElement {
  const status = t.met ? 'met' : t.missed ? 'missed' : 'open';
  const tone = t.met ? 'ok' : 'bad';
  return h(
    'li',
    { class: `target target-${status}` },
    h(
      'div',
      { class: 'target-head' },
      h('span', { class: 'target-title' }, t.title),
      h('span', { class: `tag target-status target-status-${status}` }, targetDaysWords(t)),
    ),
    h(
      'div',
      { class: 'target-progress' },
      t.kind === 'level' ? levelBar(t, tone) : progressBar(t.current, t.share, tone),
      h('span', { class: 'target-standing' }, standing(t)),
    ),
    h(
      'p',
      { class: 'target-meta muted' },
      `${targetGoal(t)} by ${t.by}${t.owner ? ` · owner ${t.owner}` : ''}`,
      t.met ? null : ` · ${targetRemainingWords(t)}`,
    ),
    t.remaining.traits && t.remaining.traits.length > 0 && !t.met
      ? h('p', { class: 'target-traits muted' }, `Traits: ${t.remaining.traits.join(', ')}`)
      : null,
    t.trend ? h('p', { class: `target-trend ${t.trend.onTrack ? 'trend-on' : 'trend-off'}` }, t.trend.sentence) : null,
  );
}

/** The strip; null when the report has no targets. */
export function renderTargets(ctx: ViewContext): HTMLElement | null {
  const targets = ctx.report.targets;
  if (!targets || targets.length === 0) return null;
  return h(
    'section',
    { class: 'section targets-strip', 'aria-label': 'Targets' },
    h('h2', { class: 'section-title' }, 'Targets'),
    h('ul', { class: 'targets' }, targets.map(card)),
  );
}
