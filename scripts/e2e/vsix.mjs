// The VSIX as shipped: `npm run package`, install the result into an isolated code-server
// with its own `--install-extension`, and run test/e2e/vsix-suite against the installed copy
// (our repository is never the extensionDevelopmentPath), proving it activates and audits.
// Usage: node scripts/e2e/vsix.mjs
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSuite } from './build.mjs';
import { installVsix } from './code-server.mjs';
import { REPO, main, phase, run } from './env.mjs';
import { newRunDir, runSuite } from './run.mjs';
import { setup } from './setup.mjs';
import { listZip, vsixProblems } from './vsix-contents.mjs';

const VSIX = path.join(REPO, 'sop-maturity.vsix');

/**
 * The workbench runs extensionTestsPath only in an extension development host, so the suite
 * directory doubles as an empty development extension with its own id: it contributes nothing
 * and cannot shadow the installed `sop-maturity.sop-maturity`.
 */
function emptyHostExtension(dir) {
  const manifest = { name: 'vsix-e2e-host', publisher: 'sop-maturity', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** Installs `vsix` into a fresh run dir and runs the VSIX suite against a copy of examples/. */
export async function testVsix(vsix) {
  const suite = await buildSuite('vsix-suite');
  const runDir = newRunDir();
  await phase('install the VSIX into code-server', () => installVsix(runDir.dirs, vsix));
  const workspace = path.join(runDir.dirs.dir, 'examples');
  cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
  const ok = await runSuite({
    dirs: runDir.dirs,
    workspace,
    testsPath: path.join(suite, 'index.js'),
    devPath: emptyHostExtension(suite),
  });
  if (ok) runDir.pass();
  return ok;
}

/**
 * Lists what the package holds and fails on what must never ship: source maps, sources, tests,
 * absolute paths of this machine inside a bundle (`!media/**` once shipped a 66 KB panel.js.map).
 */
function checkContents(vsix) {
  const entries = listZip(readFileSync(vsix));
  for (const e of entries) console.log(`[e2e]   ${e.name} (${e.data.length} bytes)`);
  const problems = vsixProblems(entries, [REPO, os.homedir()]);
  for (const p of problems) console.error(`[e2e] must not ship: ${p}`);
  return problems.length === 0;
}

if (import.meta.filename === process.argv[1]) {
  await main(async () => {
    await setup();
    // stdin closed: vsce asks questions (missing repository field, ...) that must fail, not hang.
    await phase('npm run package', () =>
      run('npm', ['run', 'package'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] }),
    );
    console.log(`[e2e] ${path.basename(VSIX)}: ${(statSync(VSIX).size / 1024).toFixed(1)} KiB`);
    if (!checkContents(VSIX)) return false;
    return testVsix(VSIX);
  });
}
