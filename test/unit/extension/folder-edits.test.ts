/**
 * Edits of long documents reach the engine without blocking the extension
 * host (`FolderAudit.updateText`): a long text is parsed off the host's
 * thread (here by a stand-in worker that answers when the test says so), and
 * its facts are stored only if nothing newer came for the file meanwhile: a
 * newer text, a short text set at once, a removal or a reload drops them.
 * The host bundle holds no `Atomics.wait` at all.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SopDocument } from '../../../src/core/parse/facts';

/** Parses handed to the stand-in worker, in order; `answer` resolves one (even after an abort, as a late answer). */
const worker = vi.hoisted(() => ({ requests: [] as { text: string; signal?: AbortSignal; answer: () => void }[] }));

vi.mock('../../../src/node/timeLimit', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/node/timeLimit')>();
  const parseWithTimeLimitAsync: typeof actual.parseWithTimeLimitAsync = (file, rubric, options) => {
    if (!actual.needsTimeLimit(file, options)) return actual.parseWithTimeLimitAsync(file, rubric, options);
    return new Promise<SopDocument>((resolve) => {
      const answer = () => resolve(actual.parseHere(file, rubric, options));
      worker.requests.push({ text: file.text, signal: options.signal, answer });
    });
  };
  return { ...actual, parseWithTimeLimitAsync: vi.fn(parseWithTimeLimitAsync) };
});

vi.mock('vscode', async () => {
  const fake = await import('../fakes/vscode');
  return {
    ...fake,
    workspace: {
      textDocuments: [],
      findFiles: async () => [],
      getConfiguration: () => ({ get: () => undefined }),
    },
  };
});

import * as vscode from 'vscode';
import { FolderAudit } from '../../../src/extension/folder';
import { TIME_LIMIT_CHARS } from '../../../src/node/timeLimit';

const REL = 'docs/rotate.md';
/** A procedure titled `title`, longer than TIME_LIMIT_CHARS. */
function longSop(title: string): string {
  const steps = Array.from({ length: 200 }, (_, i) => `${i + 1}. Rotate key ${i} of ${title} and check the service.`);
  return `---\nowner: ops\n---\n# ${title}\n\n## Procedure\n\n${steps.join('\n')}\n`;
}
const SHORT = '---\nowner: ops\n---\n# Short\n\n## Procedure\n\n1. Rotate.\n';

let root: string;

beforeEach(() => {
  worker.requests = [];
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-ext-edits-'));
  fs.mkdirSync(path.join(root, 'docs'));
  fs.writeFileSync(path.join(root, REL), SHORT);
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function load(audit = new FolderAudit(folder())): Promise<FolderAudit> {
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  expect(await audit.load(token as unknown as vscode.CancellationToken, () => undefined)).toBe(true);
  return audit;
}

function folder(): vscode.WorkspaceFolder {
  return { uri: vscode.Uri.file(root), name: 'repo', index: 0 } as unknown as vscode.WorkspaceFolder;
}

const title = (audit: FolderAudit) => audit.document(REL)?.title;

describe('long edits parsed off the host thread', () => {
  it('parses a long text on the worker and stores its facts when they arrive', async () => {
    const audit = await load();
    expect(longSop('A').length).toBeGreaterThan(TIME_LIMIT_CHARS);
    const a = audit.updateText(REL, longSop('A'), 2);
    expect(worker.requests).toHaveLength(1);
    // Nothing is stored until the worker answers.
    expect(title(audit)).toBe('Short');
    worker.requests[0].answer();
    expect((await a)?.title).toBe('A');
    expect(title(audit)).toBe('A');
    expect(audit.recompute().documents.find((d) => d.path === REL)?.title).toBe('A');
  });

  it('drops an older parse that answers after a newer text', async () => {
    const audit = await load();
    const a = audit.updateText(REL, longSop('A'), 2);
    const b = audit.updateText(REL, longSop('B'), 3);
    expect(worker.requests.map((r) => r.signal?.aborted)).toEqual([true, false]);
    worker.requests[1].answer();
    expect((await b)?.title).toBe('B');
    // The older parse answers late (its worker did not see the abort in time): dropped.
    worker.requests[0].answer();
    expect(await a).toBeUndefined();
    expect(title(audit)).toBe('B');
    expect(audit.versionOf(REL)).toBe(3);
  });

  it('drops a parse overtaken by a short text, which is stored at once', async () => {
    const audit = await load();
    const a = audit.updateText(REL, longSop('A'), 2);
    const short = audit.updateText(REL, SHORT.replace('# Short', '# Shorter'), 3);
    expect(title(audit)).toBe('Shorter');
    worker.requests[0].answer();
    expect(await a).toBeUndefined();
    expect((await short)?.title).toBe('Shorter');
    expect(title(audit)).toBe('Shorter');
  });

  it('drops a parse whose file was removed (deleted, or its folder)', async () => {
    const audit = await load();
    const a = audit.updateText(REL, longSop('A'), 2);
    expect(audit.remove('docs')).toBe(true);
    worker.requests[0].answer();
    expect(await a).toBeUndefined();
    expect(audit.document(REL)).toBeUndefined();
    expect(audit.knownPaths()).toEqual([]);
  });

  it('drops a parse started before a reload', async () => {
    const audit = await load();
    const a = audit.updateText(REL, longSop('A'), 2);
    await load(audit);
    worker.requests[0].answer();
    expect(await a).toBeUndefined();
    // The reload read the disk: the file's text there.
    expect(title(audit)).toBe('Short');
  });

  it('parses the same text once, however often it is given', async () => {
    const audit = await load();
    const first = audit.updateText(REL, longSop('A'), 2);
    const again = audit.updateText(REL, longSop('A'), 2);
    expect(worker.requests).toHaveLength(1);
    worker.requests[0].answer();
    expect(await again).toBe(await first);
    // Once stored, the text's facts are at hand: no parse.
    expect((await audit.updateText(REL, longSop('A'), 2))?.title).toBe('A');
    expect(worker.requests).toHaveLength(1);
  });

  it('gives snapshots of exactly the text: waiting for a long one, or none when the caller cannot wait', async () => {
    const audit = await load();
    const text = longSop('A');
    const editor = { uri: audit.uri(REL), version: 2, isClosed: false, getText: () => text };
    const document = editor as unknown as vscode.TextDocument;
    // The hover cannot wait: no snapshot while the facts are not there.
    expect(audit.readySnapshotOf(document, REL)).toBeUndefined();
    const snap = audit.snapshotOf(document, REL);
    worker.requests[0].answer();
    expect((await snap)?.doc.title).toBe('A');
    expect(audit.readySnapshotOf(document, REL)?.doc.title).toBe('A');
  });
});

describe('the extension host bundle', () => {
  it('never blocks its thread on a worker: it holds no Atomics.wait, only Atomics.waitAsync', async () => {
    const project = fileURLToPath(new URL('../../..', import.meta.url));
    const config = pathToFileURL(path.join(project, 'esbuild.mjs')).href;
    const { builds } = (await import(config)) as { builds: BuildOptions[] };
    const host = builds.find((b) => path.normalize(b.outfile!) === path.join('dist', 'host.js'))!;
    const outfile = path.join(project, host.outfile!);
    const result = await build({ ...host, absWorkingDir: project, sourcemap: false, write: false, outfile });
    const code = result.outputFiles!.find((f) => f.path.endsWith('.js'))!.text;
    expect(code).not.toMatch(/Atomics\.wait\(/);
    expect(code).toMatch(/Atomics\.waitAsync/);
  }, 60_000);
});
