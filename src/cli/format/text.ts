/**
 * The terminal report: a header, the OML ladder with the current level
 * marked, the levels, what blocks the next level, next steps, engine errors
 * and then one aligned line per finding (`path:line:col  severity  check  message`).
 */
import type { Finding, Report, Severity } from '../../core/types';
import { baselineCounts } from '../../core/baseline';
import {
  LADDER,
  allFindings,
  findingPlace,
  levelLabel,
  levelName,
  nextLevel,
  percent,
  plural,
  stepKindLabel,
  stepProgress,
  stepsByLevel,
  terminalSafe,
} from './common';

export interface TextOptions {
  /** Use ANSI colours (decide with `shouldUseColor`). */
  color: boolean;
  /** Only the summary lines and errors. */
  quiet: boolean;
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
  const sgr = (open: number, close: number): Paint =>
    color ? (t) => `\u001b[${open}m${t}\u001b[${close}m` : (t) => t;
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
  const name = (level: number) => levelLabel(report, level, ' ');

  if (!options.quiet) {
    lines.push(p.bold(`${report.tool.name} ${report.tool.version}`) + ` — ${report.label}`);
    lines.push(...table([
      ['Root', terminalSafe(report.root)],
      ['As of', report.asOf],
      ['Rubric', terminalSafe(`${report.rubric.title} (${report.rubric.id}, ${report.rubric.source})`)],
      ['Central folder', terminalSafe(`${report.centralFolder || '.'} (${report.centralFolderSource})`)],
    ]));
    lines.push('');
    for (const level of [...LADDER].reverse()) {
      const rung = `${level} ${levelName(report, level)}`;
      lines.push(level === report.levels.overall ? p.green(p.bold(`  ▶ ${rung}  ← overall level`)) : p.dim(`    ${rung}`));
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
      ['Shadow level', `${name(report.levels.shadow)} (if only the blockers of the next level were fixed)`],
      ['Points', `${percent(report.levels.points)} of all requirements met`],
      [
        'Documents',
        `${report.summary.documents} (${plural(report.summary.procedures, 'procedure')}, ` +
          `${plural(report.summary.indexes, 'index', 'indexes')}, ${report.summary.other} other), ` +
          `${plural(report.summary.findings, 'finding')}`,
      ],
    );
    const areas = Object.entries(report.levels.areas);
    if (areas.length > 0) summary.push(['Areas', terminalSafe(areas.map(([area, level]) => `${area} ${level}`).join(' · '))]);
    const business = Object.entries(report.levels.processAreas ?? {});
    if (business.length > 0) summary.push(['Business areas', terminalSafe(business.map(([area, level]) => `${area} ${level}`).join(' · '))]);
    if (report.summary.skipped > 0) summary.push(['Skipped', plural(report.summary.skipped, 'document')]);
    summary.push(['Exemptions', `used by ${plural(report.summary.exemptedDocuments, 'document')}`]);
  }
  if (report.levels.guard) summary.push(['Guard', terminalSafe(report.levels.guard)]);
  const compared = baselineCounts(report);
  if (compared.new + compared.known > 0) summary.push(['Baseline', `${compared.new} new, ${plural(compared.known, 'known finding')}`]);
  const upcoming = nextLevel(report);
  const byLevel = stepsByLevel(report);
  const blocking = upcoming === undefined ? undefined : byLevel.get(upcoming);
  if (upcoming !== undefined && blocking && blocking.length > 0) {
    const ids = blocking.map((s) => (s.kind === 'check' ? s.id : `${s.id} (${stepKindLabel(s)})`));
    summary.push([`Blocking level ${upcoming}`, terminalSafe(ids.join(', '))]);
  }
  lines.push(...table(summary));

  if (!options.quiet && report.nextSteps.length > 0) {
    lines.push('', p.bold('Next steps'));
    let n = 0;
    for (const [level, steps] of byLevel) {
      for (const step of steps) {
        n++;
        lines.push(`  ${n}. [level ${level}] ${terminalSafe(step.title)} (${stepKindLabel(step)} ${step.id}): ${terminalSafe(stepProgress(step))}`);
        if (step.paths.length > 0) {
          const shown = step.paths.slice(0, PATHS_SHOWN).map(terminalSafe).join(', ');
          const more = step.paths.length > PATHS_SHOWN ? ` and ${step.paths.length - PATHS_SHOWN} more` : '';
          lines.push(p.dim(`     ${shown}${more}`));
        }
      }
    }
  }

  if (report.errors.length > 0) {
    lines.push('', p.bold(`Errors (${report.errors.length})`));
    for (const e of report.errors) {
      const place = terminalSafe(e.line !== undefined ? `${e.path}:${e.line}:${e.column ?? 1}` : e.path);
      lines.push(`  ${place}  ${p.severity('error', 'error')}  ${terminalSafe(e.message)}`);
    }
  }

  if (!options.quiet) {
    const findings = allFindings(report);
    if (findings.length > 0) {
      lines.push('', p.bold(`Findings (${findings.length})`));
      const rows = findings.map((located) => ({
        place: terminalSafe(findingPlace(located)),
        severity: located.finding.severity,
        check: located.finding.check,
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
