// Compiles what the extension host loads: the extension itself (the project's esbuild.mjs)
// and a test suite (test/e2e/<suite>/*.ts -> out/e2e/<suite>/*.js, one file per entry).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO, run } from './env.mjs';

export function buildExtension(...flags) {
  return run(process.execPath, ['esbuild.mjs', ...flags], { cwd: REPO });
}

/**
 * Each test file stays its own module so mocha can `require` it after installing its globals.
 * `vscode` is provided by the extension host; `mocha` resolves from node_modules at run time
 * (out/ is inside the repository), which keeps its dynamic requires (reporters, UIs) working.
 * @returns {Promise<string>} the compiled suite directory (extensionTestsPath is its index.js)
 */
export async function buildSuite(name) {
  const src = path.join(REPO, 'test/e2e', name);
  const outdir = path.join(REPO, 'out/e2e', name);
  await esbuild.build({
    entryPoints: readdirSync(src)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(src, f)),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return outdir;
}
