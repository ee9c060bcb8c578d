// `npm run bench`: every figure of the performance targets, next to
// markdownlint-cli2 on the same files. Not a test: it prints tables, a final
// "targets" table (each target, the measured figure, met or not) and writes
// bench-results/bench.json.
//
//   node scripts/bench.mjs [DIR | synthetic-N | shapes-N ...] [--sizes 1000,10000,50000|none]
//     [--kinds synthetic,shapes] [--runs N] [--mdl-max N] [--history-size N | --no-history]
//     [--no-edit] [--no-vsix] [--corpora] [--against CLI.js] [--no-editor | --editor-only]
//
// Corpora. Without DIR it benchmarks generated SOP corpora (seeded, written once under .cache/bench/<kind>-<n>) of
// two kinds at every size of --sizes (default 1,000, 10,000 and 50,000): `synthetic` (scripts/bench/corpus.mjs,
// prose runbooks of 5-8 KB) and `shapes` (scripts/bench/corpus2.mjs: long tables, lists nested 4-6 deep, dozens of
// links, heavy front matter); --kinds picks among them, and a name such as `shapes-10000` as an argument benchmarks
// that one corpus. With DIR that folder; --corpora also unpacks and benchmarks the archives in ../shared/corpora.
//
// Per corpus, each figure the median of --runs whole-process runs, interleaved so that background load spreads
// evenly over the tools: the raw read floor, our cold audit (--no-cache), our warm audit (cache populated) and
// markdownlint-cli2 (only up to --mdl-max files, default 10,000: it is slow), each with wall time, CPU time (user +
// sys of the whole process, from /usr/bin/time) and peak RSS; the size of the JSON report per document (one run
// written to a file); the editor's latencies (scripts/bench/editor-child.mjs in a child with an 8 GB heap: edit,
// edit with the panel open, add, remove, rename); growth between sizes. Then `sop-maturity history --every month
// --since 24.months` over a repository of 24 monthly commits growing to the synthetic corpus of --history-size
// files (default 10,000; scripts/bench/history.mjs, built once under .cache/bench/history-<n>) beside the cold
// audit of the same tree.
//
// The editor's first audit: examples/ and the synthetic corpora of at most 1,000 files are opened in a real VS Code
// (code-server, scripts/e2e/bench.mjs, a fresh profile each run) and the time from the extension's activation to
// its first published diagnostics is set beside the CLI's cold audit of the same folder (target: at most 1.5x).
// --no-editor leaves it out, --editor-only prints only it. Expects the production bundles (`npm run bench` builds
// them first). --against times another build's dist/cli.js cold on the same corpora (for example a worktree of the
// last release), so that a change's cost shows as a ratio. --no-vsix skips packaging the VSIX.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  closeSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './bench/corpus.mjs';
import { ensureShapesCorpus } from './bench/corpus2.mjs';
import { ensureHistoryRepo } from './bench/history.mjs';
import { printReport } from './bench/report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.cache', 'bench');
const TOOLS = join(ROOT, '.cache', 'bench-tools');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXTENSION = join(ROOT, 'dist', 'extension.js');
const HOST = join(ROOT, 'dist', 'host.js');
const CORE_BUNDLE = join(CACHE, 'core.cjs');
const DELTA_SOURCE = join(ROOT, 'src', 'shared', 'reportDelta.ts');
const DELTA_BUNDLE = join(CACHE, 'report-delta.cjs');
const EDITOR_CHILD = join(ROOT, 'scripts', 'bench', 'editor-child.mjs');
const SELF = fileURLToPath(import.meta.url);
const AS_OF = '2026-11-23';
const TIME = '/usr/bin/time';
const HISTORY_ARGS = ['--every', 'month', '--since', '24.months'];
/** The generated corpus kinds: their writers. */
const KINDS = { synthetic: ensureCorpus, shapes: ensureShapesCorpus };

const mode = process.argv[2];
if (mode === '--read-floor') readFloor(process.argv[3]);
else if (mode === '--activation') await activation();
else await main(process.argv.slice(2));

/* ------------------------------------------------------------- orchestration */

