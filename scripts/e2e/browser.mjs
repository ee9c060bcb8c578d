// Opens the workbench in Debian's Chromium (driven by playwright-core) with the extension
// tests in the URL payload, relays the extension host's log, and resolves with the exit code
// the workbench reports when the tests end.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './env.mjs';

/** A test asking for a screenshot (see test/e2e/screenshot.ts). */
const SCREENSHOT_REQUEST = /^\[e2e:screenshot\] ([\w.-]+)$/;
/** Workbench chatter that says nothing about our tests. */
const NOISE =
  /open-vsx|authentication provider|socket|connection token|grace time|builtin extensions cache|Service Worker|AgentHost|AccountPolicyGate|ChatModelSelection|^\s+at /;

/**
 * @param {object} o
 * @param {string} o.origin      code-server origin, e.g. http://127.0.0.1:1234
 * @param {string} o.folder      workspace folder on the server, or a `.code-workspace` file (a multi-root workspace)
 * @param {string} o.testsPath   module exporting run(), on the server
 * @param {string} [o.devPath]   extension under development; omitted to test an installed VSIX
 * @param {string} o.tmp         where the browser profile goes
 * @param {string} o.screenshots directory for the screenshots the tests ask for
 * @param {string} o.failureShot PNG taken when the tests fail or time out, to see where the workbench stood
 * @param {number} o.timeoutMs
 * @returns {Promise<number|'timeout'>}
 */
export async function runInWorkbench(o) {
  // Paths in the payload must name the server side: the remote authority is the page's host:port.
  const remote = (p) => `vscode-remote://${new URL(o.origin).host}${p}`;
  const payload = [['extensionTestsPath', remote(o.testsPath)]];
  if (o.devPath) payload.unshift(['extensionDevelopmentPath', remote(o.devPath)]);
  const open = o.folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  const url = `${o.origin}/?${open}=${encodeURIComponent(o.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const profile = mkdtempSync(path.join(o.tmp, 'chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    let finish;
    const finished = new Promise((r) => (finish = r));
    // The smoke-test driver calls these two window functions: log lines, then the exit code.
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = util.format(...(args ?? []));
      const shot = SCREENSHOT_REQUEST.exec(line);
      if (shot) void capture(page, path.join(o.screenshots, `${shot[1]}.png`));
      else if (!NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    await page.goto(url);
    let timer;
    const code = await Promise.race([
      finished,
      new Promise((r) => (timer = setTimeout(() => r('timeout'), o.timeoutMs))),
    ]);
    clearTimeout(timer);
    if (code !== 0) await capture(page, o.failureShot);
    return code;
  } finally {
    await ctx.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Writes a PNG once the webviews on screen have rendered (their content loads asynchronously). */
async function capture(page, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  await webviewsRendered(page).catch((e) => console.warn(`[e2e] webviews not rendered: ${e.message}`));
  await page.screenshot({ path: file }).then(
    () => console.log(`[e2e] screenshot ${file}`),
    (e) => console.warn(`[e2e] screenshot failed: ${e.message}`),
  );
}

/**
 * Each webview is an outer iframe (`iframe.webview`) whose document swaps in an inner frame
 * with id `active-frame` once the extension's HTML has loaded; waits until every one has a body.
 */
async function webviewsRendered(page, timeoutMs = 15_000) {
  /* global document -- rendered() runs inside the page, through evaluate() */
  const rendered = () => document.getElementById('active-frame')?.contentDocument?.body?.childElementCount > 0;
  for (const deadline = Date.now() + timeoutMs; ;) {
    const outers = await page.locator('iframe.webview').elementHandles();
    const ready = await Promise.all(
      outers.map(async (h) => (await h.contentFrame())?.evaluate(rendered).catch(() => false)),
    );
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) throw new Error(`${ready.filter(Boolean).length} of ${ready.length} webviews rendered`);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(300); // one more paint for layout and fonts
}
