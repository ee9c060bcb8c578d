// The editor's side of `npm run bench`: opens a folder in a real VS Code (code-server, a fresh
// user-data dir each run, so every audit is cold) and reads how long the extension took from
// activation to its first diagnostics (test/e2e/bench). Prints one line `BENCH {json}` with
// the median and every run.
// Usage: node scripts/e2e/bench.mjs DIR [--runs N] [--no-build] [--dev PATH] [--shot NAME [--open FILE]]
//   --dev PATH   the extension to time (default: this repository), e.g. an export of another commit
//   --shot NAME  after the first audit, open FILE (relative to DIR) if given and the Problems panel, and
//                write test-results/NAME.png (a folder with nothing to show is timed to the end of its audit)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runInWorkbench } from './browser.mjs';
import { buildExtension, buildSuite } from './build.mjs';
import { runDirs, startCodeServer } from './code-server.mjs';
import { CACHE, REPO, main, phase } from './env.mjs';
import { setup } from './setup.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dir = path.resolve(
  args.find((a, i) => !a.startsWith('--') && !['--runs', '--dev', '--shot', '--open'].includes(args[i - 1])) ??
    path.join(REPO, 'examples'),
);
const shot = option('--shot', undefined);
const SCREENSHOTS = path.join(REPO, 'test-results');
const shotEnv = shot
  ? { SOP_E2E_SCREENSHOTS: SCREENSHOTS, SOP_BENCH_SHOT: shot, SOP_BENCH_OPEN: option('--open', '') }
  : {};
const runs = Math.max(1, Number(option('--runs', 1)));
const devPath = path.resolve(option('--dev', REPO));
const MARK = '[e2e:bench] ';

await main(async () => {
  await setup();
  const suite = await phase('build the bench session', async () => {
    const [, out] = await Promise.all([
      args.includes('--no-build') ? undefined : buildExtension('--production'),
      buildSuite('bench'),
    ]);
    return out;
  });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    mkdirSync(path.join(CACHE, 'runs'), { recursive: true });
    const dirs = runDirs(mkdtempSync(path.join(CACHE, 'runs/bench-')));
    const server = await startCodeServer(dirs, dir, shotEnv);
    let sample;
    const log = console.log;
    console.log = (...line) => {
      const text = line.join(' ');
      if (text.startsWith(MARK)) sample = JSON.parse(text.slice(MARK.length));
      else log(...line);
    };
    try {
      const code = await runInWorkbench({
        origin: server.origin,
        folder: dir,
        testsPath: path.join(suite, 'index.js'),
        devPath,
        tmp: dirs.tmp,
        timeoutMs: 600_000,
        screenshots: shot ? SCREENSHOTS : dirs.tmp,
        failureShot: path.join(dirs.dir, 'failure.png'),
      });
      if (code !== 0 || !sample) throw new Error(`bench session failed (exit ${code}); logs in ${dirs.dir}`);
    } finally {
      console.log = log;
      await server.stop();
    }
    rmSync(dirs.dir, { recursive: true, force: true });
    const phases = (sample.roots ?? [])
      .map(
        (r) =>
          `${r.name}: ${Object.entries({ ...r.timings, publishing: r.publishing })
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
      )
      .join('; ');
    console.error(
      `[e2e] run ${i + 1}/${runs}: activation to first diagnostics ${sample.activationToDiagnosticsMs ?? '?'} ms (audit started after ${sample.activationToAuditMs ?? '?'} ms), host start to diagnostics ${sample.hostUptimeAtDiagnosticsMs} ms${phases ? ` (${phases})` : ''}`,
    );
    samples.push(sample);
  }
  const median = (key) => {
    const v = samples
      .map((s) => s[key])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return v.length === 0 ? undefined : v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  process.stdout.write(
    `BENCH ${JSON.stringify({ dir, runs, activationToDiagnosticsMs: median('activationToDiagnosticsMs'), hostUptimeAtDiagnosticsMs: median('hostUptimeAtDiagnosticsMs'), samples })}\n`,
  );
  return true;
});
