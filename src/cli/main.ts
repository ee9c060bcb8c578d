/** Entry point of the `sop-maturity` executable (bundled to dist/cli.js). */
import { run } from './run';

// exitCode rather than process.exit(): a piped report must be flushed before the process ends.
// `history` answers with a promise; the other commands finish synchronously.
void Promise.resolve(
  run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }),
).then((code) => {
  process.exitCode = code;
});
