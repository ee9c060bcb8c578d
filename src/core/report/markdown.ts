/**
 * A Markdown report meant for a pull-request comment: the level table, what
 * blocks the next level of each side, next steps, and the findings grouped by
 * file inside a collapsible `<details>`. Every string that comes from a
 * document, the rubric or the configuration goes through `escapeMarkdown`, so
 * a title such as `<img src=x onerror=...>` or `| a | b |` shows as text;
 * messages and hints keep their code spans as code (`markdownMessage`).
 */
import type { Finding, Report } from './types';
import { baselineCounts } from './baseline';
import {
  areaLabel,
  escapeHtml,
  escapeMarkdown as md,
  findingsByPath,
  lineColumn,
  levelLabel,
  levelName,
  levelTitle,
  percent,
  plural,
  sideName,
  stepKindLabel,
  stepProgress,
  stepsBySide,
  nextLevelLine,
  targetWords,
  WITHIN_REACH_LABEL,
} from './common';
import { markdownMessage } from './inline';
import { rootName } from './shareable';

/**
 * GitHub refuses comments over 65,536 characters; beyond this many findings
 * the comment points to the full report instead of listing them all.
 */
export const MAX_FINDING_ROWS = 200;

/** How many paths a next step lists before "and N more". */
const PATHS_SHOWN = 5;

/** "**new** " or "_known_ " before the message of a finding compared with a baseline. */
function baselineMark(finding: Finding): string {
  if (finding.baseline === 'new') return '**new** ';
  return finding.baseline === 'known' ? '_known_ ' : '';
}

/** Renders the report as GitHub-flavoured Markdown; ends with a line break. */
export function formatMarkdown(report: Report): string {
  const { levels } = report;
  const out: string[] = [];
  const level = (n: number) => md(levelLabel(report, n));

  out.push(`## SOP Maturity: ${md(levelTitle(report, levels.overall))}`, '');
  out.push(
    `_${md(report.label)}_ · folder ${md(rootName(report.root))} · as of ${md(report.asOf)} · rubric ${md(report.rubric.title)}`,
    '',
  );

  out.push('| Measure | Level |', '|---|---|');
  out.push(`| **Overall** | **${level(levels.overall)}** |`);
  out.push(`| Documentation | ${level(levels.documentation)} |`);
  out.push(`| Process | ${level(levels.process)} |`);
  out.push(`| ${WITHIN_REACH_LABEL} | ${level(levels.shadow)} |`);
  out.push(`| Points (requirements met) | ${percent(levels.points)} |`);
  for (const [area, n] of Object.entries(levels.areas)) out.push(`| Area: ${md(area)} | ${md(areaLabel(report, n))} |`);
  for (const [area, n] of Object.entries(levels.processAreas ?? {}))
    out.push(`| Business area: ${md(area)} | ${md(areaLabel(report, n))} |`);
  out.push('');

  const s = report.summary;
  out.push(
    `${plural(s.documents, 'document')}: ${plural(s.procedures, 'procedure')}, ${plural(s.indexes, 'index', 'indexes')}, ` +
      `${s.other} other · ${plural(s.findings, 'finding')} · ${plural(s.exemptedDocuments, 'document')} with exemptions`,
    '',
  );
  if (levels.guard) out.push(`> **Guard:** ${md(levels.guard)}`, '');
  if (levels.heldBack) out.push(`> **Held back:** ${md(levels.heldBack)}`, '');
  const next = nextLevelLine(report);
  if (next) out.push(`**Next level:** ${md(next.summary)}.${next.note ? ` ${md(next.note)}` : ''}`, '');
  const compared = baselineCounts(report);
  if (compared.new + compared.known > 0) {
    out.push(`**Compared with the baseline:** ${plural(compared.new, 'new finding')}, ${compared.known} known.`, '');
  }

  if (report.targets?.length) {
    out.push('### Targets', '');
    for (const t of report.targets) {
      const w = targetWords(t);
      const mark = w.status === 'met' ? '✅' : w.status === 'missed' ? '❌' : '⏳';
      out.push(`- ${mark} **${md(w.title)}** (${md(w.now)}): ${md(w.detail)}`);
    }
    out.push('');
  }

  for (const group of stepsBySide(report)) {
    out.push(`### Blocking ${group.side} level ${group.level} (${md(levelName(report, group.level))})`, '');
    for (const step of group.steps) {
      out.push(
        `- **${md(step.title)}** (${stepKindLabel(step)} ${md(step.id)}): ${markdownMessage(stepProgress(step))}`,
      );
    }
    out.push('');
  }

  if (report.nextSteps.length > 0) {
    out.push('### Next steps', '');
    report.nextSteps.forEach((step, i) => {
      out.push(
        `${i + 1}. ${sideName(step.side)} level ${step.level}: **${md(step.title)}**: ${markdownMessage(step.hint)}`,
      );
      if (step.paths.length > 0) {
        const shown = step.paths.slice(0, PATHS_SHOWN).map(md).join(', ');
        const more = step.paths.length > PATHS_SHOWN ? ` and ${step.paths.length - PATHS_SHOWN} more` : '';
        out.push(`   ${markdownMessage(stepProgress(step))}: ${shown}${more}`);
      }
    });
    out.push('');
  }

  if (report.errors.length > 0) {
    out.push(`### Errors (${report.errors.length})`, '');
    for (const e of report.errors) {
      const place = e.line !== undefined ? `${e.path}:${e.line}:${e.column ?? 1}` : e.path;
      out.push(`- ${md(place)}: ${markdownMessage(e.message)}`);
    }
    out.push('');
  }

  const groups = findingsByPath(report);
  const total = [...groups.values()].reduce((sum, findings) => sum + findings.length, 0);
  if (groups.size > 0) {
    out.push(
      `<details><summary>${escapeHtml(`Findings (${total}) in ${plural(groups.size, 'document')}`)}</summary>`,
      '',
    );
    let rows = 0;
    for (const [path, findings] of groups) {
      if (rows >= MAX_FINDING_ROWS) break;
      out.push(`#### ${md(path)}`, '', '| Line | Severity | Check | Message |', '|---:|---|---|---|');
      for (const f of findings) {
        if (rows >= MAX_FINDING_ROWS) break;
        rows++;
        out.push(
          `| ${lineColumn(path, f)} | ${f.severity} | ${md(f.check)} | ${baselineMark(f)}${markdownMessage(f.message, { table: true })} |`,
        );
      }
      out.push('');
    }
    if (rows < total) {
      out.push(
        `_${total - rows} more findings are not listed here: see the full report (\`--format text\` or \`--format sarif\`)._`,
        '',
      );
    }
    out.push('</details>', '');
  }
  return `${out.join('\n')}\n`;
}
