// Builds the bundles: the extension's shell (dist/extension.js, package.json "main": small, so activation
// is fast) and its host (dist/host.js: the implementation and the engine, loaded by the shell), both node,
// cjs, `vscode` external; the CLI (node), the parse worker and the panel's browser code.
// Usage: node esbuild.mjs [--production] [--watch]. Imported (the tests read `builds`), it builds nothing.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Hash of the engine's sources and rubrics: caches of facts and reports made by another build are not reused. */
function engineBuild() {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(p);
      else hash.update(p).update(readFileSync(p));
    }
  };
  walk('src/core');
  walk('src/node');
  walk('rubrics');
  return hash.digest('hex').slice(0, 12);
}

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  define: {
    __SOP_MATURITY_VERSION__: JSON.stringify(pkg.version),
    __SOP_MATURITY_BUILD__: JSON.stringify(engineBuild()),
  },
  loader: { '.yaml': 'text', '.json': 'json' },
  legalComments: 'none',
};

/** Every bundle's esbuild options; `outfile` is relative to the project root. */
export const builds = [
  {
    ...common,
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/extension/host.ts'],
    outfile: 'dist/host.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['src/node/parseWorker.ts'],
    outfile: 'dist/worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/panel.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((b) => existsEntry(b.entryPoints[0]));

function existsEntry(p) {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
}

const invoked = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (!invoked) {
  // Imported: the caller only wants the options.
} else if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] building');
} else {
  // Build every bundle even when one fails, so a broken bundle does not leave the others half written.
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    console.error(`${failed.length} of ${builds.length} bundles failed to build`);
    process.exit(1);
  }
}
