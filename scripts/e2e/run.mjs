// End-to-end tests in a real VS Code: code-server on 127.0.0.1 with the extension under
// development and test/e2e/suite loaded into its Node extension host, on a throwaway copy
// of examples/; then test/e2e/roots in a second session on a multi-root fixture workspace
// (scripts/e2e/fixtures.mjs: a code project that is not an SOP repository, an SOP repository
// with a nested audit root and a gitignored folder). The suite's screenshots land in
// test-results/ (e2e-workbench.png).
// Usage: node scripts/e2e/run.mjs [--only suite|roots]   (E2E_TIMEOUT_MS overrides the 5-minute limit)
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runInWorkbench } from './browser.mjs';
import { buildExtension, buildSuite } from './build.mjs';
import { runDirs, startCodeServer } from './code-server.mjs';
import { CACHE, REPO, main, onCleanup, phase } from './env.mjs';
import { writeRootsWorkspace } from './fixtures.mjs';
import { setup } from './setup.mjs';

const SCREENSHOTS = path.join(REPO, 'test-results');
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 300_000;

/** A run dir under .cache/e2e/runs, removed after a pass and kept (with its logs) after a failure. */
export function newRunDir() {
  mkdirSync(path.join(CACHE, 'runs'), { recursive: true });
  const dirs = runDirs(mkdtempSync(path.join(CACHE, 'runs/run-')));
  let passed = false;
  onCleanup(() =>
    passed ? rmSync(dirs.dir, { recursive: true, force: true }) : console.log(`[e2e] logs kept in ${dirs.dir}`),
  );
  return { dirs, pass: () => (passed = true) };
}

/** Starts code-server on `workspace`, runs one suite in the workbench, reports whether it passed. */
export async function runSuite({ dirs, workspace, testsPath, devPath }) {
  const server = await phase('start code-server', () =>
    startCodeServer(dirs, workspace, { SOP_E2E_SCREENSHOTS: SCREENSHOTS }),
  );
  onCleanup(server.stop);
  const code = await phase('run tests in the workbench', () =>
    runInWorkbench({
      origin: server.origin,
      folder: workspace,
      testsPath,
      devPath,
      tmp: dirs.tmp,
      timeoutMs: TIMEOUT_MS,
      screenshots: SCREENSHOTS,
      failureShot: path.join(dirs.dir, 'failure.png'),
    }),
  );
  console.log(
    `[e2e] extension tests finished: ${code === 'timeout' ? `timed out after ${TIMEOUT_MS / 1000} s` : `exit code ${code}`}`,
  );
  return code === 0;
}

if (import.meta.filename === process.argv[1]) {
  await main(async () => {
    const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
    await setup();
    const [suite, roots] = await phase('build extension and suites', async () =>
      (await Promise.all([buildExtension(), buildSuite('suite'), buildSuite('roots')])).slice(1),
    );
    let ok = true;
    if (only === undefined || only === 'suite') {
      const run = newRunDir();
      // Tests edit and save files, so they get a copy of the sample repository.
      const workspace = path.join(run.dirs.dir, 'examples');
      cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
      const passed = await runSuite({
        dirs: run.dirs,
        workspace,
        testsPath: path.join(suite, 'index.js'),
        devPath: REPO,
      });
      if (passed) run.pass();
      ok &&= passed;
    }
    if (only === undefined || only === 'roots') {
      const run = newRunDir();
      const workspace = writeRootsWorkspace(path.join(run.dirs.dir, 'roots'));
      const passed = await runSuite({
        dirs: run.dirs,
        workspace,
        testsPath: path.join(roots, 'index.js'),
        devPath: REPO,
      });
      if (passed) run.pass();
      ok &&= passed;
    }
    return ok;
  });
}
