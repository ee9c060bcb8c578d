/**
 * What the panel and the SOP explorer cost per edit at 10,000 documents: edit one procedure of the
 * synthetic corpus in a `Workspace` (as `scripts/bench.mjs --edit` does), then time
 *
 * - the panel's message: `diffReports(prev, next)` and `JSON.stringify` of the `reportDelta` message, and its size
 *   in bytes (against the whole report the panel used to receive);
 * - the explorer: the incremental grouping (`ProcedureGrouping.update`) against grouping from scratch
 *   (`groupProcedures` + `groupsSignature`).
 *
 * Usage: node test/perf/panel-delta.mjs [corpus dir] [edits]
 * (default `.cache/bench/synthetic-10000`, 40 measured edits after 3 warm-up ones). Builds its own bundle of
 * src/core, src/node, src/shared/reportDelta.ts and src/extension/explorerModel.ts into `.cache/panel-delta/`, and
 * keeps the parsed facts there so that later runs load fast.
 */
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, '.cache', 'panel-delta');
const BUNDLE = join(OUT, 'bundle.cjs');
const AS_OF = '2026-11-23';
const corpus = resolve(process.argv[2] ?? join(ROOT, '.cache', 'bench', 'synthetic-10000'));
const measured = Number(process.argv[3] ?? 40);

mkdirSync(OUT, { recursive: true });
const require = createRequire(join(ROOT, 'package.json'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
await require('esbuild').build({
  stdin: {
    contents: [
      "export * from './src/core/index.ts';",
      "export * from './src/node/index.ts';",
      "export * from './src/shared/reportDelta.ts';",
      "export * from './src/extension/explorerModel.ts';",
    ].join('\n'),
    resolveDir: ROOT,
    loader: 'ts',
  },
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { __SOP_MATURITY_VERSION__: JSON.stringify(pkg.version) },
  loader: { '.yaml': 'text', '.json': 'json' },
  logLevel: 'warning',
});
const lib = createRequire(import.meta.url)(BUNDLE);

const cache = new lib.FileFactCache(lib.FileFactCache.fileFor(join(OUT, 'facts'), corpus));
const ws = new lib.Workspace({
  root: corpus,
  config: lib.defaultConfig(),
  rubric: lib.loadBuiltinRubric(),
  asOf: AS_OF,
  cache,
  fileExists: (p) => existsSync(join(corpus, p)),
});
const texts = new Map();
(function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') walk(abs);
    } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) {
      const rel = abs
        .slice(corpus.length + 1)
        .split('\\')
        .join('/');
      const text = readFileSync(abs, 'utf8');
      texts.set(rel, text);
      ws.setFile(rel, text);
    }
  }
})(corpus);
let prev = ws.report();
cache.save();

// The procedure nearest 5,000 characters, as in scripts/bench.mjs.
let target;
for (const [path, text] of texts) {
  if (ws.document(path)?.kind !== 'procedure') continue;
  if (!target || Math.abs(text.length - 5000) < Math.abs(texts.get(target).length - 5000)) target = path;
}
const original = texts.get(target);
const area = (p) => ws.document(p)?.meta?.category;
const grouping = new lib.ProcedureGrouping('status', area);
grouping.update(prev);

const t0 = performance.now();
const full = Buffer.byteLength(JSON.stringify({ type: 'report', report: prev, version: 1 }));
const fullMs = performance.now() - t0;
const samples = {
  engine: [],
  delta: [],
  deltaCpu: [],
  total: [],
  bytes: [],
  docs: [],
  groupIncremental: [],
  groupIncrementalCpu: [],
  groupScratch: [],
  groupScratchCpu: [],
};
/** CPU milliseconds of this process since `since` (a `process.cpuUsage()`): on a loaded machine, closer to what the
 * work costs than the wall clock. */
const cpuMs = (since) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
for (let i = 0; i < measured + 3; i++) {
  // Every edit is new text (a real parse) as in scripts/bench.mjs, and renames the procedure, so that its document
  // report and its review item change (an edit that changes nothing the report says sends an empty delta).
  const toggled = i % 2 === 0 ? original.replace('- [ ]', '- [x]') : original;
  const text = `${toggled.replace(/^title: (.*)$/m, `title: $1 (edit ${i})`)}\nEdited line ${i}.\n`;
  let t = performance.now();
  ws.setFile(target, text);
  const next = ws.report();
  const engine = performance.now() - t;
  t = performance.now();
  let c = process.cpuUsage();
  const delta = lib.diffReports(prev, next);
  const message = JSON.stringify({ type: 'reportDelta', base: i + 1, version: i + 2, delta });
  const deltaMs = performance.now() - t;
  const deltaCpu = cpuMs(c);
  t = performance.now();
  c = process.cpuUsage();
  grouping.update(next);
  const incremental = performance.now() - t;
  const incrementalCpu = cpuMs(c);
  t = performance.now();
  c = process.cpuUsage();
  lib.groupsSignature(lib.groupProcedures(next, 'status', area));
  const scratch = performance.now() - t;
  const scratchCpu = cpuMs(c);
  if (i >= 3) {
    samples.engine.push(engine);
    samples.delta.push(deltaMs);
    samples.deltaCpu.push(deltaCpu);
    samples.groupIncrementalCpu.push(incrementalCpu);
    samples.groupScratchCpu.push(scratchCpu);
    samples.total.push(engine + deltaMs);
    samples.bytes.push(Buffer.byteLength(message));
    samples.docs.push(lib.deltaDocumentPaths(prev, delta).length);
    samples.groupIncremental.push(incremental);
    samples.groupScratch.push(scratch);
  }
  prev = next;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2));
};
const stats = (xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95), max: pct(xs, 100) });
process.stdout.write(
  `${JSON.stringify(
    {
      corpus,
      documents: prev.summary.documents,
      procedures: prev.summary.procedures,
      edited: target,
      edits: samples.delta.length,
      engineEditMs: stats(samples.engine),
      deltaBuildAndStringifyMs: stats(samples.delta),
      deltaBuildAndStringifyCpuMs: stats(samples.deltaCpu),
      editToDeltaMessageMs: stats(samples.total),
      deltaMessageBytes: stats(samples.bytes),
      documentsInDelta: stats(samples.docs),
      fullReportMessageBytes: full,
      fullReportStringifyMs: Number(fullMs.toFixed(1)),
      explorerIncrementalMs: stats(samples.groupIncremental),
      explorerIncrementalCpuMs: stats(samples.groupIncrementalCpu),
      explorerFromScratchMs: stats(samples.groupScratch),
      explorerFromScratchCpuMs: stats(samples.groupScratchCpu),
      loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
    },
    null,
    2,
  )}\n`,
);
