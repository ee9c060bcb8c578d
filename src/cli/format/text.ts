/**
 * The terminal report: a header, the OML ladder with the current level
 * marked, the levels, what blocks the next level, next steps, engine errors
 * and then one aligned line per finding (`path:line:col  severity  check  message`).
 */
import type { Finding, Report } from '../../core/report/types';
import type { Severity } from '../../core/rubric/types';
import { baselineCounts } from '../../core/report/baseline';
import { kindLabel, stubOf } from '../../shared/kind';
import {
  LADDER,
  allFindings,
  compareText,
  findingPlace,
  levelLabel,
  levelName,
  percent,
  plural,
  stepKindLabel,
  stepProgress,
  stepsBySide,
  terminalSafe,
  nextLevelLine,
  targetWords,
} from '../../core/report/common';
import { WITHIN_REACH, WITHIN_REACH_MEANS } from '../../shared/numbers';
import { rootName, shareablePath } from '../../core/report/shareable';

export interface TextOptions {
  /** Use ANSI colours (decide with `shouldUseColor`). */
  color: boolean;
  /** Only the summary lines and errors. */
  quiet: boolean;
  /** Also list every document with its kind and the reason for it. */
  verbose?: boolean;
}

/** How many paths a next step lists before "and N more". */
const PATHS_SHOWN = 3;

/**
 * Whether to colour output written to `stream`: only on a terminal, and
 * never when the user opted out with `--no-color` or the `NO_COLOR`
 * convention (any non-empty value, see no-color.org).
 */
export function shouldUseColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
  noColorFlag: boolean,
): boolean {
  return !noColorFlag && !env.NO_COLOR && stream.isTTY === true;
}

type Paint = (text: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  green: Paint;
  severity: (severity: Severity, text: string) => string;
}

function palette(color: boolean): Palette {
  const sgr = (open: number, close: number): Paint => (color ? (t) => `\u001b[${open}m${t}\u001b[${close}m` : (t) => t);
  const red = sgr(31, 39);
  const yellow = sgr(33, 39);
  const cyan = sgr(36, 39);
  const dim = sgr(2, 22);
  const bySeverity: Record<Severity, Paint> = { error: red, warning: yellow, info: cyan, hint: dim };
  return { bold: sgr(1, 22), dim, green: sgr(32, 39), severity: (s, t) => bySeverity[s](t) };
}