async function main(argv) {
  const args = parseArgs(argv);
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run bench` (it builds the bundles first).');
  const cliBuilt = statSync(CLI).mtimeMs;
  const markdownlint = ensureMarkdownlint();
  await buildCoreBundle();
  const deltaModule = await buildDeltaBundle();

  // The editor's first audit alone needs only the small synthetic corpora: the big ones are not generated for it.
  if (args.editorOnly) args.generated = args.generated.filter((g) => g.kind === 'synthetic' && g.size <= 1000);
  const corpora = [];
  for (const d of args.dirs) corpora.push({ name: basename(resolve(d)), dir: resolve(d) });
  for (const { kind, size } of args.generated) corpora.push(generated(kind, size));
  if (args.corpora) corpora.push(...unpackCorpora());

  const results = {
    machine: machine(),
    runs: args.runs,
    settings: undefined,
    corpora: [],
    growth: undefined,
    history: undefined,
    edit: undefined,
    activation: undefined,
    vsix: undefined,
    editor: undefined,
    targets: undefined,
  };
  if (args.editor) {
    log('\neditor first audit (real VS Code) vs CLI cold');
    results.editor = benchEditor(
      [
        { name: 'examples', dir: join(ROOT, 'examples') },
        ...corpora.filter((c) => !c.kind || (c.kind === 'synthetic' && c.size <= 1000)),
      ],
      args.runs,
    );
  }
  if (args.editorOnly) {
    process.stdout.write(`\n${printReport(results, { editorOnly: true })}\n`);
    return;
  }
  results.settings = settings(args, markdownlint, deltaModule);
  for (const c of corpora) {
    log(`\n${c.name}: ${c.dir}`);
    const out = benchCorpus(c, markdownlint, args);
    if (args.edit) {
      log('  editor latency (scripts/bench/editor-child.mjs)');
      out.edit = editorLatencyOf(c, deltaModule);
    }
    results.corpora.push(out);
  }
  results.growth = growth(results.corpora);
  // The edit latency of the largest synthetic corpus, where the former report kept it.
  results.edit = results.corpora
    .filter((c) => c.kind === 'synthetic' && c.edit)
    .sort((a, b) => b.size - a.size)[0]?.edit;
  if (args.history) {
    log(`\nhistory over ${args.historySize} files`);
    results.history = benchHistory(args.historySize, args.runs);
  }
  log('\nextension activation');
  results.activation = measureActivation(5);
  if (args.vsix) {
    log('\nVSIX');
    results.vsix = packageSize();
  }
  results.machine.loadAfter = loadavg().map((l) => Number(l.toFixed(2)));
  // A rebuild during the run (another build in the same tree) mixes builds and empties the fact caches.
  if (statSync(CLI).mtimeMs !== cliBuilt)
    results.warning =
      'dist/cli.js was rebuilt during the run: the figures mix builds (and warm runs may have missed the cache)';

  const report = printReport(results);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${report}\n`);
}

function generated(kind, size) {
  const name = `${kind}-${size}`;
  const dir = join(CACHE, name);
  log(`corpus ${name}: ${dir} (generated on first use, seeded)`);
  return { name, dir: KINDS[kind](dir, size), kind, size };
}

