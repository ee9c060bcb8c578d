/**
 * The layer rules of eslint.config.mjs (ARCHITECTURE.md, "Code map") fail on planted violations and pass the
 * imports the layers are meant to use. Each snippet is linted in memory at a virtual path below src/, with the
 * project's own configuration, so a glob or pattern that stops matching fails here and not only in review.
 * The last test lints the real src/ with the layer rules alone (`npm run lint` runs every rule).
 */
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: path.join(ROOT, 'eslint.config.mjs'),
  ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
});

/** The layer rules' messages for `code` as if it were the file `file` (relative to the project root). */
async function layerMessages(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.fatal || LAYER_RULES.has(m.ruleId ?? ''));
}

/** [virtual file, code, rule that must report it, words its message must hold]. */
const VIOLATIONS: [string, string, string, string][] = [
  // vscode only in src/extension
  ['src/core/x.ts', "import * as vscode from 'vscode';", 'no-restricted-imports', 'only src/extension'],
  ['src/node/x.ts', "import { Uri } from 'vscode';", 'no-restricted-imports', 'only src/extension'],
  ['src/cli/format/x.ts', "import type { Uri } from 'vscode';", 'no-restricted-imports', 'only src/extension'],
  ['src/shared/x.ts', "import { window } from 'vscode';", 'no-restricted-imports', 'only src/extension'],
  ['src/webview/views/x.ts', "import * as vscode from 'vscode';", 'no-restricted-imports', 'only src/extension'],
  // the engine does no I/O and imports neither Node I/O nor a shell
  ['src/core/x.ts', "import { readFileSync } from 'node:fs';", 'no-restricted-imports', 'does no I/O'],
  ['src/core/audit/x.ts', "import { readFile } from 'node:fs/promises';", 'no-restricted-imports', 'does no I/O'],
  ['src/core/x.ts', "import { spawn } from 'node:child_process';", 'no-restricted-imports', 'does no I/O'],
  ['src/core/x.ts', "import { Worker } from 'node:worker_threads';", 'no-restricted-imports', 'does no I/O'],
  ['src/core/x.ts', "import { createServer } from 'node:net';", 'no-restricted-imports', 'does no I/O'],
  ['src/core/x.ts', "import { get } from 'node:https';", 'no-restricted-imports', 'does no I/O'],
  ['src/core/x.ts', "import os from 'node:os';", 'no-restricted-imports', 'does no I/O'],
  ['src/core/x.ts', "import fs from 'fs';", 'no-restricted-imports', '`node:` prefix'],
  ['src/core/x.ts', "import path from 'node:path';", 'no-restricted-imports', 'only posix of node:path'],
  ['src/core/x.ts', "import { join } from 'node:path';", 'no-restricted-imports', 'only posix of node:path'],
  ['src/core/x.ts', "import { randomUUID } from 'node:crypto';", 'no-restricted-imports', 'only createHash'],
  ['src/core/x.ts', 'export const home = process.env.HOME;', 'no-restricted-globals', 'environment'],
  ['src/core/audit/x.ts', "import { parseGuarded } from '../../node/pool';", 'no-restricted-imports', 'src/node'],
  ['src/core/audit/x.ts', "import type { Pool } from '../../node/pool';", 'no-restricted-imports', 'src/node'],
  ['src/core/x.ts', "import { run } from '../cli/run';", 'no-restricted-imports', 'src/cli is a shell'],
  ['src/core/report/x.ts', "export * from '../../extension/host';", 'no-restricted-imports', 'src/extension'],
  // src/node imports neither shell
  ['src/node/x.ts', "import { run } from '../cli/run';", 'no-restricted-imports', 'src/cli is a shell'],
  ['src/node/x.ts', "import { startHost } from '../extension/host';", 'no-restricted-imports', 'src/extension'],
  // the shells do not import each other (static, re-export, import =, import() and require())
  ['src/extension/x.ts', "import { parseArgs } from '../cli/args';", 'no-restricted-imports', 'other shell'],
  ['src/extension/x.ts', "export { parseArgs } from '../cli/args';", 'no-restricted-imports', 'other shell'],
  ['src/extension/x.ts', "import args = require('../cli/args');", 'no-restricted-imports', 'other shell'],
  ['src/extension/x.ts', "export const m = import('../cli/run');", 'no-restricted-syntax', 'other shell'],
  ['src/extension/x.ts', "export const m = require('../cli/run');", 'no-restricted-syntax', 'other shell'],
  ['src/cli/x.ts', "import { startHost } from '../extension/host';", 'no-restricted-imports', 'other shell'],
  // the panel's browser code: no shell, no Node, the engine and Node I/O only as types
  ['src/webview/x.ts', "import { x } from '../extension/x';", 'no-restricted-imports', 'by message'],
  [
    'src/webview/views/x.ts',
    "import { panelHtml } from '../../extension/panelHtml';",
    'no-restricted-imports',
    'by message',
  ],
  ['src/webview/x.ts', "import { parseArgs } from '../cli/args';", 'no-restricted-imports', 'by message'],
  ['src/webview/x.ts', "import { readFileSync } from 'node:fs';", 'no-restricted-imports', 'no Node modules'],
  [
    'src/webview/x.ts',
    "import { audit } from '../core/index';",
    'no-restricted-imports',
    '`import type` from it is fine',
  ],
  [
    'src/webview/x.ts',
    "import { readHistory } from '../node/history';",
    'no-restricted-imports',
    '`import type` from it is fine',
  ],
  ['src/webview/x.ts', "export const m = import('../core/index');", 'no-restricted-syntax', 'does not bundle'],
  ['src/webview/x.ts', "export const b = Buffer.from('x');", 'no-restricted-globals', 'environment'],
  ['src/shared/x.ts', "import { startHost } from '../extension/host';", 'no-restricted-imports', 'src/shared is what'],
  ['src/shared/x.ts', "import { run } from '../cli/run';", 'no-restricted-imports', 'src/shared is what'],
  ['src/shared/x.ts', "import { posix } from 'node:path';", 'no-restricted-imports', 'no Node modules'],
  [
    'src/shared/x.ts',
    "import { DEFAULT_OPTIONS } from '../core/report/types';",
    'no-restricted-imports',
    '`import type` from it is fine',
  ],
  [
    'src/shared/x.ts',
    "import { type Report, REPORT_VERSION } from '../core/index';",
    'no-restricted-imports',
    '`import type` from it is fine',
  ],
  // nothing runs the panel's code but the panel
  ['src/extension/x.ts', "import { render } from '../webview/app';", 'no-restricted-imports', 'browser bundle'],
];

