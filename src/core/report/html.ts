/**
 * A single self-contained HTML page: inline CSS, no scripts, no external
 * resources (the Content-Security-Policy says so too, so a missed escape still
 * could not run code). Every string that comes from a document, the rubric or
 * the configuration is escaped with `escapeHtml`; messages and hints render
 * their code spans as `<code>` with the code escaped too (`htmlMessage`).
 */
import type { Report } from './types';
import {
  areaLabel,
  LADDER,
  PROJECT_URL,
  escapeHtml as h,
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
import { htmlMessage } from './inline';
import { rootName } from './shareable';

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --line: #d1d9e0; --accent: #1a7f37;
  --error: #cf222e; --warning: #9a6700; --note: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d;
  --accent: #3fb950; --error: #f85149; --warning: #d29922; --note: #4493f8; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.ladder { display: flex; gap: .4rem; margin: 1rem 0; padding: 0; list-style: none; }
.ladder li { flex: 1; border: 1px solid var(--line); border-radius: 6px; padding: .5rem; text-align: center; color: var(--muted); }
.ladder li.current { border: 2px solid var(--accent); color: var(--fg); font-weight: 600; }
.ladder li.reached { color: var(--fg); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
code, .path { font-family: ui-monospace, monospace; font-size: .92em; overflow-wrap: anywhere; }
.error { color: var(--error); } .warning { color: var(--warning); } .info, .hint { color: var(--note); }
details { margin: .5rem 0; } summary { cursor: pointer; }
`;

/** Renders the report as one HTML page. */
export function formatHtml(report: Report): string {
  const { levels } = report;
  const level = (n: number) => h(levelLabel(report, n));
  const body: string[] = [];

  body.push(`<h1>SOP Maturity: ${h(levelTitle(report, levels.overall))}</h1>`);
  body.push(
    `<p class="muted">${h(report.label)} · as of ${h(report.asOf)} · rubric ${h(report.rubric.title)} ` +
      `(${h(report.rubric.id)}) · folder <span class="path">${h(rootName(report.root))}</span></p>`,
  );

  body.push('<ol class="ladder" aria-label="OML ladder">');
  for (const n of LADDER) {
    const cls = n === levels.overall ? 'current' : n < levels.overall ? 'reached' : '';
    const current = n === levels.overall ? ' aria-current="step"' : '';
    body.push(`<li class="${cls}"${current}>${n}<br>${h(levelName(report, n))}</li>`);
  }
  body.push('</ol>');

  body.push('<h2>Levels</h2><table><tbody>');
  const rows: [string, string][] = [
    ['Overall', `<strong>${level(levels.overall)}</strong>`],
    ['Documentation', level(levels.documentation)],
    ['Process', level(levels.process)],
    [h(WITHIN_REACH_LABEL), level(levels.shadow)],
    ['Points (requirements met)', percent(levels.points)],
    ...Object.entries(levels.areas).map(([area, n]): [string, string] => [`Area: ${h(area)}`, h(areaLabel(report, n))]),
    ...Object.entries(levels.processAreas ?? {}).map(([area, n]): [string, string] => [
      `Business area: ${h(area)}`,
      h(areaLabel(report, n)),
    ]),
  ];
  for (const [label, value] of rows) body.push(`<tr><th scope="row">${label}</th><td>${value}</td></tr>`);
  body.push('</tbody></table>');
  const s = report.summary;
  body.push(
    `<p>${plural(s.documents, 'document')}: ${plural(s.procedures, 'procedure')}, ${plural(s.indexes, 'index', 'indexes')}, ` +
      `${s.other} other · ${plural(s.findings, 'finding')} · ${plural(s.exemptedDocuments, 'document')} with exemptions · ` +
      `central folder <span class="path">${h(report.centralFolder || '.')}</span></p>`,
  );
  if (levels.guard) body.push(`<p><strong>Guard:</strong> ${h(levels.guard)}</p>`);
  if (levels.heldBack) body.push(`<p><strong>Held back:</strong> ${h(levels.heldBack)}</p>`);
  const next = nextLevelLine(report);
  if (next) body.push(`<p><strong>Next level:</strong> ${h(next.summary)}.${next.note ? ` ${h(next.note)}` : ''}</p>`);
  if (report.targets?.length) {
    body.push(
      '<h2>Targets</h2><table><thead><tr><th>Target</th><th>Status</th><th>Where it stands</th></tr></thead><tbody>',
    );
    for (const t of report.targets) {
      const w = targetWords(t);
      body.push(`<tr><td>${h(w.title)}</td><td>${h(w.status)}</td><td>${h(w.now)}: ${h(w.detail)}</td></tr>`);
    }
    body.push('</tbody></table>');
  }

  for (const group of stepsBySide(report)) {
    body.push(`<h2>Blocking ${group.side} level ${group.level} (${h(levelName(report, group.level))})</h2><ul>`);
    for (const step of group.steps) {
      body.push(
        `<li><strong>${h(step.title)}</strong> (${stepKindLabel(step)} <code>${h(step.id)}</code>): ${htmlMessage(stepProgress(step))}</li>`,
      );
    }
    body.push('</ul>');
  }

  if (report.nextSteps.length > 0) {
    body.push('<h2>Next steps</h2><ol>');
    for (const step of report.nextSteps) {
      body.push(
        `<li>${sideName(step.side)} level ${step.level}: <strong>${h(step.title)}</strong>: ${htmlMessage(step.hint)}`,
      );
      if (step.paths.length > 0) {
        body.push(`<details><summary>${htmlMessage(stepProgress(step))}</summary><ul>`);
        for (const p of step.paths) body.push(`<li class="path">${h(p)}</li>`);
        body.push('</ul></details>');
      }
      body.push('</li>');
    }
    body.push('</ol>');
  }

  if (report.traits.length > 0) {
    body.push(
      '<h2>Process coverage</h2><table><thead><tr><th>Level</th><th>Trait</th><th>Area</th><th>Covered by</th></tr></thead><tbody>',
    );
    for (const t of [...report.traits].sort((a, b) => a.level - b.level)) {
      const evidence = t.evidence.map(
        (e) => `<span class="path">${h(e.path)}</span> (“${h(e.matched)}” in ${h(e.field)})`,
      );
      body.push(
        `<tr><td class="num">${t.level}</td><td>${h(t.title)}</td><td>${h(t.area)}</td>` +
          `<td>${t.covered ? evidence.join('<br>') : '<span class="muted">not covered</span>'}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }

  if (report.errors.length > 0) {
    body.push(`<h2>Errors (${report.errors.length})</h2><ul>`);
    for (const e of report.errors) {
      const place = e.line !== undefined ? `${e.path}:${e.line}:${e.column ?? 1}` : e.path;
      body.push(`<li><span class="path">${h(place)}</span>: <span class="error">${htmlMessage(e.message)}</span></li>`);
    }
    body.push('</ul>');
  }

  const groups = findingsByPath(report);
  body.push(`<h2>Findings</h2>`);
  if (groups.size === 0) body.push('<p>No findings.</p>');
  for (const [path, findings] of groups) {
    body.push(`<details open><summary><span class="path">${h(path)}</span> (${findings.length})</summary>`);
    body.push('<table><thead><tr><th>Line</th><th>Severity</th><th>Check</th><th>Message</th></tr></thead><tbody>');
    for (const f of findings) {
      body.push(
        `<tr><td class="num">${lineColumn(path, f)}</td><td class="${f.severity}">${f.severity}</td>` +
          `<td><code>${h(f.check)}</code></td><td>${htmlMessage(f.message)}</td></tr>`,
      );
    }
    body.push('</tbody></table></details>');
  }
  body.push(
    `<p class="muted">Generated by <a href="${h(PROJECT_URL)}">${h(report.tool.name)}</a> ${h(report.tool.version)}.</p>`,
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(`SOP Maturity: ${levelTitle(report, levels.overall)}`)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