function parseArgs(argv) {
  const args = {
    dirs: [],
    generated: [],
    corpora: false,
    runs: 3,
    sizes: [1000, 10000, 50000],
    kinds: Object.keys(KINDS),
    mdlMax: 10000,
    history: true,
    historySize: 10000,
    edit: true,
    vsix: true,
    against: undefined,
    editor: true,
    editorOnly: false,
  };
  const named = [];
  const number = (a, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${a}: expected a whole number, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpora') args.corpora = true;
    else if (a === '--runs') args.runs = Math.max(1, number(a, argv[++i]));
    else if (a === '--sizes') {
      const sizes = argv[++i];
      args.sizes = sizes === 'none' ? [] : sizes.split(',').map((s) => number(a, s));
    } else if (a === '--kinds' || a === '--shapes') {
      args.kinds = argv[++i].split(',').filter(Boolean);
      for (const k of args.kinds)
        if (!KINDS[k]) throw new Error(`${a}: unknown corpus kind ${k} (${Object.keys(KINDS).join(', ')})`);
    } else if (a === '--mdl-max') args.mdlMax = number(a, argv[++i]);
    else if (a === '--history-size') args.historySize = Math.max(20, number(a, argv[++i]));
    else if (a === '--no-history') args.history = false;
    else if (a === '--no-edit') args.edit = false;
    else if (a === '--no-vsix') args.vsix = false;
    else if (a === '--against') args.against = resolve(argv[++i]);
    else if (a === '--no-editor') args.editor = false;
    else if (a === '--editor-only') args.editorOnly = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (/^(synthetic|shapes)-\d+$/.test(a) && !existsSync(a)) {
      const [kind, size] = a.split('-');
      named.push({ kind, size: Number(size) });
    } else args.dirs.push(a);
  }
  // Generated corpora: the named ones, else (without DIR) every kind at every size, smallest first.
  if (named.length > 0) args.generated = named;
  else if (args.dirs.length === 0)
    for (const size of [...args.sizes].sort((a, b) => a - b))
      for (const kind of args.kinds) args.generated.push({ kind, size });
  return args;
}

function log(text) {
  process.stderr.write(`${text}\n`);
}

function machine() {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadBefore: loadavg().map((l) => Number(l.toFixed(2))),
    timeTool: existsSync(TIME) ? `${TIME} -f '%e %U %S %M'` : 'process.resourceUsage() preload',
  };
}

/** The command lines and settings behind every figure, printed with the results. */
function settings(args, markdownlint, deltaModule) {
  const r = (p) => relative(ROOT, p) || '.';
  const timer = existsSync(TIME) ? `${TIME} -f '%e %U %S %M'` : 'node --require <resourceUsage preload>';
  return {
    runs: args.runs,
    interleaved: true,
    asOf: AS_OF,
    sizes: args.sizes,
    kinds: args.kinds,
    mdlMax: args.mdlMax,
    historySize: args.history ? args.historySize : undefined,
    timer,
    commands: {
      read: `node ${r(SELF)} --read-floor DIR`,
      cold: `node ${r(CLI)} audit DIR --format json --out /dev/null --as-of ${AS_OF} --no-cache`,
      warm: `node ${r(CLI)} audit DIR --format json --out /dev/null --as-of ${AS_OF} --cache-dir ${r(CACHE)}/fact-cache/NAME (after one run that populates it)`,
      jsonSize: `node ${r(CLI)} audit DIR --format json --out $TMP/report.json --as-of ${AS_OF} --cache-dir ... (the populating run)`,
      markdownlint: `(cd DIR && node ${r(markdownlint.script)} '**/*.{md,markdown}')  # markdownlint-cli2 ${markdownlint.version}, default rules, corpora of at most ${args.mdlMax} files`,
      editor: `node --max-old-space-size=8192 ${r(EDITOR_CHILD)} ${r(CORE_BUNDLE)} DIR ${r(CACHE)}/fact-cache/NAME ${AS_OF}${deltaModule ? ` ${r(deltaModule)}` : ''}`,
      history: `node ${r(CLI)} history ${r(CACHE)}/history-${args.historySize} ${HISTORY_ARGS.join(' ')} --format json --out $TMP/history.json`,
      historyCold: `node ${r(CLI)} audit ${r(CACHE)}/history-${args.historySize} --format json --out /dev/null --as-of ${AS_OF} --no-cache`,
    },
  };
}

