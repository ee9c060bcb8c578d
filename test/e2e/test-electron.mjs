// The same end-to-end suite the conventional way, for contributors with a desktop:
// @vscode/test-electron downloads VS Code (our CI machines cannot, hence scripts/e2e/run.mjs)
// and runs test/e2e/suite in an Extension Development Host on a throwaway copy of examples/.
// On a Linux machine without a display, wrap it in `xvfb-run -a`.
// Usage: npm run test:vscode      (VSCODE_VERSION=stable|insiders|x.y.z, default: the version code-server ships)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension, buildSuite } from '../../scripts/e2e/build.mjs';
import { CACHE, REPO } from '../../scripts/e2e/env.mjs';

/** VS Code 1.139.1 is what code-server 4.139.1 runs, so both routes test the same workbench. */
const VERSION = process.env.VSCODE_VERSION || '1.139.1';

const [, suite] = await Promise.all([buildExtension(), buildSuite('suite')]);
const dir = mkdtempSync(path.join(tmpdir(), 'sop-maturity-e2e-'));
const workspace = path.join(dir, 'examples');
cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
try {
  await runTests({
    version: VERSION,
    cachePath: path.join(CACHE, 'vscode-test'),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(suite, 'index.js'),
    launchArgs: [
      workspace,
      '--user-data-dir',
      path.join(dir, 'user-data'),
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (e) {
  console.error(`end-to-end tests failed: ${e.message ?? e}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
