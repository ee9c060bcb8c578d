// The editor-latency part of the benchmark, in the calling process: a warm
// `Workspace` of a whole corpus (facts from the fact cache when it holds them,
// as an editor has them after its first audit), then the time from a change to
// its report for the changes an editor makes: an edit of a procedure (with and
// without the panel open), a new file, a deleted one, a renamed one.
//
// Every change is new text or a new path, so each one really parses. The
// main benchmark runs it in a child process with a big heap
// (`editor-child.mjs`); it can also be imported and called directly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** Edits measured after the warm-up ones; fewer when each takes long (never fewer than `MIN_RUNS`). */
const RUNS = 40;
const WARM_UP = 3;
const MIN_RUNS = 8;
/** Measured adds, removes and renames (each). */
const FILE_RUNS = 40;

/**
 * Loads `root` into a `Workspace` of the core bundle and times, each
 * followed by `report()`: edits of a ~5 KB procedure, the same with the
 * panel's message built and serialised, adding a procedure file, removing
 * it, and renaming one (the path removed and the text set at a new path, as
 * the extension does on a rename). Returns JSON-able figures.
 *
 * @param {object} o
 * @param {string} o.coreBundle CommonJS bundle of src/core and src/node (`buildCoreBundle` of scripts/bench.mjs).
 * @param {string} o.root the corpus folder.
 * @param {string} o.cacheDir fact-cache folder (`FileFactCache.fileFor(cacheDir, root)`).
 * @param {string} o.asOf audit date (ISO day).
 * @param {string} [o.deltaModule] CommonJS bundle of src/shared/reportDelta.ts (`diffReports`); without: the
 *   panel message is the whole report.
 * @param {number} [o.timeCapMs] stop measuring a kind of change after this long (at least `MIN_RUNS` each).
 * @param {boolean} [o.saveCache] write the fact cache after loading (so that the next run loads without parsing).
 */