/** markdownlint-cli2, installed into .cache/bench-tools on first use (never into the project). */
function ensureMarkdownlint() {
  const pkgDir = join(TOOLS, 'node_modules', 'markdownlint-cli2');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    log('installing markdownlint-cli2 into .cache/bench-tools');
    mkdirSync(TOOLS, { recursive: true });
    execFileSync('npm', ['install', '--prefix', TOOLS, '--no-audit', '--no-fund', '--no-save', 'markdownlint-cli2'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['markdownlint-cli2'];
  return { script: join(pkgDir, bin), version: pkg.version };
}

/** The esbuild `define`s of the production bundles (the engine build id keys the fact cache). */
async function productionDefines() {
  try {
    const { builds } = await import(join(ROOT, 'esbuild.mjs'));
    if (builds?.[0]?.define) return builds[0].define;
  } catch {
    // an older esbuild.mjs: fall back to the version alone
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return { __SOP_MATURITY_VERSION__: JSON.stringify(pkg.version) };
}

/**
 * The engine and its Node I/O (caches) as one CommonJS module, for the in-process edit benchmark; with the
 * production bundles' build id, so that it reads the fact cache the CLI wrote.
 */
async function buildCoreBundle() {
  const esbuild = createRequire(join(ROOT, 'package.json'))('esbuild');
  await esbuild.build({
    stdin: {
      contents: "export * from './src/core/index.ts';\nexport * from './src/node/index.ts';\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: CORE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: await productionDefines(),
    loader: { '.yaml': 'text', '.json': 'json' },
    logLevel: 'warning',
  });
}

/** src/shared/reportDelta.ts (the panel's report deltas) as a CommonJS module, when it exists. */
async function buildDeltaBundle() {
  if (!existsSync(DELTA_SOURCE)) return undefined;
  const esbuild = createRequire(join(ROOT, 'package.json'))('esbuild');
  try {
    await esbuild.build({
      entryPoints: [DELTA_SOURCE],
      outfile: DELTA_BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      define: await productionDefines(),
      loader: { '.yaml': 'text', '.json': 'json' },
      logLevel: 'warning',
    });
    return DELTA_BUNDLE;
  } catch (error) {
    log(
      `src/shared/reportDelta.ts does not build (${String(error).split('\n')[0]}): the panel message is the whole report`,
    );
    return undefined;
  }
}

function unpackCorpora() {
  const from = resolve(ROOT, '..', 'shared', 'corpora');
  if (!existsSync(from)) return [];
  return readdirSync(from)
    .filter((n) => n.endsWith('.tar.gz'))
    .map((archive) => {
      const name = archive.replace(/\.tar\.gz$/, '');
      const dir = join(ROOT, '.cache', 'corpora', name);
      if (!existsSync(join(dir, '.unpacked'))) {
        mkdirSync(dir, { recursive: true });
        execFileSync('tar', ['-xzf', join(from, archive), '-C', dir]);
        writeFileSync(join(dir, '.unpacked'), '');
      }
      const inner = readdirSync(dir).filter((n) => !n.startsWith('.'));
      return { name, dir: inner.length === 1 ? join(dir, inner[0]) : dir };
    });
}

function cacheDirFor(corpus) {
  return join(CACHE, 'fact-cache', corpus.name);
}

/* ------------------------------------------------------------- one corpus */

function auditArgs(cli, dir, out, extra) {
  return [cli, 'audit', dir, '--format', 'json', '--out', out, '--as-of', AS_OF, ...extra];
}

function benchCorpus(corpus, markdownlint, { runs, against, mdlMax }) {
  const { files, bytes } = markdownFiles(corpus.dir);
  const cacheDir = cacheDirFor(corpus);
  rmSync(cacheDir, { recursive: true, force: true });
  const tools = {
    read: { label: 'raw read floor', args: [SELF, '--read-floor', corpus.dir] },
    cold: { label: 'sop-maturity cold (--no-cache)', args: auditArgs(CLI, corpus.dir, '/dev/null', ['--no-cache']) },
    warm: {
      label: 'sop-maturity warm (cache populated)',
      args: auditArgs(CLI, corpus.dir, '/dev/null', ['--cache-dir', cacheDir]),
    },
  };
  if (files <= mdlMax)
    tools.markdownlint = {
      label: `markdownlint-cli2 ${markdownlint.version}`,
      args: [markdownlint.script, '**/*.{md,markdown}'],
      cwd: corpus.dir,
    };
  else log(`  markdownlint-cli2 left out: ${files} files > --mdl-max ${mdlMax}`);
  if (against)
    tools.against = {
      label: `other build cold (${against})`,
      args: auditArgs(against, corpus.dir, '/dev/null', ['--no-cache']),
    };
  // The run that populates the cache also writes the JSON report to a file, to measure its size.
  log('  populating the fact cache (cold run that writes it, and the JSON report to a file)');
  const reportFile = join(tmpdir(), `sop-bench-report-${process.pid}.json`);
  const populate = timed(auditArgs(CLI, corpus.dir, reportFile, ['--cache-dir', cacheDir]));
  const json = jsonReportSize(reportFile, files);
  rmSync(reportFile, { force: true });
  log(`  JSON report: ${json.bytes} bytes, ${json.bytesPerDocument} bytes per document`);
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  const loads = [];
  for (let r = 0; r < runs; r++) {
    for (const [key, tool] of Object.entries(tools)) {
      const s = timed(tool.args, tool.cwd);
      samples[key].push(s);
      log(
        `  run ${r + 1}/${runs} ${tool.label}: ${s.seconds.toFixed(2)} s, CPU ${s.cpuSeconds ?? '?'} s, ${s.rssMb ?? '?'} MiB${s.exit ? ` (exit ${s.exit})` : ''}`,
      );
    }
    loads.push(loadavg()[0]);
  }
  const out = {
    name: corpus.name,
    dir: corpus.dir,
    kind: corpus.kind,
    size: corpus.size,
    files,
    megabytes: Number((bytes / 1e6).toFixed(1)),
    populateSeconds: populate.seconds,
    json,
    load1DuringRuns: loads.map((l) => Number(l.toFixed(2))),
    tools: {},
  };
  for (const [key, tool] of Object.entries(tools)) {
    out.tools[key] = {
      label: tool.label,
      seconds: median(samples[key].map((s) => s.seconds)),
      cpuSeconds: median(samples[key].map((s) => s.cpuSeconds ?? NaN)),
      rssMb: median(samples[key].map((s) => s.rssMb ?? NaN)),
      samples: samples[key],
    };
  }
  const t = out.tools;
  const m = t.markdownlint;
  out.ratios = {
    coldVsMarkdownlint: ratio(t.cold.seconds, m?.seconds),
    coldCpuVsMarkdownlintCpu: ratio(t.cold.cpuSeconds, m?.cpuSeconds),
    warmVsMarkdownlint: ratio(t.warm.seconds, m?.seconds),
    warmVsReadFloor: ratio(t.warm.seconds, t.read.seconds),
    coldRssVsMarkdownlint: ratio(t.cold.rssMb, m?.rssMb),
  };
  if (t.against) out.ratios.coldVsAgainst = ratio(t.cold.seconds, t.against.seconds);
  return out;
}

/** Bytes of the JSON report and per document (the report's `summary.documents`, else the Markdown files). */
function jsonReportSize(file, files) {
  if (!existsSync(file)) return { error: 'the audit wrote no report' };
  const bytes = statSync(file).size;
  const head = Buffer.alloc(Math.min(bytes, 1 << 16));
  const fd = openSync(file, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const documents = Number(/"documents"\s*:\s*(\d+)/.exec(head.toString('utf8'))?.[1] ?? files);
  return { bytes, documents, bytesPerDocument: Math.round(bytes / Math.max(1, documents)) };
}

function markdownFiles(dir) {
  let files = 0;
  let bytes = 0;
  walkMarkdown(dir, (abs) => {
    files++;
    bytes += statSync(abs).size;
  });
  return { files, bytes };
}

/** Every .md/.markdown file below `dir`, skipping node_modules and .git like both tools do. */
function walkMarkdown(dir, visit) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') walkMarkdown(abs, visit);
    } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) visit(abs);
  }
}

/** (a): a whole process that only lists and reads every Markdown file. */
function readFloor(dir) {
  let chars = 0;
  walkMarkdown(dir, (abs) => {
    chars += readFileSync(abs, 'utf8').length;
  });
  process.stdout.write(`${chars}\n`);
}

/**
 * Runs `node ARGS` as its own process: wall time, CPU time (user + sys) and peak RSS, from /usr/bin/time when
 * present (it counts the process with its threads and children), else from a preloaded hook that writes
 * process.resourceUsage() when the process exits (it covers worker threads too).
 */
function timed(args, cwd = ROOT, nodeFlags = []) {
  const statsFile = join(CACHE, `time-${process.pid}.txt`);
  rmSync(statsFile, { force: true });
  const useTime = existsSync(TIME);
  const [cmd, argv] = useTime
    ? [TIME, ['-f', '%e %U %S %M', '-o', statsFile, process.execPath, ...nodeFlags, ...args]]
    : [process.execPath, [...nodeFlags, '--require', statsPreload(), ...args]];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, BENCH_STATS_FILE: statsFile },
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  // GNU time puts "Command exited with non-zero status N" before the figures: they are the last line.
  const fields = existsSync(statsFile)
    ? readFileSync(statsFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
    : [];
  rmSync(statsFile, { force: true });
  const [user, sys, kb] = useTime ? fields.slice(1) : fields;
  const cpu = user + sys;
  return {
    seconds: Number(seconds.toFixed(3)),
    cpuSeconds: Number.isFinite(cpu) ? Number(cpu.toFixed(2)) : undefined,
    rssMb: Number.isFinite(kb) ? Math.round(kb / 1024) : undefined,
    exit: r.status,
  };
}

/** The fallback without /usr/bin/time: user and system seconds and peak RSS (KiB), as /usr/bin/time prints them. */
function statsPreload() {
  const file = join(CACHE, 'stats-preload.cjs');
  writeFileSync(
    file,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.BENCH_STATS_FILE, `${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}`); });\n",
  );
  return file;
}

