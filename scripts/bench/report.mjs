// The text of `npm run bench`: per-corpus table, editor latencies, growth between sizes, history, the settings and
// commands used, the machine, and the final targets table (each target, the measured figure, met or not). Pure: it
// reads the results object that scripts/bench.mjs writes to bench-results/bench.json.

/** The performance targets. `max`: the figure must be at most this; `below`: strictly below. */
export const TARGETS = {
  coldVsMarkdownlint: { max: 0.4, label: 'cold audit wall / markdownlint-cli2 wall' },
  coldCpuVsMarkdownlint: { max: 0.6, label: 'cold audit CPU / markdownlint-cli2 CPU' },
  coldRssVsMarkdownlint: { max: 1.0, label: 'cold audit peak RSS / markdownlint-cli2 peak RSS' },
  coldRssMb: { max: 450, unit: ' MiB', label: 'cold audit peak RSS' },
  warmVsMarkdownlint: { max: 0.02, label: 'warm audit wall / markdownlint-cli2 wall' },
  jsonBytesPerDocument: { max: 3072, unit: ' B', label: 'JSON report per document (3 KB)' },
  editP95Ms: { below: 25, unit: ' ms', label: 'edit -> report p95, panel closed' },
  panelP95Ms: { below: 50, unit: ' ms', label: 'edit -> report p95, panel open' },
  addP95Ms: { below: 20, unit: ' ms', label: 'add a file p95' },
  removeP95Ms: { below: 20, unit: ' ms', label: 'remove a file p95' },
  renameP95Ms: { below: 20, unit: ' ms', label: 'rename a file p95' },
  history: { max: 3, label: 'history (24 monthly commits) / cold audit of the same tree' },
  editorFirstAudit: { max: 1.5, label: 'editor first audit / CLI cold audit' },
};
/** Growth between sizes: a figure may grow at most 1.1 x the size ratio (5.5x from 10k to 50k). */
const GROWTH_FIGURES = {
  coldSeconds: 'cold wall',
  coldCpuSeconds: 'cold CPU',
  warmSeconds: 'warm wall',
  coldRssMb: 'cold peak RSS',
  editP95Ms: 'edit p95',
};

export function printReport(results, { editorOnly = false } = {}) {
  if (editorOnly) return editorTable(results.editor).join('\n');
  const out = [];
  out.push(...corpusTable(results.corpora), '');
  out.push(...editTable(results.corpora), '');
  out.push(...growthTable(results.growth), '');
  out.push(...historyLines(results.history), '');
  const a = results.activation;
  out.push(
    !a
      ? 'activation: n/a'
      : a.error
        ? `activation: n/a (${a.error})`
        : `activation: ${a.totalMs} ms (require ${a.requireMs} ms + activate ${a.activateMs} ms, median of ${a.runs}); host load (after activation): ${a.hostLoadMs} ms`,
  );
  const v = results.vsix;
  out.push(!v ? 'VSIX: n/a (--no-vsix)' : v.error ? `VSIX: n/a (${v.error})` : `VSIX: ${v.megabytes} MB`);
  out.push(...editorTable(results.editor), '');
  out.push(...settingsLines(results), '');
  const m = results.machine;
  out.push(
    `machine: ${m.cpus} CPUs (${m.cpu}), ${m.memoryGb} GB, node ${m.node}, load ${m.loadBefore.join(' ')} before, ${m.loadAfter?.join(' ') ?? '?'} after; timer: ${m.timeTool}; runs per figure: ${results.runs} (median, interleaved)`,
    '',
  );
  results.targets = targets(results);
  out.push(...targetsTable(results.targets));
  if (results.warning) out.push('', `WARNING: ${results.warning}`);
  return out.join('\n');
}