export async function editorLatency({
  coreBundle,
  root,
  cacheDir,
  asOf,
  deltaModule,
  timeCapMs = 90_000,
  saveCache = false,
}) {
  root = resolve(root);
  const core = require(resolve(coreBundle));
  const diffReports = deltaModule ? require(resolve(deltaModule)).diffReports : undefined;
  if (deltaModule && typeof diffReports !== 'function') throw new Error(`${deltaModule} exports no diffReports`);
  const rubric = core.loadBuiltinRubric();
  const config = core.defaultConfig();
  const cache = new core.FileFactCache(core.FileFactCache.fileFor(cacheDir, root));
  const ws = new core.Workspace({
    root,
    config,
    rubric,
    asOf,
    cache,
    fileExists: (p) => existsSync(join(root, p)),
  });

  const texts = new Map();
  let t = performance.now();
  walkMarkdown(root, (abs) => {
    const rel = abs
      .slice(root.length + 1)
      .split('\\')
      .join('/');
    const text = readFileSync(abs, 'utf8');
    texts.set(rel, text);
    ws.setFile(rel, text);
  });
  const loadMs = performance.now() - t;
  t = performance.now();
  let report = ws.report();
  const firstReportMs = performance.now() - t;
  if (saveCache) cache.save();

  // The procedure of about 5 KB the edits change (as a person edits one runbook).
  let target;
  for (const [path, text] of texts) {
    if (ws.document(path)?.kind !== 'procedure') continue;
    if (!target || Math.abs(text.length - 5000) < Math.abs(texts.get(target).length - 5000)) target = path;
  }
  if (!target) throw new Error(`${root}: no procedure to edit`);
  const original = texts.get(target);

  // Edits: every one is new text (so a real parse), every other one toggles a checklist item.
  const edit = [];
  const editCpu = [];
  const panel = [];
  const messageBytes = [];
  let started = performance.now();
  for (let i = 0; i < RUNS + WARM_UP && (i < WARM_UP + MIN_RUNS || performance.now() - started < timeCapMs); i++) {
    const toggled = i % 2 === 0 ? original.replace('- [ ]', '- [x]') : original;
    const text = `${toggled}\nEdited line ${i}.\n`;
    const prev = report;
    const cpu = process.cpuUsage();
    const start = performance.now();
    ws.setFile(target, text);
    report = ws.report();
    const reported = performance.now();
    const cpuReported = cpuMs(cpu);
    const message = panelMessage(diffReports, prev, report, i);
    const sent = performance.now();
    if (i >= WARM_UP) {
      edit.push(reported - start);
      editCpu.push(cpuReported);
      panel.push(sent - start);
      messageBytes.push(Buffer.byteLength(message));
    }
  }
  ws.setFile(target, original);
  report = ws.report();

  // New files, next to the edited one: add one (new path, new text), then remove it.
  const folder = target.includes('/') ? target.slice(0, target.lastIndexOf('/') + 1) : '';
  const add = [];
  const remove = [];
  const addCpu = [];
  const removeCpu = [];
  started = performance.now();
  for (let i = 0; i < FILE_RUNS + WARM_UP && (i < WARM_UP + MIN_RUNS || performance.now() - started < timeCapMs); i++) {
    const path = `${folder}bench-added-${i}.md`;
    const text = `${original}\nAdded copy ${i}.\n`;
    let cpu = process.cpuUsage();
    let start = performance.now();
    ws.setFile(path, text);
    ws.report();
    const added = performance.now() - start;
    const addedCpu = cpuMs(cpu);
    cpu = process.cpuUsage();
    start = performance.now();
    ws.removeFile(path);
    ws.report();
    const removed = performance.now() - start;
    const removedCpu = cpuMs(cpu);
    if (i >= WARM_UP) {
      add.push(added);
      remove.push(removed);
      addCpu.push(addedCpu);
      removeCpu.push(removedCpu);
    }
  }

  // Renames: the target moves to a new name each time (the old path removed, the same text set at the new one).
  const rename = [];
  const renameCpu = [];
  let current = target;
  started = performance.now();
  for (let i = 0; i < FILE_RUNS + WARM_UP && (i < WARM_UP + MIN_RUNS || performance.now() - started < timeCapMs); i++) {
    const next = `${folder}bench-renamed-${i}.md`;
    const cpu = process.cpuUsage();
    const start = performance.now();
    ws.removeFile(current);
    ws.setFile(next, original);
    report = ws.report();
    if (i >= WARM_UP) {
      rename.push(performance.now() - start);
      renameCpu.push(cpuMs(cpu));
    }
    current = next;
  }

  // The panel's message after changes that do change the report (untimed): a file added, then removed.
  const changeBytes = [];
  for (let i = 0; i < 3; i++) {
    const path = `${folder}bench-panel-${i}.md`;
    for (const change of [() => ws.setFile(path, `${original}\nPanel copy ${i}.\n`), () => ws.removeFile(path)]) {
      const prev = report;
      change();
      report = ws.report();
      changeBytes.push(Buffer.byteLength(panelMessage(diffReports, prev, report, 1)));
    }
  }

  return {
    documents: report.summary.documents,
    procedures: report.summary.procedures,
    centralFolder: report.centralFolder,
    edited: target,
    editedChars: original.length,
    loadFromCacheMs: Math.round(loadMs),
    firstReportMs: Math.round(firstReportMs),
    edits: edit.length,
    p50Ms: percentile(edit, 50),
    p95Ms: percentile(edit, 95),
    maxMs: percentile(edit, 100),
    panelMessage: diffReports ? 'delta' : 'whole report',
    panelP50Ms: percentile(panel, 50),
    panelP95Ms: percentile(panel, 95),
    panelMessageBytes: Math.round(median(messageBytes)),
    // Edits after which the panel posts anything (a delta is posted only when what the panel shows changed).
    panelMessagesSent: messageBytes.filter((n) => n > 0).length,
    // The panel's message after a file is added or removed (median).
    panelChangeMessageBytes: Math.round(median(changeBytes)),
    fileChanges: add.length,
    addP50Ms: percentile(add, 50),
    addP95Ms: percentile(add, 95),
    removeP50Ms: percentile(remove, 50),
    removeP95Ms: percentile(remove, 95),
    renames: rename.length,
    renameP50Ms: percentile(rename, 50),
    renameP95Ms: percentile(rename, 95),
    // The same changes in CPU time of this process (user and system): steadier than wall time on a busy machine.
    cpu: {
      p50Ms: percentile(editCpu, 50),
      p95Ms: percentile(editCpu, 95),
      addP50Ms: percentile(addCpu, 50),
      addP95Ms: percentile(addCpu, 95),
      removeP50Ms: percentile(removeCpu, 50),
      removeP95Ms: percentile(removeCpu, 95),
      renameP50Ms: percentile(renameCpu, 50),
      renameP95Ms: percentile(renameCpu, 95),
    },
  };
}

/**
 * The message the panel posts for `next` (src/extension/panel.ts), as text: the delta from `prev` when there is a
 * `diffReports` ('' when nothing the panel shows changed: nothing is posted), else the whole report.
 */
function panelMessage(diffReports, prev, next, version) {
  if (!diffReports) return JSON.stringify({ type: 'report', report: next, version });
  const delta = diffReports(prev, next);
  return delta === undefined ? '' : JSON.stringify({ type: 'reportDelta', base: version - 1, version, delta });
}

/** CPU time (user and system, ms) this process used since `since` (a `process.cpuUsage()`). */
function cpuMs(since) {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

/** The nearest-rank percentile `p` (0-100) of `samples`, to 0.1 ms. */
function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Number(sorted[i].toFixed(1));
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Every Markdown file below `dir` (as scripts/bench.mjs walks it). */
function walkMarkdown(dir, visit) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') walkMarkdown(abs, visit);
    } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) visit(abs);
  }
}