/* ------------------------------------------------------------- editor latency, growth, history */

/**
 * The editor's latencies in `corpus` (its fact cache populated by the audits): scripts/bench/editor-child.mjs when
 * it exists, else the older in-file `--edit` mode (edits only).
 */
function editorLatencyOf(corpus, deltaModule) {
  const cacheDir = cacheDirFor(corpus);
  const args = [EDITOR_CHILD, CORE_BUNDLE, corpus.dir, cacheDir, AS_OF, ...(deltaModule ? [deltaModule] : [])];
  let r = childJson(args);
  if (r.error && deltaModule) {
    // A delta module that fails must not cost the other figures: again with the whole report as the panel message.
    log(`  editor latency with ${relative(ROOT, deltaModule)} failed (${r.error}); again without it`);
    const deltaError = r.error;
    r = childJson(args.slice(0, -1));
    r.deltaError = deltaError;
  }
  if (r.error) log(`  editor latency failed: ${r.error}`);
  else
    log(
      `  edit p50/p95 ${r.p50Ms}/${r.p95Ms} ms, panel open p95 ${r.panelP95Ms ?? '?'} ms, add/remove/rename p95 ${r.addP95Ms ?? '?'}/${r.removeP95Ms ?? '?'}/${r.renameP95Ms ?? '?'} ms`,
    );
  return r;
}

