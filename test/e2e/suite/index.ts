// Entry point VS Code loads as extensionTestsPath (code-server payload or @vscode/test-electron).
import { runMocha } from '../mocha';

/**
 * Test files of this suite, in run order; add new ones here. `diagnostics` comes first (it
 * looks at files nobody opened yet); `smoke` stays last: it leaves the panel and the Problems
 * view open and takes the workbench screenshot.
 */
const FILES = [
  'diagnostics.test.js',
  'quickfix.test.js',
  'menu.test.js',
  'fixall.test.js',
  'live.test.js',
  'kind.test.js',
  'commands.test.js',
  'explorer.test.js',
  'panel.test.js',
  'smoke.test.js',
];

export function run(): Promise<void> {
  return runMocha('e2e', __dirname, FILES);
}
