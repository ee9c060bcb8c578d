// Entry point of the second session (scripts/e2e/run.mjs): a multi-root workspace written by
// scripts/e2e/fixtures.mjs, with a code project that is not an SOP repository ("plain") and an
// SOP repository ("sops") holding a nested audit root, a gitignored folder and a broken front matter.
import { runMocha } from '../mocha';

/** `startup` comes first: it looks at the window before any test opens an editor or activates the extension. */
const FILES = ['startup.test.js', 'roots.test.js'];

export function run(): Promise<void> {
  return runMocha('roots', __dirname, FILES);
}