/**
 * Per corpus kind, each figure at each size and its ratio between consecutive sizes (50k/10k: target at most 5.5x,
 * that is 1.1 x the size ratio).
 */
function growth(corpora) {
  const figures = {
    coldSeconds: (c) => c.tools.cold.seconds,
    coldCpuSeconds: (c) => c.tools.cold.cpuSeconds,
    warmSeconds: (c) => c.tools.warm.seconds,
    coldRssMb: (c) => c.tools.cold.rssMb,
    editP95Ms: (c) => c.edit?.p95Ms,
    panelP95Ms: (c) => c.edit?.panelP95Ms,
  };
  const out = {};
  for (const kind of [...new Set(corpora.filter((c) => c.kind).map((c) => c.kind))]) {
    const rows = corpora.filter((c) => c.kind === kind).sort((a, b) => a.size - b.size);
    out[kind] = {
      sizes: rows.map((c) => ({
        size: c.size,
        ...Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, f(c)])),
      })),
      steps: rows.slice(1).map((c, i) => {
        const prev = rows[i];
        const sizeRatio = c.size / prev.size;
        return {
          from: prev.size,
          to: c.size,
          sizeRatio: Number(sizeRatio.toFixed(2)),
          target: Number((1.1 * sizeRatio).toFixed(2)),
          ...Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, ratio(f(c), f(prev))])),
        };
      }),
    };
  }
  return out;
}

/**
 * `sop-maturity history --every month --since 24.months` over the repository of 24 monthly commits, beside the
 * cold audit of its working tree (the last commit), interleaved, medians of `runs`.
 */