/** [virtual file, code] that the layers are meant to use. */
const ALLOWED: [string, string][] = [
  ['src/shared/x.ts', "import type { Report } from '../core/report/types';"],
  ['src/shared/x.ts', "import { type Report } from '../core/index';"],
  ['src/shared/x.ts', "import type { HistoryPoint } from '../node/history';"],
  ['src/webview/views/x.ts', "import type { Report } from '../../core/report/types';"],
  ['src/webview/x.ts', "import { h } from './h';\nimport { levelName } from '../shared/summary';"],
  ['src/core/report/x.ts', "import { percent } from '../../shared/text';"],
  ['src/core/x.ts', "import { posix } from 'node:path';"],
  ['src/core/x.ts', "import { createHash } from 'node:crypto';"],
  ['src/core/report/x.ts', "import { pathToFileURL } from 'node:url';"],
  ['src/core/x.ts', "import { parseDocument } from 'yaml';\nimport schema from '../../rubrics/rubric.schema.json';"],
  ['src/core/parse/x.ts', "export const bytes = Buffer.from('x', 'utf16le');"],
  ['src/node/x.ts', "import { Worker } from 'node:worker_threads';\nimport { audit } from '../core/index';"],
  ['src/cli/x.ts', "import { readFileSync } from 'node:fs';\nimport { discover } from '../node/discover';"],
  ['src/cli/format/x.ts', "import { percent } from '../../shared/text';\nimport { audit } from '../../core/index';"],
  ['src/extension/x.ts', "import * as vscode from 'vscode';\nimport { discover } from '../node/discover';"],
  ['src/extension/x.ts', "import { readFile } from 'node:fs/promises';\nconst host = require(HOST_BUNDLE);"],
  [
    'test/unit/x.test.ts',
    "import { parseArgs } from '../../src/cli/args';\nimport { startHost } from '../../src/extension/host';",
  ],
];

describe('layer rules', () => {
  it.each(VIOLATIONS)('%s: %s is an error', async (file, code, rule, words) => {
    const messages = await layerMessages(file, code);
    expect(messages.map((m) => [m.ruleId, m.severity])).toContainEqual([rule, 2]);
    expect(messages.find((m) => m.ruleId === rule)?.message).toContain(words);
  });

  it.each(ALLOWED)('%s: %s is allowed', async (file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });

  it('src/ as it stands keeps the layer rules', async () => {
    const results = await eslint.lintFiles(['src']);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
