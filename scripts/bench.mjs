// `npm run bench`: how fast and how lean a full audit is, next to
// markdownlint-cli2 on the same files. Not a test: it prints a table and
// writes bench-results/bench.json.
//
//   node scripts/bench.mjs [DIR] [--corpora] [--runs N] [--sizes 1000,10000|none] [--against CLI.js] [--no-editor|--editor-only]
//
// The editor's first audit: examples/ and the synthetic corpora of at most 1,000 files are
// opened in a real VS Code (code-server, scripts/e2e/bench.mjs, a fresh profile each run) and
// the time from the extension's activation to its first published diagnostics is set beside
// the CLI's cold audit of the same folder (target: at most 1.5x). --no-editor leaves it out,
// --editor-only prints only it.
//
// Without DIR it benchmarks synthetic SOP corpora (generated once, seeded,
// under .cache/bench); with DIR that folder; --corpora also unpacks and
// benchmarks the archives in ../shared/corpora. Every figure is the median of
// --runs whole-process runs, interleaved so that background load spreads
// evenly over the tools. Expects the production bundles (`npm run bench`
// builds them first). --against times another build's dist/cli.js cold on
// the same corpora (for example a worktree of the last release), so that a
// change's cost shows as a ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './bench/corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.cache', 'bench');
const TOOLS = join(ROOT, '.cache', 'bench-tools');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXTENSION = join(ROOT, 'dist', 'extension.js');
const HOST = join(ROOT, 'dist', 'host.js');
const CORE_BUNDLE = join(CACHE, 'core.cjs');
const SELF = fileURLToPath(import.meta.url);
const AS_OF = '2026-11-23';
const TIME = '/usr/bin/time';

const mode = process.argv[2];
if (mode === '--read-floor') readFloor(process.argv[3]);
else if (mode === '--edit') await editLatency(process.argv[3], process.argv[4]);
else if (mode === '--activation') await activation();
else await main(process.argv.slice(2));

/* ------------------------------------------------------------- orchestration */