function benchHistory(size, runs) {
  const source = ensureCorpus(join(CACHE, `synthetic-${size}`), size);
  const repo = ensureHistoryRepo(join(CACHE, `history-${size}`), source, { log });
  if (repo.built) log(`  built the repository in ${repo.seconds} s`);
  const historyFile = join(tmpdir(), `sop-bench-history-${process.pid}.json`);
  const history = [CLI, 'history', repo.dir, ...HISTORY_ARGS, '--format', 'json', '--out', historyFile];
  const cold = auditArgs(CLI, repo.dir, '/dev/null', ['--no-cache']);
  const samples = { history: [], cold: [] };
  let points;
  for (let r = 0; r < runs; r++) {
    const h = timed(history);
    samples.history.push(h);
    if (points === undefined && existsSync(historyFile)) {
      try {
        points = JSON.parse(readFileSync(historyFile, 'utf8')).points?.length;
      } catch {
        points = undefined;
      }
    }
    rmSync(historyFile, { force: true });
    const c = timed(cold);
    samples.cold.push(c);
    log(
      `  run ${r + 1}/${runs} history: ${h.seconds.toFixed(2)} s (CPU ${h.cpuSeconds ?? '?'} s, ${h.rssMb ?? '?'} MiB${h.exit ? `, exit ${h.exit}` : ''}); cold audit of the tree: ${c.seconds.toFixed(2)} s`,
    );
  }
  const pick = (list, key) => median(list.map((s) => s[key] ?? NaN));
  const out = {
    dir: repo.dir,
    files: repo.files,
    commits: repo.commits,
    samples: points,
    buildSeconds: repo.built ? repo.seconds : undefined,
    history: {
      seconds: pick(samples.history, 'seconds'),
      cpuSeconds: pick(samples.history, 'cpuSeconds'),
      rssMb: pick(samples.history, 'rssMb'),
      exit: samples.history.find((s) => s.exit)?.exit ?? 0,
      samples: samples.history,
    },
    cold: {
      seconds: pick(samples.cold, 'seconds'),
      cpuSeconds: pick(samples.cold, 'cpuSeconds'),
      rssMb: pick(samples.cold, 'rssMb'),
      samples: samples.cold,
    },
  };
  out.ratio = ratio(out.history.seconds, out.cold.seconds);
  return out;
}

/* ------------------------------------------------------------- editor first audit */

/**
 * For each corpus: the editor's time from activation to first diagnostics
 * (median of `runs` cold windows) and the CLI's cold audit (median of `runs`
 * whole processes), interleaved per corpus.
 */
function benchEditor(corpora, runs) {
  const out = [];
  for (const c of corpora) {
    const { files } = markdownFiles(c.dir);
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'e2e', 'bench.mjs'), c.dir, '--no-build', '--runs', String(runs)],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
    );
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH '));
    const cli = [];
    for (let i = 0; i < runs; i++)
      cli.push(
        timed([CLI, 'audit', c.dir, '--format', 'json', '--out', '/dev/null', '--as-of', AS_OF, '--no-cache']).seconds,
      );
    const cliMs = Math.round(median(cli) * 1000);
    if (!line) {
      out.push({ name: c.name, files, cliMs, error: `the editor session failed (exit ${r.status})` });
      continue;
    }
    const editor = JSON.parse(line.slice('BENCH '.length));
    const editorMs = editor.activationToDiagnosticsMs;
    log(
      `  ${c.name}: editor ${editorMs} ms (host start to diagnostics ${editor.hostUptimeAtDiagnosticsMs} ms), CLI cold ${cliMs} ms`,
    );
    out.push({
      name: c.name,
      files,
      editorMs,
      hostStartToDiagnosticsMs: editor.hostUptimeAtDiagnosticsMs,
      cliMs,
      ratio: ratio(editorMs, cliMs),
      samples: editor.samples,
      cliSamples: cli,
    });
  }
  return out;
}

/* ------------------------------------------------------------- edit latency */

function childJson(args) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) {
    // The error's own line (a stack's first lines), not Node's closing banner.
    const lines = (r.stderr || `exit ${r.status}`).trim().split('\n');
    const at = lines.findIndex((l) => /^\w*Error\b|Error:/.test(l));
    return { error: (at >= 0 ? lines.slice(at, at + 2) : lines.slice(-3)).join(' ').trim() };
  }
  return JSON.parse(r.stdout);
}

