// Entry point VS Code loads as extensionTestsPath (code-server payload or @vscode/test-electron).
import { runMocha } from '../mocha';

/** Test files of this suite, in run order; add new ones here. */
const FILES = ['smoke.test.js'];

export function run(): Promise<void> {
  return runMocha('e2e', __dirname, FILES);
}
