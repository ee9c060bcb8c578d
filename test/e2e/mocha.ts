// Shared mocha runner for the suites that run inside the VS Code extension host.
// The test files are listed by each suite's index.ts (explicit, no glob), and mocha
// itself is not bundled: it resolves from the repository's node_modules at run time.
import Mocha from 'mocha';
import path from 'node:path';

/**
 * Runs the given compiled test files (paths relative to `dir`) with the TDD UI.
 * Rejects when any test fails, which makes the workbench report a non-zero exit code.
 */
export function runMocha(name: string, dir: string, files: string[]): Promise<void> {
  // The log reaches us as plain console lines through the workbench: no colours.
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The plain "N passed, N failed" line CI logs are read for.
      console.log(`${name}: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