/* ------------------------------------------------------------- activation, VSIX */

function measureActivation(runs) {
  if (!existsSync(EXTENSION)) return { error: 'dist/extension.js not built' };
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = childJson([SELF, '--activation']);
    if (r.error) return r;
    samples.push(r);
  }
  return {
    requireMs: median(samples.map((s) => s.requireMs)),
    activateMs: median(samples.map((s) => s.activateMs)),
    totalMs: median(samples.map((s) => s.requireMs + s.activateMs)),
    hostLoadMs: median(samples.map((s) => s.hostLoadMs)),
    runs,
  };
}

/**
 * Loads dist/extension.js with a stand-in `vscode` module (every member is an
 * inert callable, so activation runs its real code path) and calls
 * `activate` with a fake context; prints the two times. The shell then loads
 * dist/host.js (the engine) on its own just after activation: that load and
 * the host's start are timed too, as `hostLoadMs`, the time the extension
 * takes after activation before it can audit.
 */
async function activation() {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const vscode = vscodeStub();
  const load = Module._load;
  const host = { loadMs: undefined, error: undefined };
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    if (request !== HOST) return load.call(this, request, ...rest);
    const t0 = performance.now();
    const mod = load.call(this, request, ...rest);
    const startHost = (context) => {
      try {
        return mod.startHost(context);
      } catch (error) {
        host.error = String(error);
        throw error;
      } finally {
        host.loadMs = performance.now() - t0;
      }
    };
    return { ...mod, startHost };
  };
  const context = new Proxy(
    { subscriptions: [], extensionPath: ROOT, asAbsolutePath: (p) => join(ROOT, p), extensionMode: 1 },
    { get: (target, p) => (p in target ? target[p] : inert(`context.${String(p)}`)) },
  );
  let t = performance.now();
  const ext = require(EXTENSION);
  const requireMs = performance.now() - t;
  t = performance.now();
  ext.activate(context);
  const activateMs = performance.now() - t;
  // The shell loads the host on setImmediate during activate: this one runs after it.
  await new Promise((resolve) => setImmediate(resolve));
  if (host.error || host.loadMs === undefined) {
    process.stderr.write(`the host did not start after activation: ${host.error ?? 'dist/host.js was not loaded'}\n`);
    process.exit(1);
  }
  process.stdout.write(
    JSON.stringify({
      requireMs: Number(requireMs.toFixed(1)),
      activateMs: Number(activateMs.toFixed(1)),
      hostLoadMs: Number(host.loadMs.toFixed(1)),
    }),
  );
  process.exit(0);
}

/**
 * The `vscode` module's top-level names (read from @types/vscode), each an
 * inert stand-in. They must be own properties: the bundle copies them.
 */
function vscodeStub() {
  const dts = readFileSync(join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = new Set(
    [...dts.matchAll(/^\texport (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]),
  );
  return Object.fromEntries([...names].map((n) => [n, inert(`vscode.${n}`)]));
}

/** A callable, constructible, infinitely deep stand-in that is never a thenable. */
function inert(name) {
  const members = new Map();
  return new Proxy(function () {}, {
    get(target, p) {
      if (p === 'then') return undefined;
      if (p === Symbol.iterator) return function* () {};
      if (p === Symbol.toPrimitive) return () => 0;
      if (p === 'prototype') return target.prototype;
      if (!members.has(p)) members.set(p, inert(`${name}.${String(p)}`));
      return members.get(p);
    },
    set(_target, p, value) {
      members.set(p, value);
      return true;
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`),
  });
}

function packageSize() {
  const vsix = join(ROOT, 'sop-maturity.vsix');
  rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 || !existsSync(vsix))
    return { error: `npm run package failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ')}` };
  return { bytes: statSync(vsix).size, megabytes: Number((statSync(vsix).size / 1e6).toFixed(2)) };
}

/* ------------------------------------------------------------- output */

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const m = v.length >> 1;
  return Number((v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2).toFixed(3));
}

function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Number((a / b).toFixed(3)) : undefined;
}