/* ------------------------------------------------------------- tables */

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) =>
    r
      .map((x, i) => String(x ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}

const show = (x) => (x === undefined || x === null || Number.isNaN(x) ? '-' : x);

function corpusTable(corpora) {
  const against = corpora.some((c) => c.tools.against);
  const rows = [
    [
      'corpus',
      'files',
      'MB',
      'read s',
      'cold s',
      'cold CPU s',
      'warm s',
      'mdl s',
      'mdl CPU s',
      'cold/mdl',
      'CPU/mdl CPU',
      'warm/mdl',
      'warm/read',
      'RSS MiB read/cold/warm/mdl',
      'cold RSS/mdl',
      'JSON B/doc',
      ...(against ? ['other s', 'cold/other'] : []),
      'load1 during',
    ],
  ];
  for (const c of corpora) {
    const t = c.tools;
    rows.push([
      c.name,
      c.files,
      c.megabytes,
      t.read.seconds,
      t.cold.seconds,
      show(t.cold.cpuSeconds),
      t.warm.seconds,
      show(t.markdownlint?.seconds),
      show(t.markdownlint?.cpuSeconds),
      show(c.ratios.coldVsMarkdownlint),
      show(c.ratios.coldCpuVsMarkdownlintCpu),
      show(c.ratios.warmVsMarkdownlint),
      show(c.ratios.warmVsReadFloor),
      [t.read, t.cold, t.warm, t.markdownlint].map((x) => x?.rssMb ?? '-').join('/'),
      show(c.ratios.coldRssVsMarkdownlint),
      show(c.json?.bytesPerDocument),
      ...(against ? [show(t.against?.seconds), show(c.ratios.coldVsAgainst)] : []),
      c.load1DuringRuns.join(' '),
    ]);
  }
  return [
    'audits (wall and CPU = user+sys of the whole process; "-": markdownlint-cli2 not run above --mdl-max):',
    ...table(rows),
  ];
}

function editTable(corpora) {
  const withEdit = corpora.filter((c) => c.edit);
  if (withEdit.length === 0) return ['editor latency: n/a (--no-edit)'];
  const rows = [
    [
      'corpus',
      'docs',
      'load ms',
      '1st report ms',
      'edit p50/p95/max ms',
      'panel open p50/p95 ms',
      'message',
      'add p50/p95',
      'remove p50/p95',
      'rename p50/p95',
    ],
  ];
  for (const c of withEdit) {
    const e = c.edit;
    if (e.error) {
      rows.push([c.name, '', '', '', `error: ${e.error}`]);
      continue;
    }
    rows.push([
      c.name,
      e.documents,
      show(e.loadFromCacheMs),
      show(e.firstReportMs),
      `${e.p50Ms}/${e.p95Ms}/${e.maxMs}`,
      `${show(e.panelP50Ms)}/${show(e.panelP95Ms)}`,
      e.panelMessageBytes === undefined ? '-' : `${e.panelMessageBytes} B (${e.panelMessage})`,
      `${show(e.addP50Ms)}/${show(e.addP95Ms)}`,
      `${show(e.removeP50Ms)}/${show(e.removeP95Ms)}`,
      `${show(e.renameP50Ms)}/${show(e.renameP95Ms)}`,
    ]);
  }
  return [
    'editor latency, change -> report in a warm workspace (targets p95: edit < 25 ms closed, < 50 ms with the panel open; add/remove/rename < 20 ms):',
    ...table(rows),
    ...withEdit
      .filter((c) => c.edit.deltaError)
      .map(
        (c) =>
          `  ${c.name}: the report-delta module failed (${c.edit.deltaError.slice(0, 160)}); measured with the whole report`,
      ),
  ];
}

function growthTable(growth) {
  if (!growth || Object.keys(growth).length === 0) return ['growth: n/a (no generated corpora)'];
  const out = [
    'growth with corpus size (each figure, and its ratio to the size before; target: at most 1.1 x the size ratio, 5.5x from 10k to 50k):',
  ];
  const rows = [['kind', 'size', 'cold s', 'cold CPU s', 'warm s', 'cold RSS MiB', 'edit p95 ms', 'panel p95 ms']];
  for (const [kind, g] of Object.entries(growth)) {
    for (const s of g.sizes)
      rows.push([
        kind,
        s.size,
        show(s.coldSeconds),
        show(s.coldCpuSeconds),
        show(s.warmSeconds),
        show(s.coldRssMb),
        show(s.editP95Ms),
        show(s.panelP95Ms),
      ]);
    for (const st of g.steps) {
      const x = (v) => (v === undefined ? '-' : `${v}x`);
      rows.push([
        kind,
        `${st.to}/${st.from} (max ${st.target}x)`,
        x(st.coldSeconds),
        x(st.coldCpuSeconds),
        x(st.warmSeconds),
        x(st.coldRssMb),
        x(st.editP95Ms),
        x(st.panelP95Ms),
      ]);
    }
  }
  out.push(...table(rows));
  return out;
}

function historyLines(h) {
  if (!h) return ['history: n/a (--no-history)'];
  return [
    `history over ${h.files} files, ${h.commits} monthly commits (${h.samples ?? '?'} samples): ${h.history.seconds} s (CPU ${show(h.history.cpuSeconds)} s, peak ${show(h.history.rssMb)} MiB${h.history.exit ? `, exit ${h.history.exit}` : ''}); cold audit of the same tree ${h.cold.seconds} s (CPU ${show(h.cold.cpuSeconds)} s, peak ${show(h.cold.rssMb)} MiB); history/cold ${show(h.ratio)} (target <= 3)`,
  ];
}

export function editorTable(rows) {
  if (!rows) return ['editor first audit: n/a (--no-editor)'];
  const lines = [
    'editor first audit (activation -> first diagnostics, real VS Code) vs CLI cold audit (whole process), target editor/CLI <= 1.5:',
  ];
  for (const r of rows) {
    lines.push(
      r.error
        ? `  ${r.name} (${r.files} files): ${r.error}; CLI ${r.cliMs} ms`
        : `  ${r.name} (${r.files} files): editor ${r.editorMs} ms (host start -> diagnostics ${r.hostStartToDiagnosticsMs} ms), CLI ${r.cliMs} ms, editor/CLI ${r.ratio}`,
    );
  }
  return lines;
}

function settingsLines(results) {
  const s = results.settings;
  if (!s) return [];
  return [
    `settings: runs ${s.runs} (median, interleaved), sizes ${s.sizes.join(',') || 'none'}, kinds ${s.kinds.join(',')}, markdownlint-cli2 up to ${s.mdlMax} files, history over ${s.historySize ?? 'n/a'} files, as-of ${s.asOf}; every process timed by ${s.timer}`,
    'commands:',
    ...Object.entries(s.commands).map(([k, v]) => `  ${k}: ${v}`),
  ];
}

/* ------------------------------------------------------------- targets */

/** Per group (corpus kind, or a folder's name), the largest corpus markdownlint-cli2 ran on (else the largest). */
function referenceCorpora(corpora) {
  const groups = new Map();
  for (const c of corpora) {
    const key = c.kind ?? c.name;
    const best = groups.get(key);
    const score = (x) => (x.tools.markdownlint ? 1e12 : 0) + x.files;
    if (!best || score(c) > score(best)) groups.set(key, c);
  }
  return [...groups.values()];
}

function verdict(t, value) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  return (t.max !== undefined ? value <= t.max : value < t.below) ? 'met' : 'NOT MET';
}

