/**
 * Loads the real panel page (the host's HTML and CSP, the esbuild bundle,
 * media/panel.css) into headless Chromium under a fake webview origin, with a
 * fake `acquireVsCodeApi` that records what the panel posts and saves.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Report } from '../../src/core/report/types';
import type { HostMessage } from '../../src/shared/protocol';
import { panelHtml } from '../../src/extension/panelHtml';
import { themeBodyClass, themeCss, type ThemeName } from './themes';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const ORIGIN = 'https://panel.test';
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA';

/** Builds the webview bundle in memory, exactly as esbuild.mjs does. */
export async function buildBundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: ['src/webview/main.ts'],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the page collected that a test may assert on. */
export interface PanelPage {
  page: Page;
  /** Uncaught errors and console errors. */
  errors: string[];
  dialogs: string[];
  post(message: HostMessage): Promise<void>;
  /** Messages the panel posted to the host, in order. */
  posted(): Promise<unknown[]>;
  /** The state the panel last saved with setState. */
  state(): Promise<unknown>;
  /** Content-Security-Policy violations the page reported. */
  cspViolations(): Promise<string[]>;
}

/**
 * Opens the panel in a new page. `savedState` is what `getState` returns,
 * as after a reload.
 */
export async function openPanel(
  browser: Browser,
  bundle: string,
  options: { theme?: ThemeName; width?: number; savedState?: unknown } = {},
): Promise<PanelPage> {
  const theme = options.theme ?? 'dark';
  const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  // Stands in for what VS Code injects before the page's own script.
  const fakeApi = `
    window.__posted = [];
    window.__state = ${JSON.stringify(options.savedState ?? null)} ?? undefined;
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
    });`;
  const html = panelHtml({
    cspSource: ORIGIN,
    nonce: NONCE,
    scriptUri: `${ORIGIN}/panel.js`,
    styleUri: `${ORIGIN}/panel.css`,
  })
    .replace(
      '<head>',
      `<head>\n<link rel="stylesheet" href="${ORIGIN}/theme.css">\n<script nonce="${NONCE}">${fakeApi}</script>`,
    )
    .replace('<body>', `<body class="${themeBodyClass(theme)}">`);

  const files: Record<string, { body: string; contentType: string }> = {
    '/index.html': { body: html, contentType: 'text/html' },
    '/panel.js': { body: bundle, contentType: 'text/javascript' },
    '/panel.css': { body: readFileSync('media/panel.css', 'utf8'), contentType: 'text/css' },
    '/theme.css': { body: themeCss(theme), contentType: 'text/css' },
  };
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    return file ? route.fulfill({ status: 200, ...file }) : route.abort();
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);

  return {
    page,
    errors,
    dialogs,
    // Resolves once the panel's own message listener (registered first) has run.
    post: (message) =>
      page.evaluate(
        (m) =>
          new Promise<void>((resolve) => {
            window.addEventListener('message', () => setTimeout(resolve, 0), { once: true });
            window.postMessage(m, '*');
          }),
        message,
      ),
    posted: () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted),
    state: () => page.evaluate(() => (window as unknown as { __state: unknown }).__state),
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
  };
}

/** The realistic report the panel tests render. */
export function sampleReport(): Report {
  return JSON.parse(readFileSync('test/fixtures/reports/panel-sample.json', 'utf8')) as Report;
}

/**
 * A browser and the panel bundle for the tests of one describe block: both
 * made before its first test, the browser closed after its last. Call it in
 * the describe body; `open` shows the panel with a report.
 */
export function usePanel(): { open(report: Report, options?: Parameters<typeof openPanel>[2]): Promise<PanelPage> } {
  let browser: Browser | undefined;
  let bundle = '';
  beforeAll(async () => {
    [browser, bundle] = await Promise.all([launch(), buildBundle()]);
  });
  afterAll(async () => browser?.close());
  return {
    async open(report, options = {}) {
      const p = await openPanel(browser!, bundle, options);
      await p.post({ type: 'report', report });
      return p;
    },
  };
}

/** Text of each match, its text nodes joined by single spaces (as a reader sees separate words). */
export function textOf(p: PanelPage, selector: string): Promise<string[]> {
  return p.page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const parts: string[] = [];
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
      return parts
        .map((t) => t.trim())
        .filter(Boolean)
        .join(' ');
    }),
  );
}

/** No page error, console error, dialog or CSP violation happened. */
export async function expectClean(p: PanelPage): Promise<void> {
  expect(p.errors).toEqual([]);
  expect(p.dialogs).toEqual([]);
  expect(await p.cspViolations()).toEqual([]);
}
