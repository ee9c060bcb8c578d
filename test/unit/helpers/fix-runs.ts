/**
 * Real `--fix` processes on generated SOP folders, for the concurrency and
 * crash tests: the documents, the runs, and what a folder holds afterwards.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const cli = path.join(projectRoot, 'dist', 'cli.js');
/** Preloaded into a CLI process to kill it at a counted file-system step (see kill-at.cjs). */
export const killer = path.join(projectRoot, 'test', 'unit', 'helpers', 'kill-at.cjs');
const AS_OF = '2026-11-23';
/**
 * Two runs that write different files: run B reads "Preparation" as a steps
 * section (a rubric that says so), so its checklist holds the preparation
 * steps; run A's holds the procedure's. Each leaves the other's document
 * alone (a document with a checklist gets no second one).
 */
export type Run = 'a' | 'b';
export const RUN_A: Run = 'a';
export const RUN_B: Run = 'b';
const RUBRIC_B = path.join(projectRoot, 'test', 'fixtures', 'rubrics', 'preparation-steps.yaml');

/**
 * A temporary folder for the runs of one test file, made before its tests
 * (the bundle is built first when it is missing) and removed after them.
 */
export function useRunsFolder(): () => string {
  let base = '';
  beforeAll(() => {
    if (!fs.existsSync(cli)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'pipe' });
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-fix-runs-'));
  }, 120_000);
  afterAll(() => {
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });
  return () => base;
}

/**
 * A procedure with everything but a checklist, which `--fix` builds from its
 * written steps (from the procedure's in run A, the preparation's in run B);
 * LF or CRLF. One fix a document keeps the runs short.
 */
export function sop(i: number): string {
  const eol = i % 3 === 0 ? '\r\n' : '\n';
  return [
    '---',
    `title: Morning check ${i}`,
    'type: sop',
    `owner: team-${i % 7}`,
    'category: Service desk',
    'automation: manual for now',
    'metrics: time to complete',
    '---',
    `# Morning check ${i}`,
    '',
    '## Purpose',
    '',
    `This procedure keeps service ${i} healthy for every managed client: the technician on duty runs it each morning, records what was found in the ticket and escalates anything unusual to the team lead before noon.`,
    '',
    '## Prerequisites',
    '',
    '- Access to the console.',
    '',
    '## Preparation',
    '',
    `1. Book a slot for service ${i} in the change calendar.`,
    `2. Tell the client of service ${i} when it starts.`,
    '',
    '## Procedure',
    '',
    `1. Open the console of service ${i}.`,
    `2. Check that job ${i} finished.`,
    `3. Close ticket ${i}.`,
    '',
    '## Verification',
    '',
    `The dashboard of service ${i} is green.`,
    '',
  ].join(eol);
}

/** Writes `count` documents into a fresh folder `name` under `base` and returns it. */
export function makeRepo(base: string, name: string, count: number): string {
  const root = path.join(base, name);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'docs', 'sops'), { recursive: true });
  for (let i = 0; i < count; i++)
    fs.writeFileSync(path.join(root, 'docs', 'sops', `p${String(i).padStart(3, '0')}.md`), sop(i));
  return root;
}

/** Every document's bytes, by name. */
export function snapshot(root: string): Map<string, Buffer> {
  const dir = path.join(root, 'docs', 'sops');
  return new Map(
    fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .map((n) => [n, fs.readFileSync(path.join(dir, n))]),
  );
}

/** Files our atomic writes or the lock would leave behind. */
export function leftovers(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (/\.tmp$|\.sopmaturity\.lock/.test(e.name)) out.push(path.relative(root, path.join(dir, e.name)));
    }
  };
  walk(root);
  return out;
}

export const fixArgs = (root: string, run: Run) => [
  cli,
  'audit',
  root,
  '--fix',
  '--no-cache',
  '--quiet',
  '--as-of',
  AS_OF,
  ...(run === RUN_B ? ['--rubric', RUBRIC_B] : []),
];

export function fixAlone(root: string, run: Run): void {
  const r = spawnSync(process.execPath, fixArgs(root, run), { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

export function fixAsync(
  root: string,
  run: Run,
  onStderr?: (soFar: string) => void,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, fixArgs(root, run), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
