/** Runs the CLI in process (`run` from src/cli/run.ts) and collects what it writes. */
import { run, type CliIo } from '../../../src/cli/run';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `sop-maturity ARGV` in `cwd`, with an empty environment unless `io` says otherwise. */
export function runCli(argv: readonly string[], cwd: string, io: Partial<CliIo> = {}): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd,
    ...io,
  }) as number;
  return { code, stdout, stderr };
}
