/**
 * Opening a real corpus for the regression suite: unpacked once under
 * .cache/corpora, read the way the CLI reads a folder (discovery, owner
 * files, the documentation site), parsed on the engine's worker threads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Workspace, defaultConfig, loadBuiltinRubric, loadConfigText } from '../../src/core';
import { parseInParallel } from '../../src/node';
import { createFileExists, discover, readTextFile } from '../../src/node/discover';
import { readSite } from '../../src/node/site';

export const CORPORA = resolve('..', 'shared', 'corpora');
const CACHE = resolve('.cache', 'corpora');
/** The day every corpus is audited as of, so that review ages do not drift. */
export const AS_OF = '2026-11-23';

/** Unpacks an archive once into .cache/corpora/NAME and returns the folder holding the repository. */
export function unpackCorpus(archive: string): string {
  const name = archive.replace(/\.tar\.gz$/, '');
  const dir = join(CACHE, name);
  if (!existsSync(join(dir, '.unpacked'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(CORPORA, archive), '-C', dir]);
    execFileSync('touch', [join(dir, '.unpacked')]);
  }
  const inner = readdirSync(dir).filter((n) => !n.startsWith('.'));
  return inner.length === 1 ? join(dir, inner[0]) : dir;
}

/** A workspace holding every Markdown and owner file of `root`, as the CLI would read them. */
export function openWorkspace(root: string): Workspace {
  const configFile = join(root, '.sopmaturity.yml');
  const config = existsSync(configFile)
    ? loadConfigText(readFileSync(configFile, 'utf8'), configFile).config
    : defaultConfig();
  const rubric = loadBuiltinRubric();
  const found = discover(root, config);
  const ws = new Workspace({
    root,
    config,
    rubric,
    asOf: AS_OF,
    fileExists: createFileExists(root),
    site: readSite(root, config),
  });
  for (const f of found.ownerFiles) {
    const read = readTextFile(root, f);
    if (read.ok) ws.setOwnerFile(f, read.text);
  }
  const files: { path: string; text: string }[] = [];
  for (const f of found.markdown) {
    const read = readTextFile(root, f);
    if (read.ok) files.push({ path: f, text: read.text });
    else ws.addError(f, read.message);
  }
  const docs = parseInParallel(files, rubric, {
    maxFileBytes: config.maxFileBytes,
    maxParseMs: config.maxParseMs,
    workerScript: resolve('dist', 'worker.js'),
  });
  for (const d of docs) ws.putDocument(d);
  return ws;
}