function row(key, where, value, target = TARGETS[key]) {
  const limit = t(target);
  return { target: target.label, where, value: value ?? null, limit, met: verdict(target, value) };
  function t(x) {
    return x.max !== undefined ? `<= ${x.max}${x.unit ?? ''}` : `< ${x.below}${x.unit ?? ''}`;
  }
}

export function targets(results) {
  const rows = [];
  for (const c of referenceCorpora(results.corpora ?? [])) {
    const where = `${c.name} (${c.files} files)`;
    rows.push(row('coldVsMarkdownlint', where, c.ratios.coldVsMarkdownlint));
    rows.push(row('coldCpuVsMarkdownlint', where, c.ratios.coldCpuVsMarkdownlintCpu));
    rows.push(row('coldRssVsMarkdownlint', where, c.ratios.coldRssVsMarkdownlint));
    rows.push(row('coldRssMb', where, c.tools.cold.rssMb));
    rows.push(row('warmVsMarkdownlint', where, c.ratios.warmVsMarkdownlint));
    rows.push(row('jsonBytesPerDocument', where, c.json?.bytesPerDocument));
    for (const k of ['editP95Ms', 'panelP95Ms', 'addP95Ms', 'removeP95Ms', 'renameP95Ms'])
      rows.push(row(k, where, c.edit?.[k.replace('editP95Ms', 'p95Ms')]));
  }
  for (const [kind, g] of Object.entries(results.growth ?? {})) {
    const st = g.steps[g.steps.length - 1];
    if (!st) continue;
    for (const [k, label] of Object.entries(GROWTH_FIGURES))
      rows.push(
        row(k, `${kind} ${st.to}/${st.from}`, st[k], { max: st.target, unit: 'x', label: `growth of ${label}` }),
      );
  }
  const h = results.history;
  if (h) rows.push(row('history', `history-${h.files} (${h.commits} commits)`, h.ratio));
  for (const e of results.editor ?? []) if (!e.error) rows.push(row('editorFirstAudit', e.name, e.ratio));
  return rows;
}

function targetsTable(rows) {
  if (rows.length === 0) return ['targets: nothing measured'];
  const met = rows.filter((r) => r.met === 'met').length;
  const missed = rows.filter((r) => r.met === 'NOT MET').length;
  return [
    `targets (${met} met, ${missed} not met, ${rows.length - met - missed} not measured):`,
    ...table([
      ['target', 'measured on', 'figure', 'target', 'met'],
      ...rows.map((r) => [r.target, r.where, show(r.value), r.limit, r.met]),
    ]),
  ];
}
