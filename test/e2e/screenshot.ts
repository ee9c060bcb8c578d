// Lets a test ask the harness for a screenshot of the workbench at a moment it chooses:
// once the tests end the workbench tears the extension host down, and with it the
// diagnostics and webviews worth seeing. The harness sets SOP_E2E_SCREENSHOTS (a directory)
// and watches the log for the marker; without it (e.g. @vscode/test-electron) this is a no-op.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from './api';

/** Asks for `<SOP_E2E_SCREENSHOTS>/<name>.png` and waits until the harness has written it. */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env.SOP_E2E_SCREENSHOTS;
  if (!dir) return;
  const file = path.join(dir, `${name}.png`);
  rmSync(file, { force: true });
  console.log(`[e2e:screenshot] ${name}`);
  await waitFor(`screenshot ${file}`, () => existsSync(file), 30_000);
}
