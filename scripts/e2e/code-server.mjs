// Starts and stops one isolated code-server: its own user-data, extensions, XDG and TMP
// dirs under a throwaway run dir, bound to a free port on 127.0.0.1 without auth.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CS_ENTRY, NODE24, run } from './env.mjs';

/** Settings that keep the workbench quiet and deterministic: no telemetry, updates, trust prompt, welcome page or AI chat (nor its side bar). */
const SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** The directories one run owns; all of them live under `dir` so one rm cleans up. */
export function runDirs(dir) {
  const d = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    xdg: path.join(dir, 'xdg'),
    tmp: path.join(dir, 'tmp'),
    log: path.join(dir, 'code-server.log'),
  };
  for (const p of [path.join(d.userData, 'User'), d.extensions, d.xdg, d.tmp]) mkdirSync(p, { recursive: true });
  writeFileSync(path.join(d.userData, 'User/settings.json'), JSON.stringify(SETTINGS, null, 2));
  return d;
}

function isolatedEnv(d) {
  return { ...process.env, XDG_CONFIG_HOME: d.xdg, XDG_DATA_HOME: d.xdg, XDG_CACHE_HOME: d.xdg, TMPDIR: d.tmp };
}

function commonArgs(d) {
  return ['--user-data-dir', d.userData, '--extensions-dir', d.extensions];
}

/** Installs a VSIX into the run's extensions dir with code-server's own CLI (the way a user would). */
export function installVsix(d, vsix) {
  return run(NODE24, [CS_ENTRY, ...commonArgs(d), '--install-extension', vsix], { quiet: true, env: isolatedEnv(d) });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
  });
}

/**
 * Starts code-server in its own process group (so stop() also ends the extension host and
 * the other children it forks) and waits until it answers /healthz.
 * `enable-smoke-test-driver` makes the built workbench honour the URL `payload`
 * (extensionDevelopmentPath / extensionTestsPath), the web equivalent of `code --extensionTestsPath`.
 * `env` reaches the extension host, which code-server forks with its own environment.
 */
export async function startCodeServer(d, workspace, env = {}) {
  const port = await freePort();
  const bind = `127.0.0.1:${port}`;
  const config = path.join(d.dir, 'config.yaml');
  writeFileSync(config, `bind-addr: ${bind}\nauth: none\ncert: false\n`);
  const out = openSync(d.log, 'a');
  const child = spawn(
    NODE24,
    [
      CS_ENTRY,
      '--config',
      config,
      '--bind-addr',
      bind,
      '--auth',
      'none',
      ...commonArgs(d),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option',
      'enable-smoke-test-driver',
      workspace,
    ],
    { detached: true, stdio: ['ignore', out, out], env: { ...isolatedEnv(d), ...env } },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => stopGroup(child, () => exited);
  const origin = `http://${bind}`;
  for (const deadline = Date.now() + 60_000; ;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${d.log}`);
    if (
      await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { origin, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer within 60 s; see ${d.log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** SIGTERM to the whole group, SIGKILL after 5 s if anything is left. */
async function stopGroup(child, hasExited) {
  const signal = (s) => {
    try {
      process.kill(-child.pid, s);
    } catch {
      /* group already gone */
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 50 && !hasExited(); i++) await new Promise((r) => setTimeout(r, 100));
  signal('SIGKILL');
}
