/**
 * The parse worker built with esbuild as in the real bundle (dist/worker.js
 * is made the same way), into a temporary folder, so that tests run the real
 * worker path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Builds the worker; `dispose` removes it. */
export async function buildWorker(): Promise<{ script: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sop-worker-'));
  const script = join(dir, 'worker.js');
  await build({
    entryPoints: ['src/node/parseWorker.ts'],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    define: { __SOP_MATURITY_VERSION__: JSON.stringify('0.0.0-test') },
    loader: { '.yaml': 'text', '.json': 'json' },
    logLevel: 'silent',
  });
  return { script, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
