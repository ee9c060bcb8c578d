// Runs the editor-latency benchmark (`editor.mjs`) in this process and prints its figures as JSON, so that the
// main benchmark can run it in a child process with a big heap:
//
//   node --max-old-space-size=4096 scripts/bench/editor-child.mjs <coreBundle> <root> <cacheDir> <asOf> [deltaModule]
import { editorLatency } from './editor.mjs';

const [coreBundle, root, cacheDir, asOf, deltaModule] = process.argv.slice(2);
if (!coreBundle || !root || !cacheDir || !asOf) {
  process.stderr.write(
    'usage: node scripts/bench/editor-child.mjs <coreBundle> <root> <cacheDir> <asOf> [deltaModule]\n',
  );
  process.exit(2);
}
const result = await editorLatency({
  coreBundle,
  root,
  cacheDir,
  asOf,
  ...(deltaModule ? { deltaModule } : {}),
  saveCache: process.env.SOP_BENCH_SAVE_CACHE === '1',
});
process.stdout.write(JSON.stringify(result));