async function main(argv) {
  const args = parseArgs(argv);
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run bench` (it builds the bundles first).');
  const markdownlint = ensureMarkdownlint();
  await buildCoreBundle();

  const corpora = [];
  if (args.dirs.length > 0) for (const d of args.dirs) corpora.push({ name: basename(resolve(d)), dir: resolve(d) });
  else
    for (const n of args.sizes)
      corpora.push({ name: `synthetic-${n}`, dir: ensureCorpus(join(CACHE, `synthetic-${n}`), n), synthetic: n });
  if (args.corpora) corpora.push(...unpackCorpora());

  const results = {
    machine: machine(),
    runs: args.runs,
    corpora: [],
    edit: undefined,
    activation: undefined,
    vsix: undefined,
    editor: undefined,
  };
  if (args.editor) {
    log('\neditor first audit (real VS Code) vs CLI cold');
    results.editor = benchEditor(
      [
        { name: 'examples', dir: join(ROOT, 'examples') },
        ...corpora.filter((c) => !c.synthetic || c.synthetic <= 1000),
      ],
      args.runs,
    );
  }
  if (args.editorOnly) {
    process.stdout.write(`\n${editorTable(results.editor).join('\n')}\n`);
    return;
  }
  for (const c of corpora) {
    log(`\n${c.name}: ${c.dir}`);
    results.corpora.push(benchCorpus(c, markdownlint, args.runs, args.against));
  }
  const largest = corpora.filter((c) => c.synthetic).sort((a, b) => b.synthetic - a.synthetic)[0];
  if (largest) {
    log(`\nedit latency in ${largest.name}`);
    results.edit = childJson([SELF, '--edit', largest.dir, cacheDirFor(largest)]);
  }
  log('\nextension activation');
  results.activation = measureActivation(5);
  log('\nVSIX');
  results.vsix = packageSize();
  results.machine.loadAfter = loadavg().map((l) => Number(l.toFixed(2)));

  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
}

function parseArgs(argv) {
  const args = {
    dirs: [],
    corpora: false,
    runs: 3,
    sizes: [1000, 10000],
    against: undefined,
    editor: true,
    editorOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpora') args.corpora = true;
    else if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--sizes') {
      const sizes = argv[++i];
      args.sizes = sizes === 'none' ? [] : sizes.split(',').map(Number);
    } else if (a === '--against') args.against = resolve(argv[++i]);
    else if (a === '--no-editor') args.editor = false;
    else if (a === '--editor-only') args.editorOnly = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.dirs.push(a);
  }
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
    timeTool: existsSync(TIME) ? TIME : 'resourceUsage preload',
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

/** The engine and its Node I/O (caches) as one CommonJS module, for the in-process edit benchmark. */
async function buildCoreBundle() {
  const esbuild = createRequire(join(ROOT, 'package.json'))('esbuild');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
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
    define: { __SOP_MATURITY_VERSION__: JSON.stringify(pkg.version) },
    loader: { '.yaml': 'text', '.json': 'json' },
    logLevel: 'warning',
  });
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

function benchCorpus(corpus, markdownlint, runs, against) {
  const { files, bytes } = markdownFiles(corpus.dir);
  const cacheDir = cacheDirFor(corpus);
  rmSync(cacheDir, { recursive: true, force: true });
  const audit = (extra) => [
    CLI,
    'audit',
    corpus.dir,
    '--format',
    'json',
    '--out',
    '/dev/null',
    '--as-of',
    AS_OF,
    ...extra,
  ];
  const tools = {
    read: { label: 'raw read floor', args: [SELF, '--read-floor', corpus.dir] },
    cold: { label: 'sop-maturity cold (--no-cache)', args: audit(['--no-cache']) },
    warm: { label: 'sop-maturity warm (cache populated)', args: audit(['--cache-dir', cacheDir]) },
    markdownlint: {
      label: `markdownlint-cli2 ${markdownlint.version}`,
      args: [markdownlint.script, '**/*.{md,markdown}'],
      cwd: corpus.dir,
    },
  };
  if (against)
    tools.against = { label: `other build cold (${against})`, args: [against, ...audit(['--no-cache']).slice(1)] };
  log('  populating the fact cache (cold run that writes it)');
  const populate = timed(audit(['--cache-dir', cacheDir]));
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  const loads = [];
  for (let r = 0; r < runs; r++) {
    for (const [key, tool] of Object.entries(tools)) {
      const s = timed(tool.args, tool.cwd);
      samples[key].push(s);
      log(`  run ${r + 1}/${runs} ${tool.label}: ${s.seconds.toFixed(2)} s, ${s.rssMb ?? '?'} MB`);
    }
    loads.push(loadavg()[0]);
  }
  const out = {
    name: corpus.name,
    dir: corpus.dir,
    files,
    megabytes: Number((bytes / 1e6).toFixed(1)),
    populateSeconds: populate.seconds,
    load1DuringRuns: loads.map((l) => Number(l.toFixed(2))),
    tools: {},
  };
  for (const [key, tool] of Object.entries(tools)) {
    out.tools[key] = {
      label: tool.label,
      seconds: median(samples[key].map((s) => s.seconds)),
      rssMb: median(samples[key].map((s) => s.rssMb ?? NaN)),
      samples: samples[key],
    };
  }
  const t = out.tools;
  out.ratios = {
    coldVsMarkdownlint: ratio(t.cold.seconds, t.markdownlint.seconds),
    warmVsMarkdownlint: ratio(t.warm.seconds, t.markdownlint.seconds),
    warmVsReadFloor: ratio(t.warm.seconds, t.read.seconds),
    coldRssVsMarkdownlint: ratio(t.cold.rssMb, t.markdownlint.rssMb),
  };
  if (t.against) out.ratios.coldVsAgainst = ratio(t.cold.seconds, t.against.seconds);
  return out;
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
 * Runs `node ARGS` as its own process: wall time, and peak RSS from
 * /usr/bin/time when present, else from a preloaded hook that writes
 * process.resourceUsage().maxRSS when the process exits (it covers worker threads too).
 */
function timed(args, cwd = ROOT) {
  const rssFile = join(CACHE, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const useTime = existsSync(TIME);
  const [cmd, argv] = useTime
    ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--require', rssPreload(), ...args]];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return {
    seconds: Number(seconds.toFixed(3)),
    rssMb: Number.isFinite(kb) ? Math.round(kb / 1024) : undefined,
    exit: r.status,
  };
}

function rssPreload() {
  const file = join(CACHE, 'rss-preload.cjs');
  writeFileSync(
    file,
    "process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  return file;
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

function editorTable(rows) {
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

/* ------------------------------------------------------------- edit latency */

/**
 * In one warm process (facts from the populated cache, as an editor has
 * them after the first audit): edit a ~5 KB procedure and time
 * `Workspace.setFile` (a real parse: the text is new) plus `report()`.
 */
async function editLatency(root, cacheDir) {
  const require = createRequire(import.meta.url);
  const core = require(CORE_BUNDLE);
  const rubric = core.loadBuiltinRubric();
  const config = core.defaultConfig();
  const cache = new core.FileFactCache(core.FileFactCache.fileFor(cacheDir, root));
  const ws = new core.Workspace({
    root,
    config,
    rubric,
    asOf: AS_OF,
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
  ws.report();
  const firstReportMs = performance.now() - t;

  let target;
  for (const [path, text] of texts) {
    if (ws.document(path)?.kind !== 'procedure') continue;
    if (!target || Math.abs(text.length - 5000) < Math.abs(texts.get(target).length - 5000)) target = path;
  }
  const original = texts.get(target);
  const times = [];
  let report;
  // 40 measured edits after 3 warm-up ones, fewer when each takes seconds (at least 8).
  const started = performance.now();
  for (let i = 0; i < 43 && (i < 11 || performance.now() - started < 90_000); i++) {
    // Every edit is new text (so a real parse), and every other one toggles a checklist item.
    const toggled = i % 2 === 0 ? original.replace('- [ ]', '- [x]') : original;
    const text = `${toggled}\nEdited line ${i}.\n`;
    const start = performance.now();
    ws.setFile(target, text);
    report = ws.report();
    if (i >= 3) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => Number(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)].toFixed(1));
  process.stdout.write(
    JSON.stringify({
      documents: report.summary.documents,
      edited: target,
      editedChars: original.length,
      loadFromCacheMs: Math.round(loadMs),
      firstReportMs: Math.round(firstReportMs),
      edits: times.length,
      p50Ms: pct(50),
      p95Ms: pct(95),
      maxMs: Number(times[times.length - 1].toFixed(1)),
    }),
  );
}

function childJson(args) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
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

function printTable(results) {
  const against = results.corpora.some((c) => c.tools.against);
  const rows = [
    [
      'corpus',
      'files',
      'MB',
      'read s',
      'cold s',
      'warm s',
      'mdl s',
      'cold/mdl',
      'warm/mdl',
      'warm/read',
      'RSS MB read/cold/warm/mdl',
      'cold RSS/mdl',
      ...(against ? ['other s', 'cold/other'] : []),
      'load1 during',
    ],
  ];
  for (const c of results.corpora) {
    const t = c.tools;
    const other = against ? [t.against?.seconds, c.ratios.coldVsAgainst] : [];
    rows.push([
      c.name,
      c.files,
      c.megabytes,
      t.read.seconds,
      t.cold.seconds,
      t.warm.seconds,
      t.markdownlint.seconds,
      c.ratios.coldVsMarkdownlint,
      c.ratios.warmVsMarkdownlint,
      c.ratios.warmVsReadFloor,
      [t.read, t.cold, t.warm, t.markdownlint].map((x) => x.rssMb ?? '?').join('/'),
      c.ratios.coldRssVsMarkdownlint,
      ...other,
      c.load1DuringRuns.join(' '),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((x, i) => String(x ?? '').padEnd(widths[i])).join('  ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ''];
  const e = results.edit;
  out.push(
    e
      ? e.error
        ? `edit -> report: ${e.error}`
        : `edit -> report in ${e.documents} documents (${e.editedChars}-char document, ${e.edits} edits): p50 ${e.p50Ms} ms, p95 ${e.p95Ms} ms, max ${e.maxMs} ms; first full report ${e.firstReportMs} ms`
      : 'edit -> report: n/a',
  );
  const a = results.activation;
  out.push(
    a.error
      ? `activation: n/a (${a.error})`
      : `activation: ${a.totalMs} ms (require ${a.requireMs} ms + activate ${a.activateMs} ms, median of ${a.runs}); host load (after activation): ${a.hostLoadMs} ms`,
  );
  const v = results.vsix;
  out.push(v.error ? `VSIX: n/a (${v.error})` : `VSIX: ${v.megabytes} MB`);
  out.push(...editorTable(results.editor));
  out.push(
    `machine: ${results.machine.cpus} CPUs, node ${results.machine.node}, load ${results.machine.loadBefore.join(' ')} before, ${results.machine.loadAfter.join(' ')} after; runs per figure: ${results.runs}`,
  );
  process.stdout.write(`\n${out.join('\n')}\n`);
}
