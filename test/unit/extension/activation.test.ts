/**
 * The extension's entry bundle (package.json "main") is a small shell: it
 * holds none of the engine, registers every contributed command during
 * `activate` and loads the host bundle just after activation, or at once when
 * a command needs it. Built here with the options of esbuild.mjs and run with
 * a stand-in `vscode` and a stand-in host.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
const mainFile = path.normalize(pkg.main);

let code: string;
let metafile: Metafile;
let hostFile: string;

beforeAll(async () => {
  const esbuildConfig = path.join(root, 'esbuild.mjs');
  const { builds } = (await import(pathToFileURL(esbuildConfig).href)) as { builds: BuildOptions[] };
  const shell = builds.find((b) => path.normalize(b.outfile!) === mainFile);
  expect(shell, `esbuild.mjs builds ${pkg.main}`).toBeDefined();
  const host = builds.find((b) => path.normalize(b.outfile!) === path.join('dist', 'host.js'));
  expect(host, 'esbuild.mjs builds dist/host.js').toBeDefined();
  hostFile = path.basename(host!.outfile!);
  const result = await build({
    ...shell!,
    absWorkingDir: root,
    minify: true,
    sourcemap: false,
    write: false,
    metafile: true,
    outfile: path.join(root, shell!.outfile!),
  });
  code = result.outputFiles![0].text;
  metafile = result.metafile!;
}, 60_000);

interface Registered {
  commands: Map<string, (...args: unknown[]) => unknown>;
  errors: string[];
}

/** A fake host whose command handlers return their id and arguments. */
function fakeHost(idle: Promise<void> = Promise.resolve()) {
  const commands = Object.fromEntries(contributed.map((id) => [id, vi.fn((...args: unknown[]) => ({ id, args }))]));
  const api = { getReport: vi.fn(() => ({ root: '/repo' })), whenIdle: vi.fn(() => idle), statusText: () => 'OML 3' };
  return { commands, api };
}

/** Evaluates the shell bundle as CommonJS with `require('vscode')` and the host bundle stood in. */
function loadShell(startHost: (context: unknown) => unknown) {
  const registered: Registered = { commands: new Map(), errors: [] };
  const vscode = {
    commands: {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        if (registered.commands.has(id)) throw new Error(`command '${id}' already exists`);
        registered.commands.set(id, handler);
        return { dispose: () => registered.commands.delete(id) };
      },
    },
    window: { showErrorMessage: (message: string) => void registered.errors.push(message) },
  };
  const dist = path.join(root, path.dirname(mainFile));
  const requireStub = (request: string) => {
    if (request === 'vscode') return vscode;
    if (request === 'node:path' || request === 'path') return path;
    if (request === path.join(dist, hostFile)) return { startHost };
    throw new Error(`the shell must not require ${request}`);
  };
  const module = { exports: {} as { activate(context: unknown): ShellApi } };
  new Function('exports', 'require', 'module', '__filename', '__dirname', code)(
    module.exports,
    requireStub,
    module,
    path.join(root, mainFile),
    dist,
  );
  const context = { subscriptions: [] as { dispose(): void }[] };
  const api = module.exports.activate(context);
  return { api, context, registered };
}

interface ShellApi {
  getReport(folder?: unknown): unknown;
  whenIdle(): Promise<void>;
  statusText(): string;
}

const nextImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('extension shell', () => {
  it('is small and bundles nothing but itself and the shared constants', () => {
    // configName.ts is the engine's one-line module of the configuration file's name, with no imports.
    expect(Object.keys(metafile.inputs).sort()).toEqual([
      'src/core/config/configName.ts',
      'src/extension/constants.ts',
      'src/extension/main.ts',
    ]);
    expect(code.length).toBeLessThan(8_000);
    for (const heavy of ['micromark', 'yaml', 'ajv', 'mdast']) expect(code).not.toContain(heavy);
  });

  it('registers every contributed command, once, before activate returns, and starts the host just after', async () => {
    const host = fakeHost();
    const startHost = vi.fn(() => host);
    const { context, registered } = loadShell(startHost);
    expect([...registered.commands.keys()].sort()).toEqual([...contributed].sort());
    expect(startHost).not.toHaveBeenCalled();
    await nextImmediate();
    expect(startHost).toHaveBeenCalledTimes(1);
    expect(startHost).toHaveBeenCalledWith(context);
    const result = registered.commands.get('sopMaturity.auditWorkspace')!();
    expect(result).toEqual({ id: 'sopMaturity.auditWorkspace', args: [] });
    expect(startHost).toHaveBeenCalledTimes(1);
  });

  it('starts the host at once for a command that comes before it, and forwards the arguments', async () => {
    const host = fakeHost();
    const startHost = vi.fn(() => host);
    const { registered } = loadShell(startHost);
    for (const id of contributed) {
      expect(registered.commands.get(id)!('a', 2)).toEqual({ id, args: ['a', 2] });
      expect(host.commands[id]).toHaveBeenCalledWith('a', 2);
    }
    expect(startHost).toHaveBeenCalledTimes(1);
    await nextImmediate();
    expect(startHost).toHaveBeenCalledTimes(1);
  });

  it('is idle only once the host has started and is idle itself', async () => {
    let hostIdle!: () => void;
    const host = fakeHost(new Promise<void>((resolve) => (hostIdle = resolve)));
    const { api } = loadShell(() => host);
    expect(api.getReport()).toBeUndefined();
    expect(api.statusText()).toBe('');
    let idle = false;
    void api.whenIdle().then(() => (idle = true));
    await nextImmediate();
    await nextImmediate();
    expect(idle).toBe(false);
    expect(api.getReport()).toEqual({ root: '/repo' });
    expect(api.statusText()).toBe('OML 3');
    hostIdle();
    await vi.waitFor(() => expect(idle).toBe(true));
  });

  it('never starts the host once disposed', async () => {
    const startHost = vi.fn(() => fakeHost());
    const { api, context, registered } = loadShell(startHost);
    for (const d of context.subscriptions) d.dispose();
    await nextImmediate();
    expect(startHost).not.toHaveBeenCalled();
    expect(registered.commands.size).toBe(0);
    await expect(api.whenIdle()).rejects.toThrow(/deactivated/);
  });

  it('reports a host that fails to start, and every command then fails with its error', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { api, registered } = loadShell(() => {
      throw new Error('broken host');
    });
    await nextImmediate();
    expect(registered.errors).toEqual(['SOP Maturity failed to start: broken host']);
    expect(() => registered.commands.get('sopMaturity.openPanel')!()).toThrow('broken host');
    await expect(api.whenIdle()).rejects.toThrow('broken host');
    expect(consoleError).toHaveBeenCalledTimes(1);
    consoleError.mockRestore();
  });
});

describe('VSIX contents', () => {
  it('ships the host bundle the shell loads', () => {
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const bundle of [mainFile, path.join('dist', 'host.js'), path.join('dist', 'worker.js')])
      expect(ignore).toContain(`!${bundle.split(path.sep).join('/')}`);
  });
});