/** Renders the report for a terminal; ends with a line break. */
export function formatText(report: Report, options: TextOptions): string {
  const p = palette(options.color);
  const lines: string[] = [];
  // Level names come from the rubric file, which the repository may hold: shown like any other repository text.
  const name = (level: number) => terminalSafe(levelLabel(report, level, ' '));

  if (!options.quiet) {
    lines.push(p.bold(`${report.tool.name} ${report.tool.version}`) + ` — ${report.label}`);
    lines.push(
      ...table([
        ['Root', terminalSafe(rootName(report.root))],
        ['As of', report.asOf],
        [
          'Rubric',
          terminalSafe(
            `${report.rubric.title} (${report.rubric.id}, ${shareablePath(report.rubric.source, report.root)})`,
          ),
        ],
        ['Central folder', terminalSafe(`${report.centralFolder || '.'} (${report.centralFolderSource})`)],
      ]),
    );
    lines.push('');
    for (const level of [...LADDER].reverse()) {
      const rung = terminalSafe(`${level} ${levelName(report, level)}`);
      lines.push(
        level === report.levels.overall ? p.green(p.bold(`  ▶ ${rung}  ← overall level`)) : p.dim(`    ${rung}`),
      );
    }
    if (report.levels.overall <= 0) lines.push(p.bold(`  ▶ ${name(0)}  ← overall level`));
    lines.push('');
  }

  const summary: [string, string][] = [
    ['Overall level', name(report.levels.overall)],
    ['Documentation level', name(report.levels.documentation)],
    ['Process level', name(report.levels.process)],
  ];
  if (!options.quiet) {
    summary.push(
      [WITHIN_REACH, `${name(report.levels.shadow)} (${WITHIN_REACH_MEANS})`],
      ['Points', `${percent(report.levels.points)} of all requirements met`],
      [
        'Documents',
        `${report.summary.documents} (${plural(report.summary.procedures, 'procedure')}, ` +
          `${plural(report.summary.indexes, 'index', 'indexes')}, ${report.summary.other} other), ` +
          `${plural(report.summary.findings, 'finding')}`,
      ],
    );
    const areas = Object.entries(report.levels.areas);
    if (areas.length > 0)
      summary.push(['Areas', terminalSafe(areas.map(([area, level]) => `${area} ${level}`).join(' · '))]);
    const business = Object.entries(report.levels.processAreas ?? {});
    if (business.length > 0)
      summary.push(['Business areas', terminalSafe(business.map(([area, level]) => `${area} ${level}`).join(' · '))]);
    if (report.summary.skipped > 0) summary.push(['Skipped', plural(report.summary.skipped, 'document')]);
    summary.push(['Exemptions', `used by ${plural(report.summary.exemptedDocuments, 'document')}`]);
  }
  if (report.levels.guard) summary.push(['Guard', terminalSafe(report.levels.guard)]);
  const compared = baselineCounts(report);
  if (compared.new + compared.known > 0)
    summary.push(['Baseline', `${compared.new} new, ${plural(compared.known, 'known finding')}`]);
  if (report.levels.heldBack) summary.push(['Held back', terminalSafe(report.levels.heldBack)]);
  const next = nextLevelLine(report);
  if (next) summary.push(['Next level', next.note ? `${next.summary}. ${next.note}` : next.summary]);
  for (const group of stepsBySide(report)) {
    const ids = group.steps.map((s) => (s.kind === 'guard' ? `${s.id} (guard)` : s.id));
    summary.push([`Blocking ${group.side} ${group.level}`, terminalSafe(ids.join(', '))]);
  }
  lines.push(...table(summary));

  if (report.targets?.length) {
    lines.push('', p.bold('Targets'));
    for (const t of report.targets) {
      const w = targetWords(t);
      const mark = w.status === 'met' ? '✓' : w.status === 'missed' ? p.severity('error', '✗') : '•';
      lines.push(`  ${mark} ${terminalSafe(w.title)} (${terminalSafe(w.now)})`);
      lines.push(p.dim(`     ${terminalSafe(w.detail)}`));
    }
  }

  if (!options.quiet && report.nextSteps.length > 0) {
    lines.push('', p.bold('Next steps'));
    report.nextSteps.forEach((step, i) => {
      lines.push(
        `  ${i + 1}. [${step.side} level ${step.level}] ${terminalSafe(step.title)} (${stepKindLabel(step)} ${terminalSafe(step.id)}): ${terminalSafe(stepProgress(step))}`,
      );
      if (step.paths.length > 0) {
        const shown = step.paths.slice(0, PATHS_SHOWN).map(terminalSafe).join(', ');
        const more = step.paths.length > PATHS_SHOWN ? ` and ${step.paths.length - PATHS_SHOWN} more` : '';
        lines.push(p.dim(`     ${shown}${more}`));
      }
    });
  }

  if (report.errors.length > 0) {
    lines.push('', p.bold(`Errors (${report.errors.length})`));
    for (const e of report.errors) {
      const place = terminalSafe(e.line !== undefined ? `${e.path}:${e.line}:${e.column ?? 1}` : e.path);
      lines.push(`  ${place}  ${p.severity('error', 'error')}  ${terminalSafe(e.message)}`);
    }
  }

  if (options.verbose) lines.push('', ...documentList(report, p));

  if (!options.quiet) {
    const findings = allFindings(report);
    if (findings.length > 0) {
      lines.push('', p.bold(`Findings (${findings.length})`));
      const rows = findings.map((located) => ({
        place: terminalSafe(findingPlace(located)),
        severity: located.finding.severity,
        check: terminalSafe(located.finding.check),
        message: baselineMark(located.finding, p) + terminalSafe(located.finding.message),
      }));
      const placeWidth = Math.max(...rows.map((r) => r.place.length));
      const severityWidth = Math.max(...rows.map((r) => r.severity.length));
      const checkWidth = Math.max(...rows.map((r) => r.check.length));
      for (const r of rows) {
        lines.push(
          `  ${r.place.padEnd(placeWidth)}  ${p.severity(r.severity, r.severity.padEnd(severityWidth))}  ` +
            `${p.dim(r.check.padEnd(checkWidth))}  ${r.message}`,
        );
      }
    } else {
      lines.push('', 'No findings.');
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `--verbose`: every document, its kind (and "stub" when the report says so)
 * and the rule that decided it, worded as the engine words it.
 */
function documentList(report: Report, p: Palette): string[] {
  const docs = [...report.documents].sort((a, b) => compareText(a.path, b.path));
  const heading = p.bold(`Documents (${docs.length})`);
  if (docs.length === 0) return [heading, '  No Markdown documents.'];
  const rows = docs.map((d) => ({
    path: terminalSafe(d.path),
    kind: stubOf(d) ? `${kindLabel(d.kind)}, stub` : kindLabel(d.kind),
    reason: terminalSafe(d.kindReason || 'no reason given'),
  }));
  const pathWidth = Math.max(...rows.map((r) => r.path.length));
  const kindWidth = Math.max(...rows.map((r) => r.kind.length));
  return [
    heading,
    ...rows.map((r) => `  ${r.path.padEnd(pathWidth)}  ${r.kind.padEnd(kindWidth)}  ${p.dim(r.reason)}`),
  ];
}

/** "[new] " or "[known] " before the message of a finding compared with a baseline; new ones stand out. */
function baselineMark(finding: Finding, p: Palette): string {
  if (finding.baseline === 'new') return `${p.bold('[new]')} `;
  return finding.baseline === 'known' ? `${p.dim('[known]')} ` : '';
}

/** Two aligned columns: "Label:  value". */
function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`);
}
